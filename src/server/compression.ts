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
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (!acceptsGzip(request) || !response.body || response.headers.has('content-encoding')) return;
      if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return;
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
    },
  };
}

export const acceptsGzip = (request: Request) =>
  (request.headers.get('accept-encoding') ?? '')
    .split(',')
    .some((entry) => /^\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*$)|$)/i.test(entry));
