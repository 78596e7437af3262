import { isUtf8 } from 'node:buffer';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

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
export function useRequestBodies(maxBytes: number): Plugin {
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
      if (!requestParser) return;
      const parse = (unread: Request, bytes: Uint8Array<ArrayBuffer>) => {
        if (!isUtf8(bytes)) throw badRequest('the request body is not valid UTF-8');
        return requestParser(
          new fetchAPI.Request(unread.url, { method: unread.method, headers: unread.headers, body: bytes }),
        );
      };
      if (declared != null && declared !== '0') {
        // Declared within the limit, and Node's HTTP parser ends the body at the declared length:
        // read whole, as @whatwg-node reads it, without the web stream the loop below puts over it
        // (several microseconds a request). Checked again after reading, for a request that is
        // not from Node's parser (yoga.fetch in process) and carries a wrong Content-Length.
        setRequestParser(async (unread) => {
          const bytes = await unread.bytes();
          if (bytes.byteLength > maxBytes) throw tooLarge();
          return parse(unread, bytes);
        });
        return;
      }
      if (!request.body) return;
      setRequestParser(async (unread) =>
        parse(unread, await readBody(unread.body as unknown as AsyncIterable<Uint8Array>, maxBytes)),
      );
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
