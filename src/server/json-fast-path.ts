/**
 * The common request answered without yoga's HTTP layer: a JSON POST to /graphql whose operation
 * succeeds. For such a request yoga builds a Fetch Request, reads its body through a web stream,
 * negotiates and builds a Fetch Response and copies it back to Node: about a quarter of the
 * server's CPU per request for a one-row query (bench Q3, JSON_FAST_PATH on and off side by side).
 * Here the body is read from Node, the operation runs through yoga's own getResultForParams (every
 * envelop plugin: limits, cost, rate limits, caches, JIT, snapshots, error masking, the phase
 * metrics), and a result without errors is written to Node directly, with the headers yoga's
 * plugins would have added (CORS, gzip, x-request-id).
 *
 * Everything else goes to yoga, which answers it as before: other methods, paths and content
 * types; bodies it must refuse or cannot take here (too large, chunked, not UTF-8, not JSON, not
 * one operation's plain params); documents that may stream (any that says `subscription` or
 * `live`); and any result with errors, a stream or an HTTP status of its own. A request handed over after its operation ran carries that outcome with it (`handOver`), so
 * yoga answers it without running the operation a second time.
 *
 * Off with tracing (its HTTP span is a yoga hook) and with persisted operations only (their
 * params are not a document), and with JSON_FAST_PATH=false.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { CorsConfig } from '../config';
import { acceptsGzip, COMPRESS_MIN_BYTES } from './compression';
import { corsHeaders } from './security/cors';

const gzip = promisify(gzipCallback);

/** What yoga does with a request the fast path handed over: answer with this outcome. */
type Outcome = { result: unknown } | { error: unknown };

/** The outcome of each handed-over request, by its Node request, until yoga takes it. */
const handedOver = new WeakMap<IncomingMessage, Outcome>();

/**
 * The yoga plugin that answers a handed-over request with its outcome: the result as the
 * operation's own, or the error as if getResultForParams had thrown it.
 */
export function useFastPathHandOver(): Plugin {
  return {
    onParams({ context, setResult }) {
      const req = (context as { req?: IncomingMessage }).req;
      const outcome = req && handedOver.get(req);
      if (!outcome) return;
      handedOver.delete(req!);
      if ('error' in outcome) throw outcome.error;
      setResult(outcome.result as ExecutionResult);
    },
  };
}

/** What the fast path uses of yoga: its Node request listener, and its operation runner. */
type Yoga = RequestListener & Pick<YogaServerInstance<object, object>, 'getResultForParams'>;

/** Who follows each request to /graphql (observability.ts): started once, ended once, whichever path answers. */
export interface RequestFollower {
  requestStarted(key: IncomingMessage, header: (name: string) => string | null): void;
  /** Returns the x-request-id to answer with. */
  requestEnded(key: IncomingMessage, status: number): string | undefined;
}

export interface JsonFastPathOptions {
  yoga: Yoga;
  observability: RequestFollower;
  cors: CorsConfig;
  maxBodyBytes: number;
}

/** A Node request listener: the fast path where it applies, yoga everywhere else. */
export function jsonFastPath({ yoga, observability, cors, maxBodyBytes }: JsonFastPathOptions): RequestListener {
  const waitUntil = (promise: Promise<unknown>) => void promise.catch(() => {});
  return (req, res) => {
    const mediaType = eligible(req, maxBodyBytes);
    if (mediaType === undefined) return void yoga(req, res);
    readBody(req).then(
      (body) => {
        const params = isUtf8(body) ? paramsOf(body) : undefined;
        if (!params) {
          // Yoga reads an already read body from `req.body` (as from a body parser), and refuses it.
          (req as { body?: unknown }).body = body;
          return void yoga(req, res);
        }
        const request = new NodeRequestView(req);
        observability.requestStarted(req, (name) => request.headers.get(name));
        const handOver = (outcome: Outcome) => {
          handedOver.set(req, outcome);
          (req as { body?: unknown }).body = body;
          void yoga(req, res);
        };
        const serverContext = { req, res, waitUntil };
        Promise.resolve()
          .then(() => yoga.getResultForParams({ params, request: request as unknown as Request }, serverContext))
          .then(
            (result) => {
              if (!isPlainSuccess(result)) return handOver({ result });
              return respond(req, res, result, mediaType, observability, cors);
            },
            (error: unknown) => handOver({ error }),
          )
          .catch((error: unknown) => {
            // The answer could not be written (a result JSON cannot hold, say): yoga answers the
            // error as it answers any other, unless the answer had begun.
            if (res.headersSent) res.destroy(error as Error);
            else handOver({ error });
          });
      },
      () => res.destroy(),
    );
  };
}

/**
 * The media type a JSON answer would have when the request can take the fast path (from its
 * headers alone, before its body is read); undefined when yoga must have it.
 */
