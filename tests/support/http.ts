/**
 * GraphQL over HTTP, one client for every way a test reaches a server: the app in process
 * (yoga.fetch, no port) or a server on a real port (fetch). `execute` sends a document and returns
 * its result; `send` and `post` send a request as it is and return the answer as data (status,
 * headers, text), for the tests whose subject is the request itself.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { App } from '../../src/app';
import { CSRF_HEADERS } from '../../src/server/security/csrf';

export type GraphQLErrors = Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;

export interface GraphQLResult<Data> {
  status: number;
  data?: Data | null;
  errors?: GraphQLErrors;
}

export type Execute = <Data = any, Variables = Record<string, unknown>>(
  document: string | TypedDocumentNode<Data, Variables>,
  variables?: Variables,
  headers?: Record<string, string>,
) => Promise<GraphQLResult<Data>>;

export interface HttpRequest {
  method?: string;
  /** Appended to /graphql, e.g. `?query=...`. */
  search?: string;
  /** JSON_HEADERS unless given. */
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** Who the request comes from (yoga's server context), for the per-client limits; in process only. */
  address?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed, or undefined when it is not JSON. */
  json: { data?: unknown; errors?: GraphQLErrors } | undefined;
}

/** Where a request goes. */
export type Endpoint = (request: HttpRequest) => Promise<Response>;

/** Anything a test talks to: the in-process app, a server process, a URL made into one. */
export interface Target {
  readonly endpoint: Endpoint;
}

export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

/** The header that lets a GET or a form-like POST past CSRF prevention, as a non-browser client sends it. */
export const CSRF_HEADER = { [CSRF_HEADERS[0]]: '1' };

const requestInit = (request: HttpRequest): RequestInit => ({
  method: request.method ?? 'POST',
  // A copy: @whatwg-node's Request writes Content-Length into the object it is given, which would
  // leave a shared one (JSON_HEADERS) declaring the length of an earlier body.
  headers: { ...(request.headers ?? JSON_HEADERS) },
  body: request.body,
});

export const inProcess =
  (yoga: App['yoga']): Endpoint =>
  async (request) =>
    yoga.fetch(
      `http://test/graphql${request.search ?? ''}`,
      requestInit(request),
      // The Node request yoga's server context carries on a real port; only its address is read.
      (request.address ? { req: { socket: { remoteAddress: request.address }, headers: {} } } : {}) as never,
    );

/** A server on a real port; a request unanswered after 15 s fails rather than hang the test. */
export const overNetwork =
  (baseUrl: string): Endpoint =>
  (request) => {
    if (request.address) throw new Error('a client address can be given only to the in-process app');
    return fetch(`${baseUrl}/graphql${request.search ?? ''}`, {
      ...requestInit(request),
      signal: AbortSignal.timeout(15_000),
    });
  };

export async function send(target: Target, request: HttpRequest): Promise<HttpAnswer> {
  const response = await target.endpoint(request);
  const text = await response.text();
  let json: HttpAnswer['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A document as a string, sent as it is (`extra.headers` replaces the JSON headers). */
export const post = (target: Target, query: string, variables?: unknown, extra: Partial<HttpRequest> = {}) =>
  send(target, { body: JSON.stringify({ query, variables }), ...extra });

/** `execute` for a target: POST /graphql, failing loudly (with the body) on an answer that is not JSON. */
export function executor(target: Target): Execute {
  return async (document, variables, headers = {}) => {
    const query = typeof document === 'string' ? document : print(document);
    const answer = await post(target, query, variables, { headers: { ...JSON_HEADERS, ...headers } });
    if (!answer.json) throw new Error(`non-JSON response ${answer.status}: ${answer.text.slice(0, 500)}`);
    return { status: answer.status, ...answer.json } as GraphQLResult<any>;
  };
}

/** `execute` against a server's base URL (http://127.0.0.1:PORT). */
export const remoteExecute = (baseUrl: string): Execute => executor({ endpoint: overNetwork(baseUrl) });
