/**
 * Document limits (depth, aliases, directives, tokens, cost) and the shapes that try to get around
 * them: fragments, deeply chained and recursive fragments, variables that change the cost of a
 * cached document, and the SSE and WebSocket transports. Small limits keep the documents readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { expectNoLeak } from '../support/errors';
import { CSRF_HEADER, post, send } from '../support/http';
import { RawSocket } from '../support/raw-socket';
import { untilSubscribers } from '../support/wait';

const LIMITS = {
  MAX_QUERY_DEPTH: '8',
  MAX_ALIASES: '5',
  MAX_DIRECTIVES: '4',
  MAX_TOKENS: '300',
  MAX_QUERY_COST: '2000',
};

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await startTestApp(LIMITS);
  baseUrl = await t.listen();
});
afterAll(() => t.close());

const fields = (count: number, make: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => make(i)).join(' ');

interface LimitCase {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The limit that must refuse it, or null when it must run. */
  limit: 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxCost' | null;
}

// Depth counts fields: partners(1) edges(2) node(3) agreements(4) edges(5) node(6) partner(7) name(8).
const DEPTH_8 =
  '{ partners(first: 1) { edges { node { agreements(first: 1) { edges { node { partner { name } } } } } } } }';
const DEPTH_9 =
  '{ partners(first: 1) { edges { node { agreements(first: 1) { edges { node { partner { agreements(first: 1) { totalCount } } } } } } } } }';

