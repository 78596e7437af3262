/**
 * The yoga/envelop plugins that keep hostile input out. Everything from useQueryLimits on hooks
 * parse, validate, execute and subscribe, so it applies alike to HTTP, SSE and the WebSocket bridge
 * (which runs operations through yoga.getEnveloped). See README.md ("Security") for the rules and knobs.
 *
 *   HTTP only   CSRF prevention, body size and UTF-8, persisted operations (the bridge does its own)
 *   all         token, depth, alias and directive limits (graphql-armor), cost (cost.ts),
 *               introspection and "Did you mean" hidden in production, write and expensive-read
 *               rate limits, concurrent SSE streams per address
 * Yoga itself refuses batches (`batching` is off) and mutations over GET (405).
 */

import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import {
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  NoSchemaIntrospectionCustomRule,
  visit,
} from 'graphql';
import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { ConfigError, type LimitsConfig } from '../config';
import { RateLimitedError } from '../errors';
import { operationCost } from './cost';
import { type ClientRequest, ConnectionCounter, clientAddress, RateLimiter } from './rate-limit';

/** Any of these headers marks a request a browser would have preflighted (CORS). */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-client-name', 'apollo-require-preflight'] as const;

/** What the WebSocket bridge adds to the initial context, so plugins can tell its operations apart. */
export const WEBSOCKET_TRANSPORT = 'websocket';

type AnyContext = Record<string, any>;

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
  addressOf(context: AnyContext): string {
    return clientAddress(context.req as ClientRequest | undefined, this.limits.trustProxy);
  }
}

export function securityPlugins(options: {
  limits: LimitsConfig;
  introspection: boolean;
  clients: ClientLimits;
  persisted: PersistedOperations | undefined;
}): Plugin[] {
  return [
    useCsrfPrevention(),
    useRequestBodies(options.limits.maxBodyBytes),
    ...(options.persisted ? [usePersistedOperationsOnly(options.persisted)] : []),
    ...useQueryLimits(options.limits),
    useSchemaPrivacy(options.introspection),
    useRequestErrorCodes(),
    useOperationGuards(options.limits, options.clients),
  ];
}

// ---------------------------------------------------------------------------------------------
// HTTP

/**
 * yoga's CSRF prevention: a GET, or a POST with a simple content type (form, multipart, text),
 * needs one of CSRF_HEADERS. Exempt: a GET that asks only for an event stream, since EventSource
 * cannot send headers and SSE resumption (Last-Event-ID) depends on it; a GET runs no mutation.
 */
function useCsrfPrevention(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      const { request } = payload;
      if (request.method === 'GET' && request.headers.get('accept')?.trim() === 'text/event-stream') return;
      try {
        csrf.onRequestParse?.(payload as never);
      } catch {
        throw createGraphQLError(
          `a browser could have forged this request: send Content-Type: application/json, or one of the headers ${CSRF_HEADERS.join(', ')}`,
          { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } } },
        );
      }
    },
  };
}

const badRequest = (message: string) =>
  createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

const tooLarge = () =>
  createGraphQLError('Request body too large', {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });

/**
 * Request bodies: at most `maxBytes` (413 past that, whether declared by Content-Length or sent
 * chunked), and UTF-8, as JSON and GraphQL documents are (400 otherwise, rather than replacing the
 * bytes with U+FFFD). Query strings must be UTF-8 too. This replaces yoga's maxRequestBodySize,
 * with the same errors: yoga pipes every body through a TransformStream, which costs each request
 * a stream pipeline, an AbortController and a DOMException, more than the rest of a small query.
 */
function useRequestBodies(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, url, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared != null) {
        if (!/^\d+$/.test(declared)) {
          throw createGraphQLError('Content-Length header is invalid.', {
            extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
          });
        }
        if (Number(declared) > maxBytes) throw tooLarge();
      }
      if (request.method === 'GET') {
        try {
          decodeURIComponent(url.search.replaceAll('+', ' '));
        } catch {
          throw badRequest('the query string is not valid UTF-8');
        }
        return;
      }
      if (!requestParser || !request.body) return;
      setRequestParser(async (unread) => {
        const bytes = await readBody(unread.body as unknown as AsyncIterable<Uint8Array>, maxBytes);
        if (!isUtf8(bytes)) throw badRequest('the request body is not valid UTF-8');
        return requestParser(
          new fetchAPI.Request(unread.url, { method: unread.method, headers: unread.headers, body: bytes }),
        );
      });
    },
  };
}

/** The whole body, refused with 413 as soon as it passes `maxBytes` (leaving the loop cancels the stream). */
async function readBody(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size) as Uint8Array<ArrayBuffer>;
}

// ---------------------------------------------------------------------------------------------
// Persisted operations

/**
 * The operations a client may run when PERSISTED_OPERATIONS_ONLY is on: a committed JSON manifest
 * mapping the SHA-256 (hex) of each document to the document, built by
 * `npm run persisted-operations`. Clients send `extensions.persistedQuery.sha256Hash` (Apollo's
 * format) and no `query`.
 */
