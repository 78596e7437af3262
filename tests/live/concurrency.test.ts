import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { AgreementState, createAgreement, SIGNED_ON, transition } from '../support/factories';
import { AgreementSigned, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
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
