/**
 * Serves the dashboard page (web/) at `/` and its assets under `/assets/`, on the API's own origin:
 * nothing loads from elsewhere, so the page works with no internet. Run from the TypeScript
 * sources (`npm start`, the tests) the page is built from web/ in memory on its first request, so
 * it is never stale; the bundled server (`npm run build`) serves dist/web, written by that build.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

// The browser enforces what the page promises: every script, style, image and connection
// (HTTP and WebSocket) stays on this origin.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where `npm run build` puts the page: dist/web, beside dist/server/main.js. */
const PREBUILT = path.resolve(import.meta.dirname, '../web');
const runningFromSources = import.meta.url.endsWith('.ts');

async function loadFiles(): Promise<Map<string, Uint8Array>> {
  if (runningFromSources) {
    const { buildWeb } = await import('../../web/build');
    return buildWeb();
  }
  const files = new Map<string, Uint8Array>();
  try {
    for (const file of readdirSync(PREBUILT, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const full = path.join(file.parentPath, file.name);
      files.set(path.relative(PREBUILT, full).split(path.sep).join('/'), readFileSync(full));
    }
  } catch (error) {
    throw new Error(`the dashboard page is missing from ${PREBUILT}: run npm run build (${(error as Error).message})`);
  }
  return files;
}

/** By URL path: '/' for the page, '/assets/…' for the files it loads. */
function toAssets(files: Map<string, Uint8Array>): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [file, contents] of files) {
    const body = new Uint8Array(contents);
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
    };
    if (file === 'index.html') {
      // The page names its assets by hash: revalidate it each time so a new build shows at once.
      headers['cache-control'] = 'no-cache';
      headers.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      headers['referrer-policy'] = 'no-referrer';
      assets.set('/', { body, headers });
    } else if (file.startsWith('assets/')) {
      // Named by their content hash: a changed file gets a new name, so this one never changes.
      headers['cache-control'] = 'public, max-age=31536000, immutable';
      assets.set(`/${file}`, { body, headers });
    }
  }
  return assets;
}

export function useDashboard(logger: Logger): Plugin {
  let assets: Promise<Map<string, Asset>> | undefined;
  // Not async: every other request (each GraphQL one) passes without a promise to wait for.
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname !== '/' && !url.pathname.startsWith('/assets/')) return;
      return serve(request, url, endResponse, fetchAPI);
    },
  };

  async function serve(
    request: Request,
    url: URL,
    endResponse: (response: Response) => void,
    fetchAPI: { Response: typeof Response },
  ): Promise<void> {
    let found: Asset | undefined;
    try {
      found = (await (assets ??= loadFiles().then(toAssets))).get(url.pathname);
    } catch (error) {
      assets = undefined; // try again on the next request
      logger.error({ err: error }, 'the dashboard page could not be built');
      endResponse(new fetchAPI.Response('The dashboard page could not be built; see the server log.', { status: 500 }));
      return;
    }
    if (!found) return; // yoga answers 404
    if (found.headers.etag && request.headers.get('if-none-match') === found.headers.etag) {
      endResponse(new fetchAPI.Response(null, { status: 304, headers: found.headers }));
      return;
    }
    endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : found.body, { headers: found.headers }));
  }
}
