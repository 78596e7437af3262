import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql';
import { startTestApp, type TestApp } from './support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PartnersPage = graphql(`
  query PartnersPage($first: Int, $after: String, $last: Int, $before: String) {
    partners(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { code name } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

describe('partners', () => {
  it('pages forward and backward over all 32 seeded partners in code order', async () => {
    const codes: string[] = [];
    let after: string | null | undefined = null;
    for (;;) {
      const { data, errors } = await t.execute(PartnersPage, { first: 10, after });
      expect(errors).toBeUndefined();
      expect(data!.partners.totalCount).toBe(32);
      codes.push(...data!.partners.edges.map((edge) => edge.node.code));
      if (!data!.partners.pageInfo.hasNextPage) break;
      after = data!.partners.pageInfo.endCursor;
    }
    expect(codes).toHaveLength(32);
    expect([...codes].sort()).toEqual(codes);

    const { data } = await t.execute(PartnersPage, { last: 5 });
    expect(data!.partners.edges.map((edge) => edge.node.code)).toEqual(codes.slice(-5));
    expect(data!.partners.pageInfo.hasPreviousPage).toBe(true);
  });

  it('rejects a forged cursor with a typed error', async () => {
    const { data, errors } = await t.execute(PartnersPage, { first: 2, after: 'not-a-cursor' });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/after.*not a valid cursor/);
  });
});
