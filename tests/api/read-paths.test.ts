/**
 * The read paths that trade generality for speed keep their answers: an agreement's timeline pages
 * off the event dates copied onto its link rows (migration 2026-11-28T06), lists select only the
 * columns a query reads, and a partner asked of a listed agreement is joined rather than loaded.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { bearer, globalId, startTestApp, type TestApp } from '../support/app';
import { expectOk } from '../support/errors';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const NewestEvent = graphql(`
  query ReadPathsNewestEvent($filter: AgreementFilter, $direction: OrderDirection!) {
    agreements(first: 1, filter: $filter) {
      edges { node { reference timeline(first: 1, orderBy: { direction: $direction }) { edges { node { title occurredOn } } } } }
    }
  }
`);

const AddEvent = graphql(`
  mutation ReadPathsAddEvent($input: AddTimelineEventInput!) {
    addTimelineEvent(input: $input) { __typename ... on AddTimelineEventPayload { timelineEvent { id } } }
  }
`);

const LeanAndFull = graphql(`
  query ReadPathsLeanAndFull {
    lean: agreements(first: 3) { edges { node { id title } } }
    full: agreements(first: 3) {
      edges { node {
        id title status allowedTransitions areas signedOn expectedSigningWindow { from to } partner { code name memberships } ...ReadPathsMore
      } }
    }
  }
  fragment ReadPathsMore on Agreement { sources createdAt partner { kind sources } }
`);

const OneAgreementThreeWays = graphql(`
  query ReadPathsOneAgreementThreeWays($id: ID!) {
    agreement(id: $id) { id title partner { code name kind } }
    node(id: $id) { ... on Agreement { id title partner { code name kind } } }
    agreements(first: 1) { edges { node { id title partner { code name kind } } } }
  }
`);

const ofUs2024 = { filter: { partnerCode: ['US'], status: ['SIGNED' as const] } };

async function firstEvent(direction: 'ASC' | 'DESC') {
  const result = await t.execute(NewestEvent, { ...ofUs2024, direction });
  expectOk(result);
  return result.data!.agreements.edges[0]!.node.timeline.edges[0]?.node;
}

describe('Agreement.timeline follows the dates of its events', () => {
  let agreementId: number;
  let eventId: number;

  it('pages an event added through the API by its date', async () => {
    const [agreement] = (
      await sql<{ id: number }>`select id from agreements where reference = 'UA-US-2024'`.execute(t.db.database.db)
    ).rows;
    agreementId = agreement!.id;
    const added = await t.execute(
      AddEvent,
      {
        input: {
          occurredOn: '2025-01-15',
          kind: 'STATEMENT',
          title: 'A later statement',
          agreementIds: [globalId('Agreement', agreementId)],
          sources: ['https://example.org/later'],
        },
      },
      await bearer('editor'),
    );
    expectOk(added);
    const payload = added.data!.addTimelineEvent;
    if (payload.__typename !== 'AddTimelineEventPayload') throw new Error(JSON.stringify(payload));
    eventId = Number(Buffer.from(payload.timelineEvent.id, 'base64').toString().split(':')[1]);
    expect(await firstEvent('DESC')).toEqual({ title: 'A later statement', occurredOn: '2025-01-15' });
  });

  it('moves an event when its date changes, whoever changes it', async () => {
    await sql`update timeline_events set occurred_on = '2020-01-01' where id = ${eventId}`.execute(t.db.database.db);
    expect(await firstEvent('ASC')).toEqual({ title: 'A later statement', occurredOn: '2020-01-01' });
    expect(await firstEvent('DESC')).toMatchObject({ occurredOn: '2024-06-13' });
    const { rows } = await sql<{ occurredOn: string }>`
      select occurred_on from timeline_event_agreements where event_id = ${eventId} and agreement_id = ${agreementId}`.execute(
      t.db.database.db,
    );
    expect(rows).toEqual([{ occurredOn: '2020-01-01' }]);
  });
});

describe('lists read only what the query asks, and stay whole', () => {
  it('answers fields that need other columns, beside a lean list of the same agreements', async () => {
    const result = await t.execute(LeanAndFull);
    expectOk(result);
    const [lean, full] = [result.data!.lean.edges, result.data!.full.edges];
    expect(full.map((edge) => edge.node.id)).toEqual(lean.map((edge) => edge.node.id));
    for (const { node } of full) {
      expect(node.status).toMatch(/^[A-Z]+$/);
      expect(Array.isArray(node.allowedTransitions)).toBe(true);
      expect(Array.isArray(node.sources)).toBe(true);
      expect(Number.isNaN(Date.parse(node.createdAt))).toBe(false);
      expect(node.partner).toMatchObject({ code: expect.any(String), name: expect.any(String), kind: 'STATE' });
      expect(Array.isArray(node.partner.memberships)).toBe(true);
    }
  });

  it('gives the same agreement by id, by node and in a list, partner included', async () => {
    const id = globalId('Agreement', 1);
    const result = await t.execute(OneAgreementThreeWays, { id });
    expectOk(result);
    expect(result.data!.node).toEqual(result.data!.agreement);
    expect(result.data!.agreements.edges[0]!.node).toEqual(result.data!.agreement);
  });
});