export class PersistedOperations {
  private constructor(private readonly documents: ReadonlyMap<string, string>) {}

  static fromFile(file: string): PersistedOperations {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`PERSISTED_OPERATIONS_FILE ${file} could not be read: ${(error as Error).message}`);
    }
    return PersistedOperations.fromManifest(manifest, file);
  }

  static fromManifest(manifest: unknown, origin = 'the manifest'): PersistedOperations {
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
      throw new ConfigError(`${origin} must be a JSON object of "<sha256>": "<document>"`);
    }
    const documents = new Map<string, string>();
    for (const [hash, document] of Object.entries(manifest)) {
      if (typeof document !== 'string' || sha256(document) !== hash) {
        throw new ConfigError(`${origin}: the entry ${hash.slice(0, 16)}… is not the SHA-256 of its document`);
      }
      documents.set(hash, document);
    }
    return new PersistedOperations(documents);
  }

  get size(): number {
    return this.documents.size;
  }

  get(hash: string): string | undefined {
    return this.documents.get(hash);
  }

  /** Every document in the manifest (their operation names are metric labels from the start). */
  texts(): IterableIterator<string> {
    return this.documents.values();
  }

  /** The document a request names, or the error to answer it with (shared by HTTP and WebSocket). */
  resolve(params: { query?: unknown; extensions?: unknown }): string | GraphQLError {
    if (typeof params.query === 'string' && params.query !== '') return persistedError('persistedQueryOnly');
    const hash = persistedHash(params.extensions);
    if (!hash) return persistedError('keyNotFound');
    return this.documents.get(hash) ?? persistedError('notFound');
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function persistedHash(extensions: unknown): string | null {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null)
    ?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

const PERSISTED_ERRORS = {
  persistedQueryOnly: [
    'only persisted operations may run here: send extensions.persistedQuery, not a query',
    'PERSISTED_QUERY_ONLY',
  ],
  keyNotFound: ['send extensions.persistedQuery { version: 1, sha256Hash }', 'PERSISTED_QUERY_ID_REQUIRED'],
  notFound: ['no persisted operation has this sha256Hash', 'PERSISTED_QUERY_NOT_FOUND'],
} as const;

function persistedError(kind: keyof typeof PERSISTED_ERRORS): GraphQLError {
  const [message, code] = PERSISTED_ERRORS[kind];
  return new GraphQLError(message, { extensions: { code, http: { spec: true, status: 400 } } });
}

function usePersistedOperationsOnly(persisted: PersistedOperations): Plugin {
  const custom = (kind: keyof typeof PERSISTED_ERRORS) => () => persistedError(kind);
  return usePersistedOperations({
    getPersistedOperation: (hash) => persisted.get(hash) ?? null,
    allowArbitraryOperations: false,
    customErrors: {
      persistedQueryOnly: custom('persistedQueryOnly'),
      keyNotFound: custom('keyNotFound'),
      notFound: custom('notFound'),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Document limits

/** A limit the document broke; 400 with application/graphql-response+json, like a validation error. */
export function limitError(limit: string, max: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, http: { spec: true, status: 400 } },
  });
}

/**
 * graphql-armor's token, depth, alias and directive limits. Each follows fragments (depth counts
 * fields, not fragment spreads) and guards against fragment cycles. Rejections are reported as
 * coded validation errors rather than thrown, so the other rules still run and nothing is cached
 * wrongly.
 */
function useQueryLimits(limits: LimitsConfig): Plugin[] {
  const report =
    (limit: string, max: number): GraphQLArmorRejectCallback =>
    (context, error) =>
      context?.reportError(limitError(limit, max, error.message.replace(/^Syntax Error: /, '')));
  const rejectOnly = { propagateOnRejection: false, exposeLimits: true } as const;
  const rules = [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      onReject: [report('maxDepth', limits.maxDepth)],
      ...rejectOnly,
    }),
    maxAliasesRule({ n: limits.maxAliases, onReject: [report('maxAliases', limits.maxAliases)], ...rejectOnly }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      onReject: [report('maxDirectives', limits.maxDirectives)],
      ...rejectOnly,
    }),
  ];
  return [
    maxTokensPlugin({
      n: limits.maxTokens,
      exposeLimits: true,
      // Thrown from inside the parser: the document is never fully read.
      onReject: [
        (_context, error) => {
          throw limitError('maxTokens', limits.maxTokens, error.message.replace(/^Syntax Error: /, ''));
        },
      ],
    }) as Plugin,
    {
      onValidate({ addValidationRule }) {
        for (const rule of rules) addValidationRule(rule);
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Introspection and suggestions

const SUGGESTION = /\s*Did you mean .*$/s;

function hideSuggestions<T extends { message: string }>(errors: readonly T[]): T[] {
  for (const error of errors) if (SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, '');
  return [...errors];
}

/**
 * With introspection off (production by default), `__schema`/`__type` are refused and no error
 * message suggests field, argument, type or enum names ("Did you mean ..."), which would let a
 * client map the schema anyway. Covers validation errors and variable coercion errors (execute).
 */
function useSchemaPrivacy(introspection: boolean): Plugin {
  if (introspection) return {};
  const scrub = (result: ExecutionResult) =>
    result.errors?.length ? { ...result, errors: hideSuggestions(result.errors) } : result;
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(hideSuggestions(result));
      };
    },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) setResult(scrub(result));
      },
    }),
    onSubscribe: () => ({
      onSubscribeResult: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) setResult(scrub(result));
      },
    }),
  };
}

