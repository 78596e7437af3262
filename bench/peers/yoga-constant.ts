/**
 * The GraphQL layer's own floor: graphql-yoga, configured as ours is in production, answering
 * Q1–Q3 from constant data. At start it reads plain-pg's answers once (bench/peers/plain-sql.ts) and
 * closes its connection; each request then costs what yoga and graphql-js cost for that
 * operation (HTTP, parse and validate caches, execution over the same nested objects, JSON) and
 * nothing for data access. Ours can approach this figure, not pass it, while it stays on yoga.
 *
 *   DATABASE_URL=postgres://... PORT=5680 npx tsx bench/peers/yoga-constant.ts
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import { BENCH_AGREEMENT_ID } from '../queries';
import { STATEMENTS } from './plain-sql';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}

const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-yoga-constant' });
await client.connect();
const data = async (text: string, values: unknown[] = []) => {
  const { rows } = await client.query<{ body: string }>(text, values);
  return (JSON.parse(rows[0]!.body) as { data: Record<string, unknown> }).data;
};
const constant = {
  ...(await data(STATEMENTS.q1)),
  ...(await data(STATEMENTS.q2)),
  ...(await data(STATEMENTS.q3, [BENCH_AGREEMENT_ID])),
};
await client.end();

// The fields and arguments the benchmark's queries use, as our schema declares them; every
// resolver but the root ones is graphql-js' default, reading the constant objects.
const typeDefs = /* GraphQL */ `
  enum OrderDirection { ASC DESC }
  enum AgreementOrderField { ID }
  enum PartnerOrderField { CODE }
  enum TimelineOrderField { DATE }
  input AgreementOrder { field: AgreementOrderField!, direction: OrderDirection! }
  input PartnerOrder { field: PartnerOrderField!, direction: OrderDirection! }
  input TimelineOrder { field: TimelineOrderField!, direction: OrderDirection! }
  type Query {
    agreements(first: Int, orderBy: AgreementOrder): AgreementConnection!
    partners(first: Int, orderBy: PartnerOrder): PartnerConnection!
    agreement(id: ID!): Agreement
  }
  type Partner { code: String!, name: String!, agreements(first: Int): AgreementConnection! }
  type Agreement {
    id: ID!, title: String!, status: String!, signedOn: String, partner: Partner!
    timeline(first: Int, orderBy: TimelineOrder): TimelineEventConnection!
  }
  type TimelineEvent { id: ID!, title: String!, occurredOn: String!, kind: String! }
  type AgreementConnection { edges: [AgreementEdge!]! }
  type AgreementEdge { node: Agreement! }
  type PartnerConnection { edges: [PartnerEdge!]! }
  type PartnerEdge { node: Partner! }
  type TimelineEventConnection { edges: [TimelineEventEdge!]! }
  type TimelineEventEdge { node: TimelineEvent! }
`;

const yoga = createYoga({
  schema: createSchema({
    typeDefs,
    resolvers: {
      Query: {
        agreements: () => constant.agreements,
        partners: () => constant.partners,
        agreement: () => constant.agreement,
      },
    },
  }),
  graphiql: false,
  landingPage: false,
  batching: false,
  logging: 'warn',
});

const port = Number(process.env.PORT ?? 5680);
const server = createServer(yoga);
server.listen(port, '127.0.0.1', () => console.log(`yoga-constant listening on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
