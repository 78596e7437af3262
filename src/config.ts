/**
 * Configuration is read from the environment once, validated, and frozen. A bad value stops the
 * process at start with a message naming the variable, rather than surfacing later as a 500.
 */

import { availableParallelism } from 'node:os';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  readonly env: Environment;
  readonly host: string;
  readonly port: number;
  /** Real PostgreSQL when set; otherwise the embedded PGlite database under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly dbPoolMax: number;
  readonly migrateOnStart: boolean;
  /**
   * Loading the seed at start: `always` loads missing rows (idempotent), `if-empty` only into a
   * database holding no data yet (a first start), `never` leaves it to `npm run seed`.
   */
  readonly seedOnStart: SeedMode;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** JSON lines for machines; readable lines for a person at a terminal. */
  readonly logFormat: 'json' | 'pretty';
  readonly graphiql: boolean;
  readonly introspection: boolean;
  readonly auth: AuthConfig;
  readonly limits: LimitsConfig;
  readonly cors: CorsConfig;
  /**
   * JSON POSTs whose operation succeeds are answered without yoga's HTTP layer
   * (server/json-fast-path.ts); false sends every request through yoga.
   */
  readonly jsonFastPath: boolean;
  /**
   * Processes serving the port: 1 = this process alone (no cluster); more = a primary that
   * migrates, seeds and forks this many node:cluster workers, each an instance of its own.
   */
  readonly workers: number;
  /** How long shutdown waits for in-flight requests before closing connections. */
  readonly shutdownGraceMs: number;
  readonly metrics: MetricsConfig;
  /**
   * OpenTelemetry traces, exported over OTLP: on when OTEL_EXPORTER_OTLP_ENDPOINT (or
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, unless OTEL_SDK_DISABLED=true or
   * OTEL_TRACES_EXPORTER=none. The exporter reads the other standard OTEL_* variables itself.
   */
  readonly tracing: boolean;
}

export type SeedMode = 'always' | 'if-empty' | 'never';

export interface MetricsConfig {
  /** Prometheus metrics listener; 0 = no metrics at all (nothing is collected). */
  readonly port: number;
  /** Loopback unless set: the metrics listener is for the scraper, not the public. */
  readonly host: string;
}

export interface AuthConfig {
  readonly jwtSecret: string | undefined;
  readonly jwksUrl: string | undefined;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  /** When true, reads and subscriptions need a token too (any role). */
  readonly requireAuthForReads: boolean;
}

export interface CorsConfig {
  /** Origins answered with credentials: exact (`https://app.example`) or any port (`http://localhost:*`). */
  readonly origins: readonly string[];
  /** `*` was listed: any other origin may read answers too, without credentials. */
  readonly anyOrigin: boolean;
}

