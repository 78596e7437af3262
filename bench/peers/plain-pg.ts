/**
 * The ceiling reference: no GraphQL, one hand-written SQL statement per query. PostgreSQL builds
 * the whole JSON body (in the shape our GraphQL API returns, global ids included) and the server
 * forwards it as text, so the only costs left are HTTP, one round trip and the query itself.
 *
 *   DATABASE_URL=postgres://... PORT=5679 npx tsx bench/peers/plain-pg.ts
 *   GET /q1, /q2, /q3?id=12345
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { BENCH_AGREEMENT_ID } from '../queries';
import { STATEMENTS } from './plain-sql';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 5679);
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: Number(process.env.DB_POOL_MAX ?? 10),
  application_name: 'bench-plain-pg',
});
pool.on('error', () => {});

async function answer(path: string, params: URLSearchParams): Promise<string | undefined> {
  switch (path) {
    case '/q1':
    case '/q2': {
      // A named statement is prepared once per connection, as a GraphQL server's would be.
      const name = path.slice(1) as 'q1' | 'q2';
      const { rows } = await pool.query<{ body: string }>({ name, text: STATEMENTS[name] });
      return rows[0]!.body;
    }
    case '/q3': {
      const id = Number(params.get('id') ?? BENCH_AGREEMENT_ID);
      const { rows } = await pool.query<{ body: string }>({ name: 'q3', text: STATEMENTS.q3, values: [id] });
      return rows[0]!.body;
    }
    default:
      return undefined;
  }
}

const server = createServer((request, response) => {
  // Drain any body (the load generator may send one) without reading it.
  request.resume();
  const url = new URL(request.url ?? '/', 'http://localhost');
  answer(url.pathname, url.searchParams).then(
    (body) => {
      if (body === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    },
    (error: unknown) => {
      console.error(error);
      response.writeHead(500).end();
    },
  );
});

server.listen(port, '127.0.0.1', () => console.log(`plain-pg listening on http://127.0.0.1:${port}`));

const shutdown = () => {
  server.close();
  pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
