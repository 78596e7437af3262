import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Any of these headers marks a request a browser would have preflighted (CORS). */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-client-name', 'apollo-require-preflight'] as const;

/**
 * yoga's CSRF prevention: a GET, or a POST with a simple content type (form, multipart, text),
 * needs one of CSRF_HEADERS. Exempt: a GET that asks only for an event stream, since EventSource
 * cannot send headers and SSE resumption (Last-Event-ID) depends on it; a GET runs no mutation.
 */
export function useCsrfPrevention(): Plugin {
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
