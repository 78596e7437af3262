import type { Plugin } from 'graphql-yoga';
import type { CorsConfig } from '../../config';

/**
 * CORS: which pages on other origins may read this API's answers. Only the origins in
 * CORS_ORIGINS are answered (with credentials); `*` there lets any other origin read too, without
 * credentials. Everything else gets no CORS header at all, so a browser hides the answer from it.
 * Pages served by the service itself are same-origin and need none of this.
 *
 * Replaces yoga's own CORS, which reflects every Origin with Access-Control-Allow-Credentials.
 */
export function useCors(config: CorsConfig): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      // A preflight: answered here, its CORS headers added below. Safari waits for a body on a 204
      // without Content-Length.
      if (request.method === 'OPTIONS')
        endResponse(new fetchAPI.Response(null, { status: 204, headers: { 'content-length': '0' } }));
    },
    onResponse({ request, response }) {
      const headers = corsHeaders(config, request.headers.get('origin'));
      if (headers?.['access-control-allow-origin'] && request.method === 'OPTIONS') {
        headers['access-control-allow-methods'] = 'GET, POST';
        const asked = request.headers.get('access-control-request-headers');
        if (asked) headers['access-control-allow-headers'] = asked;
        headers['access-control-max-age'] = '600';
      }
      for (const [name, value] of Object.entries(headers ?? {})) response.headers.set(name, value);
    },
  };
}

/** The CORS headers of an answer to a request from `origin` (null: no Origin header, none). */
export function corsHeaders(config: CorsConfig, origin: string | null | undefined): Record<string, string> | null {
  if (origin == null) return null;
  // The answer depends on the Origin: a shared cache must not hand one origin's answer to another.
  const headers: Record<string, string> = { vary: 'Origin' };
  if (isListed(config, origin)) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
  } else if (config.anyOrigin) {
    headers['access-control-allow-origin'] = '*';
  } else {
    return headers;
  }
  headers['access-control-expose-headers'] = 'Retry-After';
  return headers;
}

/** Exact origins, or `scheme://host:*` for any port on that host. */
export function isListed(config: CorsConfig, origin: string): boolean {
  return config.origins.some((allowed) => {
    if (allowed === origin) return true;
    if (!allowed.endsWith(':*')) return false;
    const host = allowed.slice(0, -2);
    return origin === host || (origin.startsWith(`${host}:`) && /^\d{1,5}$/.test(origin.slice(host.length + 1)));
  });
}
