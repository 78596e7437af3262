/**
 * graphql-ws (the graphql-transport-ws protocol) on the HTTP server's port and path. Operations go
 * through yoga.getEnveloped, so they get the same context, limits, masking and rate limits as HTTP.
 *
 * This is graphql-ws's own `makeServer` with a small glue of our own instead of its `use/ws`
 * helper, which logs every client-caused frame error with console.error and answers a client that
 * sends a server-only message (next, error, connection_ack) with 4500 instead of 4400.
 *
 * Rules (README, "Security" › "WebSocket"): the PROTOCOL.md close codes (4400, 4401, 4403, 4406, 4408,
 * 4409, 4429); frames over MAX_BODY_BYTES close with 1009 and invalid UTF-8 with 1007 (ws); a ping
 * every WS_KEEPALIVE_MS, and a socket that has not answered the previous one is terminated; at
 * most MAX_SOCKETS_PER_ADDRESS sockets per client address (further upgrades get HTTP 429); at most
 * MAX_SUBSCRIPTIONS_PER_SOCKET operations at once per socket (a further subscribe gets an `error`
 * message with TOO_MANY_OPERATIONS, the socket stays open); with REQUIRE_AUTH_FOR_READS, no valid
 * token in connection_init closes with 4403; a socket whose token expires is closed with 4403
 * "Token expired" at the token's `exp`, and the client reconnects with a fresh token.
 */
import type { IncomingMessage, Server } from 'node:http';
import {
  type ExecutionArgs,
  GraphQLError,
  type execute as graphqlExecute,
  type subscribe as graphqlSubscribe,
} from 'graphql';
import { CloseCode, type WebSocket as GraphQLWsSocket, handleProtocols, MessageType, makeServer } from 'graphql-ws';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { type Authenticator, anonymous, type Viewer } from '../auth';
import type { Config } from '../config';
import { formatWireError } from './mask-error';
import { type ClientLimits, WEBSOCKET_TRANSPORT } from './security/client-limits';
import type { PersistedOperations } from './security/persisted-operations';
import type { WebSocketFanout } from './ws-fanout';

/**
 * What operations read of the upgrade request (client address, headers): kept instead of the
 * IncomingMessage itself, which would hold its stream state and raw headers for the socket's life.
 */
export interface UpgradeRequest {
  readonly headers: IncomingMessage['headers'];
  readonly socket: { readonly remoteAddress: string | undefined };
}

/** What every connection of one server shares. */
interface ConnectionDeps {
  readonly observer: WebSocketObserver | undefined;
}

/**
 * One socket's state in one object: graphql-ws's `extra`, and the socket graphql-ws talks to (its
 * methods on the prototype, not closures per socket: 10,000 idle sockets each hold one).
 */
class Connection implements GraphQLWsSocket {
  /** connection_init arrived (the init timeout's check). */
  initialised: true | undefined = undefined;
  viewer: Viewer | undefined = undefined;
  stopExpiryTimer: (() => void) | undefined = undefined;
  /** Per operation id, the observer's token for the `next` frame now being sent (metrics, traces); made on first use. */
  sending: Map<string, object> | undefined = undefined;
  /** Per operation id, what the request log reports when it ends (only with an operationEnded observer); made on first use. */
  operations: Map<string, SocketOperation> | undefined = undefined;
  /** graphql-ws's handler of this socket's messages, and what ends its operations when it closes. */
  handle: ((data: string) => Promise<void>) | undefined = undefined;
  closed: ((code: number, reason: string) => Promise<void>) | undefined = undefined;

  constructor(
    readonly socket: WebSocket,
    readonly request: UpgradeRequest,
    private readonly deps: ConnectionDeps,
  ) {}

  get protocol(): string {
    return this.socket.protocol;
  }