function eligible(req: IncomingMessage, maxBodyBytes: number): MediaType | undefined {
  if (req.method !== 'POST' || req.url !== '/graphql') return undefined;
  const contentType = req.headers['content-type'];
  if (contentType === undefined || !JSON_CONTENT_TYPE.test(contentType)) return undefined;
  // Declared, within the limit: Node's parser then ends the body at that length. A chunked body,
  // or one yoga must refuse with 413, is yoga's.
  const length = req.headers['content-length'];
  if (length === undefined || !/^\d{1,9}$/.test(length) || Number(length) === 0 || Number(length) > maxBodyBytes) {
    return undefined;
  }
  return mediaTypeFor(req.headers.accept);
}

const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset=("?)utf-8\2\s*)?$/i;

type MediaType = 'application/json' | 'application/graphql-response+json';

/** Clients send one of a few Accept values: each is negotiated once (up to this many). */
const mediaTypes = new Map<string, MediaType | null>();
const MAX_ACCEPT_HEADERS = 100;

/**
 * The media type yoga answers a single result with (its useResultProcessors, whose JSON processor
 * comes last and so wins): that of the first listed type, quality aside, that either JSON type
 * matches; undefined (yoga's to negotiate) when none does.
 */
function mediaTypeFor(accept: string | undefined): MediaType | undefined {
  if (!accept || accept === '*/*' || accept === 'application/json') return 'application/json';
  let known = mediaTypes.get(accept);
  if (known === undefined) {
    known = null;
    for (const entry of accept.replace(/\s/g, '').toLowerCase().split(',')) {
      const [type = '', ...parameters] = entry.split(';');
      // Yoga passes over a type asked for in another charset.
      if ((parameters.find((parameter) => parameter.includes('charset=')) ?? 'charset=utf-8') !== 'charset=utf-8') {
        continue;
      }
      if (matches('application/json', type)) known = 'application/json';
      else if (matches('application/graphql-response+json', type)) known = 'application/graphql-response+json';
      if (known) break;
    }
    if (mediaTypes.size < MAX_ACCEPT_HEADERS) mediaTypes.set(accept, known);
  }
  return known ?? undefined;
}

/** Yoga's isMatchingMediaType: `*` on either side of the asked type's slash matches anything there. */
function matches(offered: string, asked: string): boolean {
  const [offeredType, offeredSubtype] = offered.split('/');
  const [type, subtype] = asked.split('/');
  return (type === '*' || type === offeredType) && (subtype === '*' || subtype === offeredSubtype);
}

/** The whole body (Node's parser stops at the declared length). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
  });
}

/** As yoga's JSON parser passes them on (variables and operationName may also be null). */
interface Params {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

const STREAMS = /subscription|\blive\b/;

/** One operation's params, and nothing else (extensions, batches and odd types are yoga's to judge). */
function paramsOf(body: Buffer): Params | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const params = parsed as Record<string, unknown>;
  for (const key in params) {
    if (key !== 'query' && key !== 'variables' && key !== 'operationName') return undefined;
  }
  const { query, variables, operationName } = params;
  if (typeof query !== 'string' || query === '') return undefined;
  // Streams (subscriptions, live queries) are yoga's from the start: their transport is its own.
  // Any document with these words goes there, which is always right, if not always needed.
  if (STREAMS.test(query)) return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  return params as unknown as Params;
}

/** A result yoga would answer with 200 and the result as it is. */
function isPlainSuccess(result: unknown): result is ExecutionResult {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || isAsyncIterable(result)) return false;
  const { errors, extensions } = result as ExecutionResult;
  return !errors?.length && !(extensions && 'http' in extensions);
}

async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  result: ExecutionResult,
  mediaType: MediaType,
  observability: RequestFollower,
  cors: CorsConfig,
): Promise<void> {
  // As yoga's JSON processor: the result's own stringify when it has one.
  const stringify = (result as { stringify?: (result: ExecutionResult) => string }).stringify ?? JSON.stringify;
  let body: Buffer = Buffer.from(stringify(result));
  const headers: Record<string, string> = { 'content-type': `${mediaType}; charset=utf-8` };
  const vary: string[] = [];
  const allowed = corsHeaders(cors, req.headers.origin);
  if (allowed) {
    const { vary: varyCors, ...rest } = allowed;
    if (varyCors) vary.push(varyCors);
    Object.assign(headers, rest);
  }
  if (acceptsGzip(req.headers['accept-encoding'])) {
    vary.push('Accept-Encoding');
    if (body.byteLength >= COMPRESS_MIN_BYTES) {
      body = await gzip(body);
      headers['content-encoding'] = 'gzip';
    }
  }
  if (vary.length) headers.vary = vary.join(', ');
  headers['content-length'] = String(body.byteLength);
  const requestId = observability.requestEnded(req, 200);
  if (requestId !== undefined) headers['x-request-id'] = requestId;
  res.writeHead(200, headers);
  res.end(body);
}

/**
 * What the operation's plugins read of "the request" (context.request): its method, URL and
 * headers, over the Node request, without building a Fetch Request.
 */
class NodeRequestView {
  readonly method = 'POST';
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  readonly url: string;

  constructor(req: IncomingMessage) {
    const raw = req.headers;
    this.url = `http://${raw.host ?? 'localhost'}/graphql`;
    this.headers = {
      get: (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      has: (name) => raw[name.toLowerCase()] !== undefined,
    };
  }
}