export interface LimitsConfig {
  readonly maxPageSize: number;
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
  readonly maxBodyBytes: number;
  /** Operations (subscriptions, or queries still running) one WebSocket may hold at once. */
  readonly maxSubscriptionsPerSocket: number;
  /** WebSockets, and separately SSE streams, one client address may hold open (0 = no cap). */
  readonly maxSocketsPerAddress: number;
  /** Mutations per client address per window (0 = no limit). */
  readonly writeRateLimit: number;
  readonly writeRateWindowMs: number;
  /** Queries costing at least this much count against the expensive-read limit. */
  readonly expensiveReadCost: number;
  /** Expensive queries per client address per window (0 = no limit). */
  readonly expensiveReadRateLimit: number;
  readonly expensiveReadRateWindowMs: number;
  /** Take the client address from the last X-Forwarded-For entry (one trusted proxy in front). */
  readonly trustProxy: boolean;
  readonly persistedOperationsOnly: boolean;
  /** JSON manifest { "<sha256 of the document>": "<document>" } served in persisted-operations mode. */
  readonly persistedOperationsFile: string;
  /** How long a WebSocket may stay open without sending connection_init. */
  readonly wsConnectionInitTimeoutMs: number;
  /** Ping interval; a socket that has not answered the previous ping is terminated (0 = no pings). */
  readonly wsKeepAliveMs: number;
  /**
   * How long an SSE stream (subscription or live query over HTTP) may stay open before its
   * connection is cut (0 = no limit): a client gone without a packet, or no longer reading, is
   * otherwise held until TCP gives up; a live client reconnects with Last-Event-ID and resumes.
   */
  readonly sseMaxStreamMs: number;
  readonly subscriberQueueLimit: number;
  /**
   * A WebSocket with more than this many bytes waiting to be sent gets no more live events written
   * at once (server/ws-fanout.ts): its subscriptions read the log at their pace instead.
   */
  readonly wsSendBufferBytes: number;
  /** A burst of changes re-runs a live query at most twice per this window (the first at once). */
  readonly liveQueryThrottleMs: number;
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function readUrl(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${url.protocol}`);
  }
  return raw;
}

/**
 * Unset: load missing seed rows in development and tests, and only into an empty database in
 * production, so a production start never writes reference data over a database in use.
 */
function readSeedMode(env: Env, production: boolean): SeedMode {
  const raw = env.SEED_ON_START;
  if (raw === undefined || raw === '') return production ? 'if-empty' : 'always';
  return readBool(env, 'SEED_ON_START', false) ? 'always' : 'never';
}

/** WORKERS: unset or 1 = one process; N = N workers; `auto` = one per core. */
function readWorkers(env: Env, embedded: boolean): number {
  const raw = env.WORKERS?.trim() ?? '';
  if (raw !== '' && raw !== 'auto' && !/^\d+$/.test(raw)) {
    throw new ConfigError(`WORKERS must be a positive integer or auto, got "${env.WORKERS}"`);
  }
  const workers = raw === 'auto' ? availableParallelism() : readInt(env, 'WORKERS', 1, 1, 1024);
  if (workers > 1 && embedded) {
    // PGlite lives inside one process: a second process would open its own copy of the files.
    throw new ConfigError(
      `WORKERS=${raw} needs DATABASE_URL: the embedded database (PGlite) cannot be shared by several processes`,
    );
  }
  return workers;
}

function tracingConfigured(env: Env): boolean {
  if (readBool(env, 'OTEL_SDK_DISABLED', false) || env.OTEL_TRACES_EXPORTER === 'none') return false;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
    ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
    : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  return readUrl(env, endpoint, ['http:', 'https:']) !== undefined;
}

/** A comma-separated list of origins; unset means the local dev servers, outside production. */
function readCorsOrigins(env: Env, production: boolean): CorsConfig {
  const raw = env.CORS_ORIGINS;
  if (raw === undefined) {
    return { origins: production ? [] : ['http://localhost:*', 'http://127.0.0.1:*'], anyOrigin: false };
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    if (entry === '*') continue;
    const anyPort = entry.endsWith(':*');
    const origin = anyPort ? entry.slice(0, -2) : entry;
    // URL.origin is the canonical spelling a browser sends: no path, lower case, no default port.
    if (parseOrigin(origin).origin !== origin || (anyPort && new URL(origin).port !== '')) {
      throw new ConfigError(
        `CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port] or scheme://host:*), nor *`,
      );
    }
  }
  return { origins: entries.filter((entry) => entry !== '*'), anyOrigin: entries.includes('*') };
}

