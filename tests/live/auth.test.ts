import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql';
import { bearer, LIVE_ENV, startTestApp, type TestApp, token } from '../support/app';
import { AgreementState, CreateAgreement, createAgreement, SIGNED_ON, sign, transition } from '../support/factories';
import { AgreementSigned, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

const AgreementCount = graphql(`
  query LiveAgreementCount($partnerCode: CountryCode!) {
    agreements(filter: { partnerCode: [$partnerCode] }, first: 1) { totalCount }
  }
`);

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
  base = await t.listen();
});
afterAll(() => t.close());

const refusals: Array<[string, () => Promise<Record<string, string>>, string, RegExp]> = [
  ['no token', async () => ({}), 'UNAUTHENTICATED', /needs a bearer token/],
  [
    'a token signed with another secret',
    () => bearer('editor', { secret: 'not-the-server-secret-but-32-characters-long' }),
    'UNAUTHENTICATED',
    /could not be verified/,
  ],
  [
    'an expired token',
    () => bearer('editor', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    'UNAUTHENTICATED',
    /expired/,
  ],
  [
    'a malformed Authorization header',
    async () => ({ authorization: `Token ${await token('editor')}` }),
    'UNAUTHENTICATED',
    /must be "Bearer <JWT>"/,
  ],
  ['the viewer role', () => bearer('viewer'), 'FORBIDDEN', /role "viewer" may not/],
];

describe('writes without an editor token', () => {
  it.each(refusals)('with %s are refused and write nothing', async (_case, credentials, code, message) => {
    const agreement = await createAgreement(t.execute, 'BE');
    const countBefore = (await t.execute(AgreementCount, { partnerCode: 'BE' })).data?.agreements.totalCount;
    const signings = subscribeWs(base, AgreementSigned, { partnerCode: 'BE' });
    await untilSubscribers(t.app, 1);
    const headers = await credentials();

    const signing = await transition(
      t.execute,
      { id: agreement.id, to: 'SIGNED', expectedVersion: 1, effectiveDate: SIGNED_ON },
      headers,
    );
    expect(signing.data ?? null).toBeNull();
    expect(signing.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(signing.errors?.[0]?.message).toMatch(message);

    const creation = await t.execute(CreateAgreement, { input: { partnerCode: 'BE', title: 'Refused' } }, headers);
    expect(creation.data ?? null).toBeNull();
    expect(creation.errors?.map((error) => error.extensions?.code)).toEqual([code]);

    expect((await t.execute(AgreementState, { id: agreement.id })).data?.agreement).toEqual({
      id: agreement.id,
      status: 'NEGOTIATING',
      signedOn: null,
      version: 1,
    });
    expect((await t.execute(AgreementCount, { partnerCode: 'BE' })).data?.agreements.totalCount).toBe(countBefore);

    // Nothing was announced: the first event is the editor's signing that follows.
    const marker = await sign(t.execute, agreement.id, await bearer('editor'));
    expect((await signings.feed.next()).agreementSigned.sequence).toBe(marker.sequence);
    await signings.close();
    await untilSubscribers(t.app, 0);
  });

  it('over graphql-ws, a viewer token in connectionParams cannot write either', async () => {
    const agreement = await createAgreement(t.execute, 'BE');
    const viewer = subscribeWs(
      base,
      graphql(`
        mutation LiveSignOverWebSocket($input: TransitionAgreementInput!) {
          transitionAgreement(input: $input) { __typename }
        }
      `),
      { input: { id: agreement.id, to: 'SIGNED', expectedVersion: 1, effectiveDate: SIGNED_ON } },
      { authorization: `Bearer ${await token('viewer')}` },
    );
    await expect(viewer.feed.next()).rejects.toThrow(/"code":"FORBIDDEN"/);
    await viewer.close();
    expect((await t.execute(AgreementState, { id: agreement.id })).data?.agreement?.version).toBe(1);
  });

  it('a token that worked is refused once it has expired, though it was verified moments before', async () => {
    const agreement = await createAgreement(t.execute, 'BE');
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const headers = await bearer('editor', { expiresIn: expiresAt });
    const first = await transition(t.execute, { id: agreement.id, to: 'STALLED', expectedVersion: 1 }, headers);
    expect(first.errors).toBeUndefined();
    // Waits for the clock, not for a guess: the token is past its exp only once a second has ticked over it.
    while (Math.floor(Date.now() / 1000) < expiresAt) await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await transition(t.execute, { id: agreement.id, to: 'NEGOTIATING', expectedVersion: 2 }, headers);
    expect(late.data ?? null).toBeNull();
    expect(late.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(late.errors?.[0]?.message).toMatch(/expired/);
    expect((await t.execute(AgreementState, { id: agreement.id })).data?.agreement?.version).toBe(2);
  });
});
