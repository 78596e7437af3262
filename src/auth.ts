/**
 * Who is calling. Reads are public by default, so resolving the viewer never fails a request:
 * a missing, bad or expired token yields an anonymous viewer that remembers why, and the write
 * that needed the token fails with that reason (UNAUTHENTICATED) instead.
 */
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

export type Authenticator = (authorization: string | null | undefined) => Promise<Viewer>;

const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

export function createAuthenticator(config: AuthConfig): Authenticator {
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : undefined;
  const jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  const notConfigured = anonymous(
    'writes are disabled: the server has no JWT_SECRET or JWT_JWKS_URL (see README, "Authentication")',
  );
  const options = { issuer: config.issuer, audience: config.audience };
  // One for every request and socket without a token (idle sockets each hold their viewer).
  const nobody = Object.freeze(anonymous());

  return async (authorization) => {
    if (!authorization) return secret || jwks ? nobody : notConfigured;
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) return anonymous('the Authorization header must be "Bearer <JWT>"');
    if (!secret && !jwks) return notConfigured;
    let payload: JWTPayload;
    try {
      payload = secret
        ? (await jwtVerify(match[1]!, secret, { ...options, algorithms: ['HS256'] })).payload
        : (await jwtVerify(match[1]!, jwks!, options)).payload;
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
  };
}
