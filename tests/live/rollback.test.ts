import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { AgreementState, createAgreement, SIGNED_ON, sign, transition } from '../support/factories';
import { AgreementStatusChanged, subscribeSse, subscribeWs, TimelineEventAdded } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

const SignedAgreementOf = graphql(`
  query LiveSignedAgreementOf($partnerCode: CountryCode!) {
    agreements(filter: { partnerCode: [$partnerCode], status: [SIGNED] }, first: 1) {
      edges { node { id version } }
    }
  }
`);

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
  base = await t.listen();
});
afterAll(() => t.close());

describe('a failed transition', () => {
  it('emits nothing: the first event after three failures is the success that followed them', async () => {
    const agreement = await createAgreement(t.execute, 'IT');
    const seededSigned = (await t.execute(SignedAgreementOf, { partnerCode: 'US' })).data?.agreements.edges[0]?.node;
    const changes = subscribeWs(base, AgreementStatusChanged, {});
    const timeline = subscribeSse(base, TimelineEventAdded, {});
    await untilSubscribers(t.app, 2);

    const stale = await transition(t.execute, {
      id: agreement.id,
      to: 'SIGNED',
      expectedVersion: 7,
      effectiveDate: SIGNED_ON,
    });
    expect(stale.data?.transitionAgreement).toMatchObject({
      __typename: 'VersionConflictError',
      expectedVersion: 7,
      actualVersion: 1,
    });

    const invalid = await transition(t.execute, {
      id: seededSigned!.id,
      to: 'NEGOTIATING',
      expectedVersion: seededSigned!.version,
    });
    expect(invalid.data?.transitionAgreement).toMatchObject({
      __typename: 'InvalidTransitionError',
      code: 'INVALID_TRANSITION',
    });

    // Passes the service's checks and updates the agreement row, then the timeline insert breaks
    // a CHECK constraint (no event before independence): the row update must roll back with it.
    const constraint = await transition(t.execute, {
      id: agreement.id,
      to: 'STALLED',
      expectedVersion: 1,
      effectiveDate: '1990-01-01',
    });
    expect(constraint.data?.transitionAgreement).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'BAD_USER_INPUT',
    });
    expect(constraint.data?.transitionAgreement).toMatchObject({
      message: expect.stringMatching(/rule of the data model \(timeline_events_occurred_on_check\)/),
    });

    const after = (await t.execute(AgreementState, { id: agreement.id })).data?.agreement;
    expect(after).toEqual({ id: agreement.id, status: 'NEGOTIATING', signedOn: null, version: 1 });

    const signed = await sign(t.execute, agreement.id);
    expect((await changes.feed.next()).agreementStatusChanged).toMatchObject({
      sequence: signed.sequence,
      to: 'SIGNED',
    });
    const added = (await timeline.feed.next()).timelineEventAdded;
    expect(added).toMatchObject({
      sequence: signed.sequence + 1,
      timelineEvent: { kind: 'SIGNING', agreements: [{ id: agreement.id }] },
    });
    expect(await changes.feed.rest()).toEqual([]);
    expect(await timeline.feed.rest(0)).toEqual([]);

    await changes.close();
    timeline.close();
    await untilSubscribers(t.app, 0);
  });
});
