import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Any of these headers marks a request a browser would have preflighted (CORS). */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-client-name', 'apollo-require-preflight'] as const;

/**
 * CSRF prevention for what can write: a POST with a content type a page on another site may send
 * without a preflight (form, multipart, text, none) needs one of CSRF_HEADERS; a JSON POST is
 * preflighted by every browser and needs nothing more.
 *
 * A GET is let through whatever it carries: it cannot write (yoga answers a mutation over GET, also
 * one named by a persisted hash, with 405 once the document is known), this API keeps no cookies
 * (tokens travel in headers, which a cross-site page cannot set), and CORS keeps the answer from a
 * page that is not allowed to read it. So urql's default GET queries and an EventSource (which
 * cannot send headers, and resumes with Last-Event-ID) work as they are.
 */
export function useCsrfPrevention(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
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