  /** Never rejects: a socket that closed mid-send is cleaned up by its close handler. */
  send(data: string): Promise<void> {
    const { socket, sending } = this;
    const id = sending?.size ? nextFrameId(data) : undefined;
    const token = id === undefined ? undefined : sending!.get(id);
    if (token) sending!.delete(id!);
    if (socket.readyState !== WebSocket.OPEN) return Promise.resolve();
    const { observer } = this.deps;
    return new Promise<void>((resolve) => {
      socket.send(data, (error) => {
        if (token && !error) observer?.written(token);
        resolve();
      });
    });
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  onMessage(handle: (data: string) => Promise<void>): void {
    this.handle = handle;
  }
}

/** An operation over the socket, followed from its `subscribe` message to its end. */
export interface SocketOperation {
  readonly startedAt: number;
  /** Once parsed: the document and the operation name asked for. */
  parsed?: Pick<ExecutionArgs, 'document' | 'operationName'>;
  errors?: readonly GraphQLError[];
}

/** Metrics and traces of this transport (observability/). */
export interface WebSocketObserver {
  closed(code: number): void;
  /** An upgrade refused by a per-address limit. */
  refused(rule: string): void;
  /** Errors sent in an `error` message, or in a `next` message's result. */
  errors(errors: readonly GraphQLError[], args: ExecutionArgs | undefined): void;
  /** A `next` frame of the operation with this context is about to be sent: a token to report it written with. */
  sending(contextValue: unknown): object | undefined;
  written(token: object): void;
  /** An operation ended: its result and `complete` sent, or an `error` message (the request log). */
  operationEnded?(operation: SocketOperation, request: UpgradeRequest): void;
}

/** The operation id of a `next` frame as graphql-ws serializes it ({"id":"…","type":"next",…}). */
function nextFrameId(data: string): string | undefined {
  if (!data.startsWith('{"id":"')) return undefined;
  const end = data.indexOf('","type":"next"', 7);
  return end > 0 ? data.slice(7, end) : undefined;
}

export interface GraphQLWebSocketServer {
  readonly clients: Set<WebSocket>;
  /** Closes every socket with 1001 (clients reconnect elsewhere and resume with `after`). */
  close(): void;
}

const SERVER_ONLY_MESSAGES: ReadonlySet<string> = new Set([
  MessageType.ConnectionAck,
  MessageType.Next,
  MessageType.Error,
]);

export function createGraphQLWebSocketServer(options: {
  server: Server;
  path: string;
  yoga: YogaServerInstance<any, any>;
  authenticate: Authenticator;
  config: Config;
  clients: ClientLimits;
  persisted: PersistedOperations | undefined;
  logger: Logger;
  /** Writes live events of subscriptions itself (ws-fanout.ts); told which operation is which. */
  fanout?: WebSocketFanout | undefined;
  observer?: WebSocketObserver | undefined;
  /** A cluster worker's number, sent as X-Worker on the upgrade response. */
  worker?: number | undefined;
}): GraphQLWebSocketServer {
  const { yoga, authenticate, config, clients, persisted, logger, fanout, observer } = options;
  const { limits } = config;

  /** The address each upgraded TCP socket counts against (MAX_SOCKETS_PER_ADDRESS). */
  const addresses = new WeakMap<object, string>();
  function releaseAddress(this: object) {
    const address = addresses.get(this);
    if (address === undefined) return;
    addresses.delete(this);
    clients.sockets.release(address);
  }
  const wsServer = new WebSocketServer({
    server: options.server,
    path: options.path,
    maxPayload: limits.maxBodyBytes,
    handleProtocols: (protocols) => handleProtocols(protocols),
    verifyClient: (info, accept) => {
      const address = clients.addressOf({ req: info.req });
      if (!clients.sockets.tryAcquire(address)) {
        observer?.refused('socketsPerAddress');
        accept(false, 429, 'Too many WebSocket connections from this address');
        return;
      }
      // The TCP socket closes however the WebSocket ends, or if the handshake never completes.
      // One listener for all (a socket closes once): not a closure and a `once` wrapper per socket.
      addresses.set(info.req.socket, address);
      info.req.socket.on('close', releaseAddress);
      accept(true);
    },
  });
  if (options.worker !== undefined) {
    const header = `X-Worker: ${options.worker}`;
    wsServer.on('headers', (headers) => headers.push(header));
  }

  const ended = (extra: Connection, id: string) => {
    const operation = extra.operations?.get(id);
    if (!operation) return;
    extra.operations!.delete(id);
    observer?.operationEnded?.(operation, extra.request);
  };

  const graphqlWs = makeServer<Record<string, unknown> | undefined, Connection>({
    // Ours (initTimeout below): graphql-ws keeps its timer in every socket's state for the socket's life.
    connectionInitWaitTimeout: 0,
    onConnect: async (ctx) => {
      ctx.extra.initialised = true;
      const token = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      // Read once: graphql-ws would otherwise hold the params (and the token) for the socket's life.
      (ctx as { connectionParams?: unknown }).connectionParams = undefined;
      const viewer = await authenticate(typeof token === 'string' ? token : null);
      if (config.auth.requireAuthForReads && viewer.role === 'anonymous') return false;
      ctx.extra.viewer = viewer;
      if (viewer.expiresAt !== null) ctx.extra.stopExpiryTimer = closeAtExpiry(ctx.extra.socket, viewer.expiresAt);
      return true;
    },
    onSubscribe: async (ctx, id, payload) => {
      const operation: SocketOperation | undefined = observer?.operationEnded
        ? { startedAt: performance.now() }
        : undefined;
      if (operation) (ctx.extra.operations ??= new Map()).set(id, operation);
      // The operation being subscribed is already counted in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
        return [
          new GraphQLError(`at most ${limits.maxSubscriptionsPerSocket} operations may run at once on one socket`, {
            extensions: { code: 'TOO_MANY_OPERATIONS' },
          }),
        ];
      }
      let query = payload.query;
      if (persisted) {
        const resolved = persisted.resolve(payload);
        if (resolved instanceof GraphQLError) return [resolved];
        query = resolved;
      }
      // graphql-ws keeps the message for as long as the operation runs: one copy of each text for all.
      query = internQuery(query);
      if (typeof payload.query === 'string') (payload as { query: string }).query = internQuery(payload.query);
      // Not graphql-ws's ctx itself: nothing reads it, and every subscription's context would copy it.
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        req: ctx.extra.request,
        socket: ctx.extra.socket,
        params: { ...payload, query },
        viewer: ctx.extra.viewer ?? anonymous(),
        transport: WEBSOCKET_TRANSPORT,
      });
      let document: ReturnType<typeof parse>;
      try {
        document = parse(query);
      } catch (error) {
        // A syntax error or the token limit: an `error` message for this operation, not a 4500.
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      if (operation) operation.parsed = { document, operationName: payload.operationName };
      const errors = validate(schema, document);
      if (errors.length) return errors;
      const contextValue = await contextFactory();
      fanout?.route(contextValue, ctx.extra.socket, ctx, id);
      return {
        schema,
        operationName: payload.operationName,
        document,
        variableValues: payload.variables,
        contextValue,
        rootValue: { execute, subscribe },
      };
    },
    // The root is only the carrier of this operation's enveloped functions: dropped before they
    // run, so a long subscription does not keep them (and yoga's closures behind them) alive.
    execute: (args) => (takeRoot(args) as { execute: typeof graphqlExecute }).execute(args),
    subscribe: (args) => (takeRoot(args) as { subscribe: typeof graphqlSubscribe }).subscribe(args),
    onNext: (ctx, id, _payload, args: ExecutionArgs, result) => {
      if (observer) {
        const token = observer.sending(args.contextValue);
        if (token) (ctx.extra.sending ??= new Map()).set(id, token);
        if (result.errors) {
          observer.errors(result.errors, args);
          const operation = ctx.extra.operations?.get(id);
          if (operation) operation.errors = result.errors;
        }
      }
      return result.errors ? { ...result, errors: result.errors.map(formatWireError) } : undefined;
    },
    onError: (ctx, id, _payload, errors) => {
      if (observer) {
        observer.errors(errors, undefined);
        const operation = ctx.extra.operations?.get(id);
        if (operation) {
          operation.errors = errors;
          ended(ctx.extra, id);
        }
      }
      return errors.map(formatWireError);
    },
    // The result was sent (or the client completed it): no `complete` follows an `error` message.
    onComplete: (ctx, id) => ended(ctx.extra, id),
  });

  // One timer for every socket (not one each: per-socket state is what 10,000 idle sockets cost).
  // A socket that has not answered the previous tick's ping is terminated.
  const unanswered = new WeakSet<WebSocket>();
  const keepAlive =
    limits.wsKeepAliveMs > 0
      ? setInterval(() => {
          for (const socket of wsServer.clients) {
            if (unanswered.has(socket)) {
              socket.terminate();
              continue;
            }
            unanswered.add(socket);
            socket.ping();
          }
        }, limits.wsKeepAliveMs)
      : undefined;
  keepAlive?.unref();
  function answered(this: WebSocket) {
    unanswered.delete(this);
  }
  // ws has already answered protocol violations (1009 too big, 1007 bad UTF-8, 1002) and closes.
  const protocolError = (error: Error) => logger.debug({ err: error.message }, 'websocket protocol error');

  const deps: ConnectionDeps = { observer };
  /** Each socket's connection, for the listeners below (shared by all sockets, not closures per socket). */
  const connections = new WeakMap<WebSocket, Connection>();
  // Not an async listener: a subscribe's handling lasts as long as the subscription, and an
  // awaiting listener would keep its frame (and the message's buffer) for all that time.
  function message(this: WebSocket, data: RawData) {
    const handle = connections.get(this)?.handle;
    if (!handle) return;
    const text = data.toString();
    if (isServerOnlyMessage(text)) return this.close(CloseCode.BadRequest, 'Invalid message received');
    handle(text).catch((error) => {
      logger.error({ err: error }, 'websocket message handling failed');
      this.close(CloseCode.InternalServerError, 'Internal server error');
    });
  }
  // A WebSocket emits 'close' once (`once` would add a wrapper per socket).
  function close(this: WebSocket, code: number, reason: Buffer) {
    const connection = connections.get(this);
    if (!connection) return;
    connections.delete(this);
    observer?.closed(code);
    connection.stopExpiryTimer?.();
    // Completes every operation of the socket: the bus drops their subscribers.
    connection
      .closed?.(code, reason.toString())
      .catch((error) => logger.error({ err: error }, 'websocket cleanup failed'));
  }

  wsServer.on('connection', (socket, upgrade) => {
    const request: UpgradeRequest = {
      headers: operationHeaders(upgrade.headers),
      socket: { remoteAddress: upgrade.socket.remoteAddress },
    };
    const connection = new Connection(socket, request, deps);
    connections.set(socket, connection);
    socket.on('error', protocolError);
    socket.on('pong', answered);
    socket.on('message', message);
    socket.on('close', close);
    if (limits.wsConnectionInitTimeoutMs > 0) {
      setTimeout(initTimeout, limits.wsConnectionInitTimeoutMs, connection).unref();
    }
    connection.closed = graphqlWs.opened(connection, connection);
  });

  return {
    clients: wsServer.clients,
    close: () => {
      clearInterval(keepAlive);
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      wsServer.close();
    },
  };
}

