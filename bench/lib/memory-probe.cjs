/**
 * Loaded into a benchmarked server with `node --expose-gc --require <this>` (the soak's and the
 * fan-out's own flags; production runs without it): a loopback HTTP port, MEMORY_PROBE_PORT, that
 * answers GET /memory with process.memoryUsage() and the young generation's committed size, and
 * with ?gc=1 first runs two full collections, so samples taken at comparable points are
 * comparable. In the primary process's main thread only: cluster workers inherit the flags and
 * the port, and so does the thread of module hooks such as tsx's (which would then never start).
 */
'use strict';
const cluster = require('node:cluster');
const http = require('node:http');
const v8 = require('node:v8');
const { isMainThread } = require('node:worker_threads');

const port = Number(process.env.MEMORY_PROBE_PORT);
if (port > 0 && cluster.isPrimary && isMainThread) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://probe');
    if (url.pathname !== '/memory') {
      response.writeHead(404).end();
      return;
    }
    if (url.searchParams.get('gc') === '1' && typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    const body = JSON.stringify({
      ...process.memoryUsage(),
      newSpaceUsed: newSpace?.space_used_size ?? 0,
      newSpaceCommitted: newSpace?.physical_space_size ?? 0,
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  server.unref();
  server.listen(port, '127.0.0.1');
}
