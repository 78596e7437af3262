import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { bearer, globalId, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { AgreementState, createAgreement, SIGNED_ON, transition } from '../support/factories';
import { AgreementSigned, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

const EditAgreementFields = graphql(`
  mutation EditAgreementFields($input: UpdateAgreementInput!) {
    updateAgreement(input: $input) {
      __typename
      ... on AgreementPayload { agreement { title notes durationYears areas version } }
    }
  }
`);

const EditAgreement = graphql(`
  mutation ConcurrentEditAgreement($input: UpdateAgreementInput!) {
    updateAgreement(input: $input) {
      __typename
      ... on AgreementPayload { agreement { id title version } }
      ... on VersionConflictError { expectedVersion actualVersion }
      ... on NotFoundError { message }
    }
  }
`);

let t: TestApp;
let base: string;
const statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV, { onQuery: (statement) => statements.push(statement) });
  base = await t.listen();
});
afterAll(() => t.close());

describe('signing the same agreement concurrently', () => {
  it('50 attempts with the same expectedVersion: one success, 49 version conflicts, one event', async () => {
    const agreement = await createAgreement(t.execute, 'NL');
    const signings = subscribeWs(base, AgreementSigned, { partnerCode: 'NL' });
    await untilSubscribers(t.app, 1);

    const headers = await bearer('editor');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        transition(
          t.execute,
          { id: agreement.id, to: 'SIGNED', expectedVersion: 1, effectiveDate: SIGNED_ON },
          headers,
        ),
      ),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    const outcomes = results.map((result) => result.data!.transitionAgreement);
    const successes = outcomes.flatMap((outcome) => (outcome.__typename === 'AgreementStatusChange' ? [outcome] : []));
    const conflicts = outcomes.flatMap((outcome) => (outcome.__typename === 'VersionConflictError' ? [outcome] : []));
    expect(successes).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    for (const conflict of conflicts) expect(conflict).toMatchObject({ expectedVersion: 1, actualVersion: 2 });

    const state = (await t.execute(AgreementState, { id: agreement.id })).data?.agreement;
    expect(state).toEqual({ id: agreement.id, status: 'SIGNED', signedOn: SIGNED_ON, version: 2 });
    const event = await signings.feed.next();
    expect(event.agreementSigned).toMatchObject({ sequence: successes[0]!.sequence, agreement: { version: 2 } });
    expect(await signings.feed.rest(500)).toEqual([]);

    await signings.close();
  });
});

describe('editing the same agreement concurrently', () => {
  it('20 edits with the same expectedVersion: one success, 19 version conflicts, one event; a stale or unknown one writes nothing', async () => {
    const agreement = await createAgreement(t.execute, 'NL');
    const headers = await bearer('editor');
    const before = await eventsOf(agreement.id);
    const edit = (title: string, expectedVersion = 1, id = agreement.id) =>
      t.execute(EditAgreement, { input: { id, expectedVersion, title } }, headers);

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => edit(`Edit ${i}`)));
    for (const result of results) expect(result.errors).toBeUndefined();
    const outcomes = results.map((result) => result.data!.updateAgreement);
    const successes = outcomes.flatMap((outcome) => (outcome.__typename === 'AgreementPayload' ? [outcome] : []));
    const conflicts = outcomes.flatMap((outcome) => (outcome.__typename === 'VersionConflictError' ? [outcome] : []));
    expect(successes).toHaveLength(1);
    expect(successes[0]!.agreement.version).toBe(2);
    expect(conflicts).toHaveLength(19);
    for (const conflict of conflicts) expect(conflict).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect(await eventsOf(agreement.id)).toEqual([...before, 'AGREEMENT_UPDATED']);

    // Stale and unknown: typed errors, and neither the row nor the log moves.
    const stale = (await edit('Stale edit')).data!.updateAgreement;
    expect(stale).toMatchObject({ __typename: 'VersionConflictError', expectedVersion: 1, actualVersion: 2 });
    const unknown = (await edit('Nobody', 1, globalId('Agreement', 2_000_000_000))).data!.updateAgreement;
    expect(unknown.__typename).toBe('NotFoundError');
    const state = (await t.execute(AgreementState, { id: agreement.id })).data?.agreement;
    expect(state).toMatchObject({ id: agreement.id, version: 2 });
    expect(await eventsOf(agreement.id)).toEqual([...before, 'AGREEMENT_UPDATED']);
  });
});

describe('an edit', () => {
  it('is one statement: the row, its version check, its event and the notification, with no BEGIN or COMMIT', async () => {
    const agreement = await createAgreement(t.execute, 'NL');
    const headers = await bearer('editor');
    const before = await eventsOf(agreement.id);
    statements.length = 0;
    const result = await t.execute(
      EditAgreement,
      { input: { id: agreement.id, expectedVersion: 1, title: 'One statement' } },
      headers,
    );
    expect(result.data?.updateAgreement).toMatchObject({ agreement: { title: 'One statement', version: 2 } });
    // The event bus reads the log on its own; the request sent the rest.
    const sent = statements.filter((statement) => !/^\s*select \* from "event_log"/.test(statement));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^\s*with written as \(update "agreements"[\s\S]*insert into event_log[\s\S]*pg_notify/);
    expect(await eventsOf(agreement.id)).toEqual([...before, 'AGREEMENT_UPDATED']);
  });

  it('sets exactly the fields it is given, whichever fields the edits before it set', async () => {
    const agreement = await createAgreement(t.execute, 'NL');
    const headers = await bearer('editor');
    const edit = async (expectedVersion: number, fields: Record<string, unknown>) => {
      const { data, errors } = await t.execute(
        EditAgreementFields,
        { input: { id: agreement.id, expectedVersion, ...fields } },
        headers,
      );
      expect(errors).toBeUndefined();
      return data!.updateAgreement;
    };
    expect(await edit(1, { title: 'First title' })).toMatchObject({
      agreement: { title: 'First title', notes: null, version: 2 },
    });
    expect(await edit(2, { notes: 'A note', durationYears: 10, areas: ['DEFENCE_INDUSTRY', 'CYBER'] })).toMatchObject({
      agreement: {
        title: 'First title',
        notes: 'A note',
        durationYears: 10,
        areas: ['DEFENCE_INDUSTRY', 'CYBER'],
        version: 3,
      },
    });
    // The first statement's text again, with other values.
    expect(await edit(3, { title: 'Second title' })).toMatchObject({
      agreement: { title: 'Second title', notes: 'A note', durationYears: 10, version: 4 },
    });
    expect(await edit(4, { notes: null, durationYears: null, areas: [] })).toMatchObject({
      agreement: { title: 'Second title', notes: null, durationYears: null, areas: [], version: 5 },
    });
  });
});

/** The topics the log holds for one agreement, in log order (read in SQL, not through the API). */
async function eventsOf(globalAgreementId: string): Promise<string[]> {
  const id = Number(Buffer.from(globalAgreementId, 'base64').toString().split(':')[1]);
  const { rows } = await sql<{ topic: string }>`
    select topic from event_log where agreement_id = ${id} order by sequence`.execute(t.app.database.db);
  return rows.map((row) => row.topic);
}