/** Texts of short queries, one string each for every socket that sends them (bounded). */
const queries = new Map<string, string>();
const MAX_INTERNED_QUERIES = 1000;
const MAX_INTERNED_QUERY_LENGTH = 4096;

function internQuery(query: string): string {
  if (query.length > MAX_INTERNED_QUERY_LENGTH) return query;
  const known = queries.get(query);
  if (known !== undefined) return known;
  if (queries.size >= MAX_INTERNED_QUERIES) queries.clear();
  queries.set(query, query);
  return query;
}

/** graphql-ws's 4408 for a socket that sent no connection_init in time. */
function initTimeout(extra: Connection): void {
  if (!extra.initialised)
    extra.socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
}

/** Takes the root value out of the arguments (it carries the operation's enveloped functions). */
function takeRoot(args: ExecutionArgs): unknown {
  const root = args.rootValue;
  args.rootValue = undefined;
  return root;
}

/** The handshake's own headers: no operation reads them, and each socket would keep its copies. */
const HANDSHAKE_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'upgrade',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
]);
const NO_HEADERS: IncomingMessage['headers'] = Object.freeze({});

/** The upgrade's headers an operation may read (client name, request id, X-Forwarded-For): the rest dropped. */
function operationHeaders(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  let kept: IncomingMessage['headers'] | undefined;
  for (const name in headers) {
    if (HANDSHAKE_HEADERS.has(name)) continue;
    kept ??= {};
    kept[name] = headers[name];
  }
  return kept ?? NO_HEADERS;
}

/** Closes the socket with 4403 when the token it authenticated with expires. */
function closeAtExpiry(socket: WebSocket, expiresAt: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = expiresAt * 1000 - Date.now();
    if (left <= 0) return socket.close(CloseCode.Forbidden, 'Token expired');
    // setTimeout holds at most ~24.8 days; a longer-lived token re-arms.
    timer = setTimeout(arm, Math.min(left, 2 ** 31 - 1));
  };
  arm();
  return () => clearTimeout(timer);
}

function isServerOnlyMessage(text: string): boolean {
  try {
    const message = JSON.parse(text) as { type?: unknown } | null;
    return typeof message?.type === 'string' && SERVER_ONLY_MESSAGES.has(message.type);
  } catch {
    return false; // graphql-ws closes with 4400 itself
  }
}
