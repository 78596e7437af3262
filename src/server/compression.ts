import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

const gzip = promisify(gzipCallback);

/** Below this a gzip header and a CPU pass cost more than they save. */
export const COMPRESS_MIN_BYTES = 1024;

// Whole bodies only: an event stream (text/event-stream) or a multipart stream is never buffered.
const COMPRESSIBLE = /^(text\/html|text\/css|text\/javascript|application\/(json|graphql-response\+json|javascript))\b/;

/**
 * gzip for answers a client accepts it for: JSON results, the dashboard and GraphiQL pages and their
 * assets. Not @whatwg-node/server's useContentEncoding: it compresses every body including SSE
 * streams (whose events a compressor would hold back) and also inflates request bodies, which
 * would let a small compressed body past MAX_BODY_BYTES.
 */
export function useCompression(): Plugin {
  return {
    // Not async: most responses return before any await, and need not wait for a promise.
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (!acceptsGzip(request.headers.get('accept-encoding')) || response.headers.has('content-encoding')) return;
      if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
      // Most answers are small and say so (yoga's JSON results, from a string): they stay as they
      // are, without reading the body back out of the response and building a new one.
      const length = response.headers.get('content-length');
      if (length !== null && Number(length) < COMPRESS_MIN_BYTES) {
        if (Number(length) > 0) response.headers.append('vary', 'Accept-Encoding');
        return;
      }
      if (!response.body) return;
      return (async () => {
        const body = new Uint8Array(await response.arrayBuffer());
        const headers = new fetchAPI.Headers(response.headers);
        headers.append('vary', 'Accept-Encoding');
        let out: Uint8Array<ArrayBuffer> = body;
        if (body.byteLength >= COMPRESS_MIN_BYTES) {
          out = new Uint8Array(await gzip(body));
          headers.set('content-encoding', 'gzip');
          headers.delete('content-length');
        }
        setResponse(new fetchAPI.Response(out, { status: response.status, statusText: response.statusText, headers }));
      })();
    },
  };
}

/** Clients send one of a few Accept-Encoding values: each is parsed once (up to this many). */
const acceptsByHeader = new Map<string, boolean>();
const MAX_ACCEPT_ENCODINGS = 100;

/** Whether an Accept-Encoding header value accepts gzip. */
export const acceptsGzip = (header: string | null | undefined) => {
  if (!header) return false;
  let accepts = acceptsByHeader.get(header);
  if (accepts === undefined) {
    accepts = header.split(',').some((entry) => /^\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*$)|$)/i.test(entry));
    if (acceptsByHeader.size < MAX_ACCEPT_ENCODINGS) acceptsByHeader.set(header, accepts);
  }
  return accepts;
};