function parseOrigin(entry: string): URL {
  try {
    const url = new URL(entry);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {}
  throw new ConfigError(`CORS_ORIGINS: "${entry}" is not an http(s) origin`);
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = readEnum(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const production = nodeEnv === 'production';
  // Per-client limits are on everywhere but in the test suite, where every in-process request
  // shares one address; the tests that exercise them set them explicitly.
  const perClientDefault = (value: number) => (nodeEnv === 'test' ? 0 : value);
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key)');
  }
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const config: Config = {
    env: nodeEnv,
    host: env.HOST || '0.0.0.0',
    port: readInt(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: env.DATA_DIR || '.data',
    dbPoolMax: readInt(env, 'DB_POOL_MAX', 10, 1, 200),
    migrateOnStart: readBool(env, 'MIGRATE_ON_START', true),
    seedOnStart: readSeedMode(env, production),
    logLevel: readEnum(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    // Pretty only where a person reads stdout; anything collecting it (a pipe, a file) gets JSON.
    logFormat: readEnum(env, 'LOG_FORMAT', ['json', 'pretty'], !production && process.stdout.isTTY ? 'pretty' : 'json'),
    graphiql: readBool(env, 'GRAPHIQL', !production),
    introspection: readBool(env, 'INTROSPECTION', !production),
    jsonFastPath: readBool(env, 'JSON_FAST_PATH', true),
    auth: {
      jwtSecret,
      jwksUrl: readUrl(env, 'JWT_JWKS_URL', ['https:', 'http:']),
      issuer: env.JWT_ISSUER || undefined,
      audience: env.JWT_AUDIENCE || undefined,
      requireAuthForReads: readBool(env, 'REQUIRE_AUTH_FOR_READS', false),
    },
    limits: {
      maxPageSize: readInt(env, 'MAX_PAGE_SIZE', 100, 1, 10_000),
      maxDepth: readInt(env, 'MAX_QUERY_DEPTH', 10, 2, 100),
      maxCost: readInt(env, 'MAX_QUERY_COST', 10_000, 1, 10_000_000),
      maxAliases: readInt(env, 'MAX_ALIASES', 30, 1, 1000),
      maxDirectives: readInt(env, 'MAX_DIRECTIVES', 20, 1, 1000),
      maxTokens: readInt(env, 'MAX_TOKENS', 2000, 100, 100_000),
      maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 100_000, 1024, 10_000_000),
      maxSubscriptionsPerSocket: readInt(env, 'MAX_SUBSCRIPTIONS_PER_SOCKET', 20, 1, 10_000),
      maxSocketsPerAddress: readInt(env, 'MAX_SOCKETS_PER_ADDRESS', perClientDefault(50), 0, 1_000_000),
      writeRateLimit: readInt(env, 'WRITE_RATE_LIMIT', perClientDefault(60), 0, 1_000_000),
      writeRateWindowMs: readInt(env, 'WRITE_RATE_WINDOW_MS', 60_000, 1000, 3_600_000),
      expensiveReadCost: readInt(env, 'EXPENSIVE_READ_COST', 1000, 1, 10_000_000),
      expensiveReadRateLimit: readInt(env, 'EXPENSIVE_READ_RATE_LIMIT', perClientDefault(60), 0, 1_000_000),
      expensiveReadRateWindowMs: readInt(env, 'EXPENSIVE_READ_RATE_WINDOW_MS', 60_000, 1000, 3_600_000),
      trustProxy: readBool(env, 'TRUST_PROXY', false),
      persistedOperationsOnly: readBool(env, 'PERSISTED_OPERATIONS_ONLY', false),
      persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE || 'persisted-operations.json',
      wsConnectionInitTimeoutMs: readInt(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 3000, 100, 60_000),
      wsKeepAliveMs: readInt(env, 'WS_KEEPALIVE_MS', 12_000, 0, 600_000),
      sseMaxStreamMs: readInt(env, 'SSE_MAX_STREAM_MS', 600_000, 0, 86_400_000),
      subscriberQueueLimit: readInt(env, 'SUBSCRIBER_QUEUE_LIMIT', 1000, 10, 1_000_000),
      wsSendBufferBytes: readInt(env, 'WS_SEND_BUFFER_BYTES', 1_048_576, 0, 1_073_741_824),
      liveQueryThrottleMs: readInt(env, 'LIVE_QUERY_THROTTLE_MS', 250, 0, 60_000),
    },
    cors: readCorsOrigins(env, production),
    workers: readWorkers(env, databaseUrl === undefined),
    shutdownGraceMs: readInt(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
    metrics: Object.freeze({
      // Off in the test suite: instances it starts side by side would contend for one port.
      port: readInt(env, 'METRICS_PORT', nodeEnv === 'test' ? 0 : 9464, 0, 65535),
      host: env.METRICS_HOST || '127.0.0.1',
    }),
    tracing: tracingConfigured(env),
  };
  return Object.freeze(config);
}
