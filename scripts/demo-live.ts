/**
 * `npm run demo:live`: replays 2024–2025 as a live feed.
 *
 * Starts the real service on a fresh in-memory database, rewinds it to the seed document's moment
 * (1 March 2024: seven agreements signed; every agreement signed later is back in NEGOTIATING),
 * then signs those agreements again, in historical order, through the real `transitionAgreement`
 * mutation over HTTP, with each signing's sourced date, place, signatories and sources.
 * Open GraphiQL at the printed URL and run the printed subscription to watch them arrive.
 *
 *   DEMO_PORT (default 4010)      DEMO_INTERVAL_MS (default 3000)   DEMO_WAIT_MS (default 10000)
 */

import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { sql } from 'kysely';
import { WebSocket } from 'ws';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { readDataset, seed } from '../src/seed/seed';

const REWIND_TO = '2024-03-01';
const port = Number(process.env.DEMO_PORT ?? 4010);
const intervalMs = Number(process.env.DEMO_INTERVAL_MS ?? 3000);
const waitMs = Number(process.env.DEMO_WAIT_MS ?? 10_000);
const secret = process.env.JWT_SECRET ?? `demo-${crypto.randomUUID()}-${crypto.randomUUID()}`;

const database = await openDatabase({});
await migrateToLatest(database.db);
await seed(database.db);

// Rewind: later signings become negotiations again; their seeded signing events and later status
// history are removed so that the replay records them anew (and announces them) through the
// mutation path.
const rewound = await database.db
  .updateTable('agreements')
  .set({ status: 'NEGOTIATING', signedOn: null })
  .where('signedOn', '>', REWIND_TO)
  .returning(['id', 'reference'])
  .execute();
await sql`delete from timeline_events where kind = 'SIGNING' and occurred_on > ${REWIND_TO}`.execute(database.db);
await sql`delete from agreement_status_history where effective_on > ${REWIND_TO}`.execute(database.db);
await sql`update agreement_status_history set superseded_on = null where superseded_on > ${REWIND_TO}`.execute(
  database.db,
);

const app = await buildApp(
  loadConfig({
    ...process.env,
    JWT_SECRET: secret,
    MIGRATE_ON_START: 'false',
    SEED_ON_START: 'false',
    LOG_LEVEL: 'warn',
  }),
  { database },
);
await app.start(port, '127.0.0.1');
const endpoint = `http://localhost:${port}/graphql`;
const token = await new SignJWT({ role: 'editor' })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject('demo-live')
  .setExpirationTime('2h')
  .sign(new TextEncoder().encode(secret));

console.log(`
Rewound to ${REWIND_TO}: 7 agreements signed, ${rewound.length} back in NEGOTIATING.
Open ${endpoint} and run:

  subscription {
    agreementSigned {
      cursor
      effectiveDate
      agreement { reference title place partner { name } expectedSigningWindow { label } }
    }
  }

Replaying ${rewound.length} signings, one every ${intervalMs / 1000} s (${Math.round((rewound.length * intervalMs) / 1000)} s in all), starting in ${Math.round(waitMs / 1000)} s (Ctrl-C to stop).
`);
// A live `stats` query, held open over graphql-ws: the server sends a new result after each signing.
const live = createClient({ url: endpoint.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
live.subscribe<{ cursor: string; stats: { byStatus: Array<{ status: string; count: number }> } }>(
  { query: 'query LiveStats @live { cursor stats { byStatus { status count } } }' },
  {
    next: ({ data }) => {
      if (!data) return;
      const counts = data.stats.byStatus.map(({ status, count }) => `${status.toLowerCase()} ${count}`).join(', ');
      console.log(`  live stats at cursor ${data.cursor}: ${counts}`);
    },
    error: (error) => console.error('live query failed:', error),
    complete: () => {},
  },
);
await new Promise((resolve) => setTimeout(resolve, waitMs));

const dataset = readDataset();
const signings = dataset.agreements
  .filter((agreement) => agreement.signing_date && agreement.signing_date > REWIND_TO)
  .sort((a, b) => a.signing_date!.localeCompare(b.signing_date!) || a.id.localeCompare(b.id));
const ids = new Map(rewound.map((row) => [row.reference, row.id]));

const transition = `
  mutation Sign($input: TransitionAgreementInput!) {
    transitionAgreement(input: $input) {
      __typename
      ... on AgreementStatusChange { cursor agreement { reference partner { name } } }
      ... on Error { message }
    }
  }`;

for (const agreement of signings) {
  const id = ids.get(agreement.id);
  if (id === undefined) continue;
  const event = dataset.events.find((e) => e.type === 'signing' && e.related_agreement_ids.includes(agreement.id));
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: transition,
      variables: {
        input: {
          id: Buffer.from(`Agreement:${id}`).toString('base64'),
          to: 'SIGNED',
          // The rewind bumped nothing: seeded rows start at version 1.
          expectedVersion: 1,
          effectiveDate: agreement.signing_date,
          place: agreement.place,
          partnerSignatories: agreement.partner_signatories,
          note: event?.description ?? null,
          sources: event?.sources ?? agreement.sources.slice(0, 3),
        },
      },
    }),
  });
  const { data, errors } = (await response.json()) as { data?: any; errors?: unknown };
  const result = data?.transitionAgreement;
  console.log(
    result?.__typename === 'AgreementStatusChange'
      ? `${agreement.signing_date}  signed: ${result.agreement.partner.name} (cursor ${result.cursor})`
      : `${agreement.signing_date}  ${agreement.id} failed: ${JSON.stringify(result ?? errors)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}

console.log('\nReplay finished; the server keeps running until Ctrl-C.');
process.once('SIGINT', async () => {
  await live.dispose();
  await app.stop();
  process.exit(0);
});