const cases: LimitCase[] = [
  // Depth
  { name: 'depth at the limit', query: DEPTH_8, limit: null },
  { name: 'depth over the limit', query: DEPTH_9, limit: 'maxDepth' },
  {
    name: 'depth hidden in named fragments',
    query: `{ partners(first: 1) { ...P } } fragment P on PartnerConnection { edges { node { ...N } } }
            fragment N on Partner { agreements(first: 1) { ...A } } fragment A on AgreementConnection { edges { node { partner { agreements(first: 1) { totalCount } } } } }`,
    limit: 'maxDepth',
  },
  {
    name: 'depth hidden in inline fragments',
    query:
      '{ ... on Query { partners(first: 1) { ... { edges { ... on PartnerEdge { node { agreements(first: 1) { edges { node { ... on Agreement { partner { agreements(first: 1) { totalCount } } } } } } } } } } } } }',
    limit: 'maxDepth',
  },
  {
    name: 'deeply chained fragments (each adds a level)',
    query: `{ partner(code: "GB") { ...F0 } }
      ${fields(6, (i) => `fragment F${i} on Partner { agreements(first: 1) { edges { node { partner { ...F${i + 1} } } } } }`)}
      fragment F6 on Partner { code }`,
    limit: 'maxDepth',
  },
  // Aliases
  {
    name: 'aliases at the limit',
    query: `{ ${fields(5, (i) => `s${i}: stats { totals { partners } }`)} }`,
    limit: null,
  },
  {
    name: 'aliases over the limit',
    query: `{ ${fields(6, (i) => `s${i}: stats { totals { partners } }`)} }`,
    limit: 'maxAliases',
  },
  {
    name: 'aliases multiplied by a fragment spread twice',
    query: `{ ...A x: stats { ...B } } fragment A on Query { ${fields(3, (i) => `a${i}: stats { totals { partners } }`)} } fragment B on Stats { ${fields(3, (i) => `b${i}: totals { partners }`)} }`,
    limit: 'maxAliases',
  },
  // Directives
  {
    name: 'directives at the limit',
    query: `{ stats { totals { ${fields(4, (i) => `partners @include(if: ${i >= 0})`)} } } }`,
    limit: null,
  },
  {
    name: 'directives over the limit',
    query: `{ stats { totals { ${fields(5, () => 'partners @include(if: true)')} } } }`,
    limit: 'maxDirectives',
  },
  {
    name: 'directives stacked on one field',
    query: '{ __typename @include(if: true) @skip(if: false) @include(if: true) @skip(if: false) @include(if: true) }',
    limit: 'maxDirectives',
  },
  {
    name: 'directives in a fragment',
    query: `{ stats { ...F } } fragment F on Stats { totals { ${fields(5, () => 'agreements @skip(if: false)')} } }`,
    limit: 'maxDirectives',
  },
  // Tokens (document size)
  { name: 'tokens over the limit', query: `{ ${fields(320, () => '__typename')} }`, limit: 'maxTokens' },
  { name: 'a flood of unknown directives', query: `{ __typename ${fields(320, () => '@a')} }`, limit: 'maxTokens' },
  {
    name: 'long chain of empty fragments',
    query: `{ ...F0 } ${fields(80, (i) => `fragment F${i} on Query { ...F${i + 1} }`)} fragment F80 on Query { __typename }`,
    limit: 'maxTokens',
  },
  // Cost: objects returned, lists weighed by their page size
  {
    name: 'cost within the limit',
    query:
      '{ agreements(first: 50) { edges { node { partner { name } timeline(first: 5) { edges { node { title } } } } } } }',
    limit: null,
  },
  {
    name: 'cost over the limit (100 × 100)',
    query: '{ agreements(first: 100) { edges { node { timeline(first: 100) { edges { node { title } } } } } } }',
    limit: 'maxCost',
  },
  {
    name: 'cost over the limit through nodes, as through edges',
    query: '{ agreements(first: 100) { nodes { timeline(first: 100) { nodes { title } } } } }',
    limit: 'maxCost',
  },
  {
    name: 'cost through a variable page size',
    query:
      'query($n: Int) { agreements(first: $n) { edges { node { timeline(first: $n) { edges { node { title } } } } } } }',
    variables: { n: 50 },
    limit: 'maxCost',
  },
  {
    name: 'same document, small variable',
    query:
      'query($n: Int) { agreements(first: $n) { edges { node { timeline(first: $n) { edges { node { title } } } } } } }',
    variables: { n: 5 },
    limit: null,
  },
  {
    name: 'same document again, big variable (no cached pass)',
    query:
      'query($n: Int) { agreements(first: $n) { edges { node { timeline(first: $n) { edges { node { title } } } } } } }',
    variables: { n: 60 },
    limit: 'maxCost',
  },
  {
    name: 'page size variable of the wrong type counts as the maximum',
    query:
      'query($n: Int) { agreements(first: 40) { edges { node { timeline(first: $n) { edges { node { title } } } } } } }',
    variables: { n: 'many' },
    limit: 'maxCost',
  },
  {
    name: 'variable default counts',
    query:
      'query($n: Int = 90) { partners(first: $n) { edges { node { agreements(first: $n) { edges { node { id } } } } } } }',
    limit: 'maxCost',
  },
  {
    name: 'cost multiplied through fragments',
    query:
      '{ agreements(first: 100) { ...E } } fragment E on AgreementConnection { edges { node { ...T } } } fragment T on Agreement { timeline(first: 100) { edges { node { title } } } }',
    limit: 'maxCost',
  },
  {
    name: 'cost of nodes(ids:)',
    query:
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Partner { agreements(first: 100) { edges { node { id } } } } } }',
    variables: { ids: Array.from({ length: 30 }, () => 'UGFydG5lcjpHQg==') },
    limit: 'maxCost',
  },
  {
    name: 'fragment fan-out (each spreads the next twice: 2^12 copies)',
    query: `{ ...F0 } ${fields(12, (i) => `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`)} fragment F12 on Query { stats { totals { partners } } }`,
    limit: 'maxCost',
  },
  // Fragment cycles: refused by validation, and no limit walks forever
  {
    name: 'fragment spreading itself',
    query: '{ partner(code: "GB") { ...A } } fragment A on Partner { name ...A }',
    limit: null,
  },
  {
    name: 'two fragments spreading each other',
    query: '{ partner(code: "GB") { ...A } } fragment A on Partner { name ...B } fragment B on Partner { code ...A }',
    limit: null,
  },
  {
    name: 'a cycle through a list',
    query:
      '{ partner(code: "GB") { ...A } } fragment A on Partner { agreements { edges { node { partner { ...A } } } } }',
    limit: null,
  },
];

const CYCLE = /Cannot spread fragment/;

