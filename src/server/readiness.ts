import type { Plugin } from 'graphql-yoga';

/**
 * GET /ready: 200 when `check` says ready, 503 when it says not or throws (with the error's message).
 * Yoga's useReadinessCheck answers the same, but tests every other request against a URLPattern,
 * a few microseconds each; a path comparison is enough for one fixed path.
 */
export function useReadiness(endpoint: string, check: () => Promise<boolean>): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      return check().then(
        (ready) => endResponse(new fetchAPI.Response(null, { status: ready ? 200 : 503 })),
        (error: unknown) =>
          endResponse(
            error instanceof Error
              ? new fetchAPI.Response(error.message, {
                  status: 503,
                  headers: { 'content-type': 'text/plain; charset=utf-8' },
                })
              : new fetchAPI.Response(null, { status: 503 }),
          ),
      );
    },
  };
}
