/**
 * Who is calling. Reads are public by default, so resolving the viewer never fails a request:
 * a missing, bad or expired token yields an anonymous viewer that remembers why, and the write
 * that needed the token fails with that reason (UNAUTHENTICATED) instead.
 */
import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { AuthConfig } from './config';

export type Role = 'anonymous' | 'viewer' | 'editor' | 'admin';

export interface Viewer {
  readonly role: Role;
  readonly subject: string | null;
  /** Seconds since the epoch; sockets use it to close when the token runs out. */
  readonly expiresAt: number | null;
  /** Why the viewer is anonymous although a credential was offered (or writes are not configured). */
  readonly problem: string | null;
}

export const anonymous = (problem: string | null = null): Viewer => ({
  role: 'anonymous',
  subject: null,
  expiresAt: null,
  problem,
});

/**
 * Synchronous unless a token's signature must be checked: a request without one (most reads) does
 * not wait on a promise for its viewer.
 */
export type Authenticator = (authorization: string | null | undefined) => Viewer | Promise<Viewer>;

const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

/** Verified tokens kept: a client sends the same token on every request until it renews it. */
const VERIFIED_TOKENS = 1_000;
/** How long a verified token is trusted without checking its signature again (keys can rotate). */
const VERIFIED_TTL_MS = 60_000;

export function createAuthenticator(config: AuthConfig): Authenticator {
  // A KeyObject: jose imports it into WebCrypto once (a Uint8Array is imported on every verify).
  const secret = config.jwtSecret ? createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) : undefined;
  const jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  const notConfigured = anonymous(
    'writes are disabled: the server has no JWT_SECRET or JWT_JWKS_URL (see README, "Authentication")',
  );
  const options = { issuer: config.issuer, audience: config.audience };
  // Token → its viewer and when it was verified; oldest first, so the first key is the one to evict.
  const verified = new Map<string, { viewer: Viewer; at: number }>();
  // One for every request and socket without a token (idle sockets each hold their viewer).
  const nobody = Object.freeze(anonymous());

  return (authorization) => {
    if (!authorization) return secret || jwks ? nobody : notConfigured;
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) return anonymous('the Authorization header must be "Bearer <JWT>"');
    if (!secret && !jwks) return notConfigured;
    const token = match[1]!;
    const now = Date.now();
    const known = verified.get(token);
    if (known && now - known.at < VERIFIED_TTL_MS) {
      // The same bytes verify the same way; only expiry moves (as jose checks it: exp <= now).
      const { expiresAt } = known.viewer;
      if (expiresAt === null || expiresAt > Math.floor(now / 1000)) return known.viewer;
    }
    if (known) verified.delete(token);
    return verify(token).then((viewer) => {
      if (viewer.role !== 'anonymous') {
        if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
        verified.set(token, { viewer, at: now });
      }
      return viewer;
    });
  };

  async function verify(token: string): Promise<Viewer> {
    let payload: JWTPayload;
    try {
      payload = secret
        ? (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload
        : (await jwtVerify(token, jwks!, options)).payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return anonymous('the token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        return anonymous(`the token's ${error.claim} claim is not accepted`);
      return anonymous('the token could not be verified');
    }
    const claimed = typeof payload.role === 'string' ? (payload.role as Role) : 'viewer';
    return {
      role: ROLES.includes(claimed) ? claimed : 'viewer',
      subject: payload.sub ?? null,
      expiresAt: payload.exp ?? null,
      problem: null,
    };
  }
}
