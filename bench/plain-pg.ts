/**
 * The ceiling reference: no GraphQL, one hand-written SQL statement per query. PostgreSQL builds
 * the whole JSON body (in the shape our GraphQL API returns, global ids included) and the server
 * forwards it as text, so the only costs left are HTTP, one round trip and the query itself.
 *
 *   DATABASE_URL=postgres://... PORT=5679 npx tsx bench/plain-pg.ts
 *   GET /q1, /q2, /q3?id=12345
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { BENCH_AGREEMENT_ID } from './queries';

const globalId = (typeName: string, column: string) =>
  `encode(convert_to('${typeName}:' || ${column}, 'UTF8'), 'base64')`;

const STATEMENTS = {
  q1: `
    select json_build_object('data', json_build_object('agreements', json_build_object('edges',
      coalesce(json_agg(json_build_object('node', json_build_object(
        'id', ${globalId('Agreement', 'a.id')}, 'title', a.title, 'status', a.status, 'signedOn', a.signed_on,
        'partner', json_build_object('code', p.code, 'name', p.name),
        'timeline', json_build_object('edges', t.edges)
      )) order by a.id), '[]'))))::text as body
    from (select id, title, status, signed_on, partner_code from agreements order by id limit 50) a
    join partners p on p.code = a.partner_code
    cross join lateral (
      select coalesce(json_agg(json_build_object('node', json_build_object(
               'id', ${globalId('TimelineEvent', 'e.id')}, 'title', e.title, 'occurredOn', e.occurred_on, 'kind', e.kind
             )) order by e.occurred_on desc, e.id desc), '[]') as edges
      from (
        select e.id, e.title, e.occurred_on, e.kind
        from timeline_event_agreements tea join timeline_events e on e.id = tea.event_id
        where tea.agreement_id = a.id
        order by e.occurred_on desc, e.id desc
        limit 5
      ) e
    ) t`,
  q2: `
    select json_build_object('data', json_build_object('partners', json_build_object('edges',
      coalesce(json_agg(json_build_object('node', json_build_object(
        'code', p.code, 'name', p.name, 'agreements', json_build_object('edges', x.edges)
      )) order by p.code), '[]'))))::text as body
    from (select code, name from partners order by code limit 20) p
    cross join lateral (
      select coalesce(json_agg(json_build_object('node', json_build_object(
               'id', ${globalId('Agreement', 'a.id')}, 'title', a.title, 'status', a.status, 'signedOn', a.signed_on
             )) order by a.id), '[]') as edges
      from (select id, title, status, signed_on from agreements where partner_code = p.code order by id limit 10) a
    ) x`,
  q3: `
    select json_build_object('data', json_build_object('agreement', (
      select json_build_object(
        'id', ${globalId('Agreement', 'a.id')}, 'title', a.title, 'status', a.status, 'signedOn', a.signed_on,
        'partner', json_build_object('code', p.code, 'name', p.name))
      from agreements a join partners p on p.code = a.partner_code
      where a.id = $1)))::text as body`,
} as const;

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
