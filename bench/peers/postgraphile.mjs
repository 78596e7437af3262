/**
 * The PostGraphile v5 peer: the amber preset over schema `public`, served by grafserv on plain
 * node:http, set up as one would in production (no GraphiQL, no watch mode, no explain).
 * PostGraphile v5 needs Node 22, so this runs under bench's own Node:
 *
 *   DATABASE_URL=postgres://... PORT=5678 bench/node_modules/.bin/node bench/peers/postgraphile.mjs
 *
 * Plain JavaScript so that Node 22 runs it without a build step.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const databaseUrl = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 5678);
// The same pool size as the other servers, so the comparison is of the servers, not the pools.
const poolMax = Number(process.env.DB_POOL_MAX ?? 10);
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: databaseUrl,
      schemas: ['public'],
      poolConfig: { max: poolMax, application_name: 'bench-postgraphile' },
    }),
  ],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// Building the schema here rather than on the first request keeps introspection out of the
// measured run; readiness is the moment the port accepts connections.
await pgl.getSchemaResult();
server.listen(port, '127.0.0.1', () => console.log(`postgraphile listening on http://127.0.0.1:${port}/graphql`));

const shutdown = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
