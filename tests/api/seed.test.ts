/** The seed is idempotent: a second run inserts nothing, and it never overwrites what is there. */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate';
import type { DB } from '../../src/db/types';
import { seed } from '../../src/seed/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';

async function rowCounts(db: Kysely<DB>) {
  const { rows } = await sql<Record<string, number>>`
    select (select count(*)::int from partners) as partners,
           (select count(*)::int from agreements) as agreements,
           (select count(*)::int from timeline_events) as timeline_events,
           (select count(*)::int from timeline_event_partners) as timeline_event_partners,
           (select count(*)::int from timeline_event_agreements) as timeline_event_agreements`.execute(db);
  return rows[0]!;
}

describe('on a fresh, empty database', () => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase({ empty: true });
    await migrateToLatest(fresh.database.db);
  });
  afterAll(() => fresh.drop());

  it('loads the whole dataset the first time and nothing the second', async () => {
    const db = fresh.database.db;
    expect(await seed(db)).toEqual({ partners: 32, agreements: 33, timelineEvents: 47 });
    const afterFirst = await rowCounts(db);
    expect(afterFirst).toMatchObject({ partners: 32, agreements: 33, timelineEvents: 47 });
    // Every event-partner and event-agreement link of the dataset.
    expect(afterFirst.timelineEventPartners).toBe(79);
    expect(afterFirst.timelineEventAgreements).toBe(44);

    expect(await seed(db)).toEqual({ partners: 0, agreements: 0, timelineEvents: 0 });
    expect(await rowCounts(db)).toEqual(afterFirst);
  });
});

describe('on a database that was seeded and then edited', () => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await createTestDatabase();
  });
  afterAll(() => seeded.drop());

  it('keeps the edits and inserts nothing', async () => {
    const db = seeded.database.db;
    const before = await rowCounts(db);
    await db.updateTable('partners').set({ name: 'Republic of Albania' }).where('code', '=', 'AL').execute();
    await db.updateTable('agreements').set({ title: 'Edited title' }).where('reference', '=', 'UA-GB-2024').execute();

    expect(await seed(db)).toEqual({ partners: 0, agreements: 0, timelineEvents: 0 });
    expect(await rowCounts(db)).toEqual(before);
    const partner = await db.selectFrom('partners').select('name').where('code', '=', 'AL').executeTakeFirstOrThrow();
    expect(partner.name).toBe('Republic of Albania');
    const agreement = await db
      .selectFrom('agreements')
      .select('title')
      .where('reference', '=', 'UA-GB-2024')
      .executeTakeFirstOrThrow();
    expect(agreement.title).toBe('Edited title');
  });
});