describe('limits over HTTP (POST)', () => {
  it.each(cases)('$name', async ({ query, variables, limit }) => {
    const started = performance.now();
    const answer = await post(t, query, variables);
    expect(performance.now() - started, 'answered promptly').toBeLessThan(2000);
    expectNoLeak(answer.text);
    if (limit) {
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json?.data).toBeUndefined();
      const error = answer.json?.errors?.find((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX');
      expect(error?.extensions?.limit, answer.text).toBe(limit);
    } else if (CYCLE.test(answer.text)) {
      expect(answer.status).toBe(400);
      expect(answer.json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } else {
      expect(answer.json?.errors, answer.text).toBeUndefined();
      expect(answer.status).toBe(200);
    }
  });
});

describe('the same limits over GET, SSE and WebSocket', () => {
  const refused = cases.filter((c) => c.limit && !c.variables);

  it.each(refused)('GET: $name', async ({ query, limit }) => {
    const answer = await send(t, {
      method: 'GET',
      search: `?${new URLSearchParams({ query })}`,
      headers: { ...CSRF_HEADER, accept: 'application/graphql-response+json' },
    });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.json?.errors?.[0]?.extensions?.limit).toBe(limit);
  });

  const subscriptions: Array<{ name: string; query: string; limit: string }> = [
    {
      name: 'depth',
      query:
        'subscription { agreementStatusChanged { agreement { partner { agreements(first: 1) { edges { node { partner { agreements(first: 1) { totalCount } } } } } } } } }',
      limit: 'maxDepth',
    },
    {
      name: 'cost',
      query:
        'subscription { agreementStatusChanged { agreement { timeline(first: 100) { edges { node { agreements { timeline(first: 100) { totalCount } } } } } } } }',
      limit: 'maxCost',
    },
    {
      name: 'aliases',
      query: `subscription { agreementStatusChanged { ${fields(6, (i) => `c${i}: cursor`)} } }`,
      limit: 'maxAliases',
    },
    {
      name: 'directives',
      query: `subscription { agreementStatusChanged { ${fields(5, () => 'cursor @include(if: true)')} } }`,
      limit: 'maxDirectives',
    },
    {
      name: 'tokens',
      query: `subscription { agreementStatusChanged { ${fields(320, () => 'cursor')} } }`,
      limit: 'maxTokens',
    },
    {
      name: 'depth via fragments',
      query:
        'subscription { agreementStatusChanged { ...C } } fragment C on AgreementStatusChange { agreement { ...A } } fragment A on Agreement { partner { agreements(first: 1) { edges { node { partner { agreements(first: 1) { totalCount } } } } } } }',
      limit: 'maxDepth',
    },
  ];

  it.each(subscriptions)('SSE subscription refused by $name', async ({ query, limit }) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query }),
    });
    const text = await response.text(); // the stream ends: nothing was subscribed
    expectNoLeak(text);
    expect(text).toContain('QUERY_TOO_COMPLEX');
    expect(text).toContain(limit);
    expect(t.app.services.events.subscriberCount).toBe(0);
  });

  it('SSE over GET (EventSource, no CSRF header) is limited too', async () => {
    const query = subscriptions[0]!.query;
    const response = await fetch(`${baseUrl}/graphql?${new URLSearchParams({ query })}`, {
      headers: { accept: 'text/event-stream' },
    });
    const text = await response.text();
    expect(text).toContain('maxDepth');
  });

  it.each(subscriptions)(
    'WebSocket subscription refused by $name; the socket stays usable',
    async ({ query, limit }) => {
      const socket = await RawSocket.open(baseUrl);
      await socket.init();
      socket.subscribe('1', query);
      const message = await socket.next();
      expect(message.id).toBe('1');
      expect(refusalOf(message).extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        limit,
        max: Number(LIMITS[limitVariable(limit)]),
      });
      expectNoLeak(JSON.stringify(message));
      if (message.type === 'next') expect((await socket.next()).type).toBe('complete');
      socket.subscribe('2', '{ stats { totals { partners } } }');
      expect((await socket.next()).payload.data.stats.totals.partners).toBeGreaterThan(0);
      socket.close();
      await socket.closed;
      await untilSubscribers(t.app, 0);
    },
  );

  it.each(refused)('WebSocket query: $name', async ({ query, limit }) => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init();
    socket.subscribe('q', query);
    expect(refusalOf(await socket.next()).extensions?.limit).toBe(limit);
    socket.close();
  });

  it('WebSocket: a syntax error is an error message, not a closed socket', async () => {
    const socket = await RawSocket.open(baseUrl);
    await socket.init();
    socket.subscribe('1', 'subscription { agreementStatusChanged { cursor }');
    const message = await socket.next();
    expect(message.type).toBe('error');
    expect(message.payload[0].message).toMatch(/Syntax Error/);
    socket.subscribe('2', '{ __typename }');
    expect((await socket.next()).payload.data.__typename).toBe('Query');
    socket.close();
  });
});

/**
 * Over graphql-ws, what validation refuses (depth, aliases, directives, tokens) is an `error`
 * message; what is checked once the variables are known (cost, rate limits) is a `next` message
 * carrying the errors, then `complete`.
 */
function refusalOf(message: Record<string, any>): { message: string; extensions?: Record<string, unknown> } {
  if (message.type === 'error') return message.payload[0];
  expect(message.type, JSON.stringify(message)).toBe('next');
  expect(message.payload.data ?? undefined).toBeUndefined();
  return message.payload.errors[0];
}

function limitVariable(limit: string): keyof typeof LIMITS {
  return (
    {
      maxDepth: 'MAX_QUERY_DEPTH',
      maxAliases: 'MAX_ALIASES',
      maxDirectives: 'MAX_DIRECTIVES',
      maxTokens: 'MAX_TOKENS',
      maxCost: 'MAX_QUERY_COST',
    } as const
  )[limit as 'maxDepth'];
}
