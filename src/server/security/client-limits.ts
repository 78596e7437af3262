/**
 * Per-client bookkeeping for the limits here and in ws-server.ts: who the client is (its
 * address), how many requests of a kind it may still make (token buckets), and how many long-lived
 * connections it holds. All in memory, per instance, and bounded: an attacker who rotates addresses
 * evicts the oldest entries rather than growing the maps.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { LimitsConfig } from '../../config';

/** What the WebSocket bridge adds to the initial context, so plugins can tell its operations apart. */
export const WEBSOCKET_TRANSPORT = 'websocket';

/** Per-process state of the per-client limits, shared by HTTP and the WebSocket server. */
export class ClientLimits {
  readonly writes: RateLimiter;
  readonly expensiveReads: RateLimiter;
  /** Concurrent SSE (and other streamed HTTP) responses per address. */
  readonly streams: ConnectionCounter;
  /** Concurrent WebSockets per address. */
  readonly sockets: ConnectionCounter;

  constructor(readonly limits: LimitsConfig) {
    this.writes = new RateLimiter(limits.writeRateLimit, limits.writeRateWindowMs);
    this.expensiveReads = new RateLimiter(limits.expensiveReadRateLimit, limits.expensiveReadRateWindowMs);
    this.streams = new ConnectionCounter(limits.maxSocketsPerAddress);
    this.sockets = new ConnectionCounter(limits.maxSocketsPerAddress);
  }

  /** The client an operation comes from: the Node request behind HTTP and WebSocket alike. */
  addressOf(context: { readonly req?: unknown }): string {
    return clientAddress(context.req as ClientRequest | undefined, this.limits.trustProxy);
  }
}

const MAX_TRACKED_CLIENTS = 100_000;

/**
 * "N per window" as a token bucket: a client may spend N at once, then one more every window / N.
 * `take` answers 0 when allowed, otherwise the whole seconds until the next request would be.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  take(key: string, now = Date.now()): number {
    if (!this.enabled) return 0;
    const perMs = this.limit / this.windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, at: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    // Re-inserting keeps the map in least-recently-used order, so eviction drops idle clients.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_TRACKED_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}

/** Open connections per client address, capped (0 = no cap). */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(readonly max: number) {}

  tryAcquire(key: string): boolean {
    const count = this.counts.get(key) ?? 0;
    if (this.max > 0 && count >= this.max) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const count = (this.counts.get(key) ?? 0) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }

  /** Connections held by every address together. */
  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }
}

/** The parts of a Node request (or a test's stand-in for one) that say who is calling. */
export interface ClientRequest {
  readonly socket?: { readonly remoteAddress?: string | undefined } | undefined;
  readonly headers?: IncomingHttpHeaders | undefined;
}

/**
 * The key limits are counted under. With TRUST_PROXY the last X-Forwarded-For entry, the one our
 * own proxy appended (earlier entries are the client's to forge). IPv6 clients are grouped by /64,
 * since one host commonly holds a whole /64.
 */
export function clientAddress(request: ClientRequest | undefined, trustProxy: boolean): string {
  let address: string | undefined;
  if (trustProxy) {
    const forwarded = request?.headers?.['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    address = list[list.length - 1]?.trim() || undefined;
  }
  address ??= request?.socket?.remoteAddress;
  if (!address) return 'unknown';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  return address.includes(':') ? ipv6Prefix64(address) : address;
}

function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
