import { afterAll, beforeAll, it } from 'vitest';
import { globalId, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());
const b64u = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const cases: Array<[string, string, Record<string, unknown>?]> = [
  ['node agreement', `{ node(id: "${globalId('Agreement', 17)}") { id ... on Agreement { reference } } }`],
  ['node agreement abc', `{ node(id: "${globalId('Agreement', 'abc')}") { id ... on Agreement { reference } } }`],
  ['node partner', `{ node(id: "${globalId('Partner', 'US')}") { id ... on Partner { name } } }`],
  ['node partner bad', `{ node(id: "${globalId('Partner', 'ZZ')}") { id ... on Partner { name } } }`],
  ['node unknown type', `{ node(id: "${globalId('Foo', '1')}") { id } }`],
  ['node garbage', `{ node(id: "garbage!!") { id } }`],
  ['nodes mixed', `{ nodes(ids: ["${globalId('Agreement', 17)}", "${globalId('Partner', 'US')}", "${globalId('TimelineEvent', 1)}", "${globalId('Agreement', 9999)}"]) { __typename id } }`],
  ['agreement wrong type', `{ agreement(id: "${globalId('Partner', 'US')}") { id } }`],
  ['agreement garbage', `{ agreement(id: "xyz") { id } }`],
  ['agreement abc', `{ agreement(id: "${globalId('Agreement', 'abc')}") { id } }`],
  ['cursor id wrong type', `{ agreements(first: 2, after: "${b64u(['agreement:ID:asc', 'abc', 1])}") { edges { node { id } } } }`],
  ['cursor date wrong', `{ agreements(first: 2, orderBy: {field: SIGNED_ON}, after: "${b64u(['agreement:SIGNED_ON:asc', 'notadate', 1])}") { edges { node { id } } } }`],
  ['cursor date id str', `{ agreements(first: 2, orderBy: {field: SIGNED_ON}, after: "${b64u(['agreement:SIGNED_ON:asc', '2024-01-01', 'x'])}") { edges { node { id } } } }`],
  ['timeline cursor', `{ timeline(first: 2, after: "${b64u(['timeline:DATE:asc', '2024-13-45', 1])}") { edges { node { id } } } }`],
  ['signed asc tail', `{ agreements(last: 6, orderBy: {field: SIGNED_ON}) { edges { cursor node { reference signedOn } } } }`],
  ['wrong var', `query($n: Int) { agreements(first: $n) { totalCount } }`, { n: 'five' }],
  ['bad enum', `{ agreements(filter: { status: [DONE] }) { totalCount } }`],
  ['bad enum var', `query($s: [AgreementStatus!]) { agreements(filter: { status: $s }) { totalCount } }`, { s: ['DONE'] }],
  ['bad date', `{ agreements(filter: { signedFrom: "2024-02-30" }) { totalCount } }`],
  ['bad date var', `query($d: Date) { agreements(filter: { signedFrom: $d }) { totalCount } }`, { d: '2024-02-30' }],
  ['sql search', `{ agreements(filter: { search: "'; drop table agreements; --" }) { totalCount edges { node { id } } } }`],
  ['stats', `{ stats { totals { partners agreements countedInOfficialList } byStatus { status count } byMembership { membership partners signed } signingsByMonth { month count } } }`],
  ['timeline agreementId partner', `{ timeline(filter: { agreementId: "${globalId('Partner', 'US')}" }) { totalCount } }`],
  ['first 101', `{ partners(first: 101) { totalCount } }`],
  ['nested', `{ agreements(first: 3) { edges { node { partner { name } timeline(first: 5) { totalCount edges { node { title partners { code } agreements { reference } } } } } } } }`],
];
it('probe', async () => {
  for (const [name, q, v] of cases) {
    const r = await t.execute(q, v);
    console.log('###', name, JSON.stringify(r).slice(0, 1500));
  }
});