/**
 * Errors raised before execution starts (variables that do not fit their types, an ambiguous
 * operation) carry no code from graphql-js; give them one a client can branch on.
 */
function useRequestErrorCodes(): Plugin {
  const withCodes = (result: ExecutionResult): ExecutionResult => {
    if ('data' in result || !result.errors?.some((error) => !error.extensions?.code)) return result;
    return {
      ...result,
      errors: result.errors.map((error) =>
        error.extensions?.code
          ? error
          : new GraphQLError(error.message, {
              nodes: error.nodes,
              source: error.source,
              positions: error.positions,
              path: error.path,
              originalError: error.originalError,
              extensions: {
                ...error.extensions,
                code: error.message.startsWith('Variable "$') ? 'BAD_USER_INPUT' : 'BAD_REQUEST',
              },
            }),
      ),
    };
  };
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) setResult(withCodes(result));
      },
    }),
    onSubscribe: () => ({
      onSubscribeResult: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) setResult(withCodes(result));
      },
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Cost and per-client limits

function rateLimited(seconds: number, what: string): GraphQLError {
  const original = new RateLimitedError(seconds);
  return new GraphQLError(`${what}: ${original.message}`, {
    originalError: original,
    extensions: {
      code: original.code,
      retryAfter: seconds,
      http: { status: 429, headers: { 'Retry-After': String(seconds) } },
    },
  });
}

/** PostgreSQL text cannot hold U+0000: refused at the boundary, before it reaches a query. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}

const nulInDocument = new WeakMap<DocumentNode, boolean>();

function documentContainsNul(document: DocumentNode): boolean {
  let found = nulInDocument.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (node.value.includes('\u0000')) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
    nulInDocument.set(document, found);
  }
  return found;
}

/**
 * Runs after validation, once per request (validation results are cached per document, and the
 * cost depends on the variables): the cost limit for every operation; the write limit for
 * mutations; the expensive-read limit for queries costing EXPENSIVE_READ_COST or more; and, for
 * subscriptions over HTTP (SSE), the cap on concurrent streams per address.
 */
function useOperationGuards(limits: LimitsConfig, clients: ClientLimits): Plugin {
  const refusal = (args: ExecutionArgs): GraphQLError | undefined => {
    if (containsNul(args.variableValues) || documentContainsNul(args.document)) {
      return new GraphQLError('strings may not contain the NUL character (U+0000)', {
        extensions: { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } },
      });
    }
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues, limits);
    if (cost > limits.maxCost) {
      return limitError('maxCost', limits.maxCost, `Query cost limit of ${limits.maxCost} exceeded, found ${cost}.`);
    }
    const operation = getOperationAST(args.document, args.operationName)?.operation;
    const context = args.contextValue as AnyContext;
    if (operation === 'mutation' && clients.writes.enabled) {
      const wait = clients.writes.take(clients.addressOf(context));
      if (wait)
        return rateLimited(wait, `at most ${limits.writeRateLimit} writes per ${limits.writeRateWindowMs / 1000} s`);
    }
    if (operation === 'query' && cost >= limits.expensiveReadCost && clients.expensiveReads.enabled) {
      const wait = clients.expensiveReads.take(clients.addressOf(context));
      if (wait) {
        return rateLimited(
          wait,
          `at most ${limits.expensiveReadRateLimit} queries costing ${limits.expensiveReadCost} or more per ${limits.expensiveReadRateWindowMs / 1000} s`,
        );
      }
    }
    return undefined;
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) return setResultAndStopExecution({ errors: [error] });
      const context = args.contextValue as AnyContext;
      if (context.transport === WEBSOCKET_TRANSPORT) return; // capped per socket by ws-server.ts
      const address = clients.addressOf(context);
      if (!clients.streams.tryAcquire(address)) {
        return setResultAndStopExecution({
          errors: [
            new GraphQLError(`at most ${limits.maxSocketsPerAddress} event streams may be open from one address`, {
              extensions: { code: 'TOO_MANY_STREAMS', http: { status: 429 } },
            }),
          ],
        });
      }
      let released = false;
      const release = () => {
        if (!released) clients.streams.release(address);
        released = true;
      };
      return {
        onSubscribeResult: ({ result }) => {
          if (!isAsyncIterable(result)) return release();
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}
