/**
 * The benchmark's queries, written equivalently for each server. Every server answers the same
 * question with the same rows; only the API's spelling differs.
 *
 * PostGraphile (v5, amber preset) names were read from its introspection on the migrated schema:
 * the `id` column becomes `rowId` (its `id` is the global Node ID, the counterpart of ours), a
 * foreign key becomes `partnerByPartnerCode`, and a reverse one
 * `timelineEventAgreementsByAgreementId`. Only indexed columns get orderBy values.
 */

export const BENCH_AGREEMENT_ID = 12345;

export interface BenchRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** An agreement with 51 timeline events in the generated dataset, the most of any. */
const BUSY_AGREEMENT_ID = 10634;
/** A partner with 102 agreements, 56 of them SIGNED. */
const PARTNER = 'AB';
/**
 * The 40,000th SIGNING event in (occurred_on, id) order: the dataset is generated identically on
 * every run (bench/load/generate.ts), so the deep keyset pages start from a fixed row.
 */
const DEEP_SIGNING = { id: 240376, occurredOn: '2019-10-16' };
const NODE_BATCH = Array.from({ length: 20 }, (_, i) => 1000 + i * 997);
const AS_OF = '2024-04-20';

export type PeerQueryName = 'q1' | 'q2' | 'q3' | 'q5' | 'q6' | 'q7' | 'q8' | 'q9' | 'q10' | 'q11' | 'q13';
/** One fixed request each, loaded by autocannon. */
export type HttpQueryName = PeerQueryName | 'q4' | 'q12' | 'q14' | 'q15';
/**
 * q16 (a write then a read, bench/load/write-read.ts) and q17 (a live query re-run on each change,
 * bench/load/live.ts) are not one fixed request: each has its own client.
 */
export type QueryName = HttpQueryName | 'q16' | 'q17';
/** Answered by plain-pg (bench/peers/plain-sql.ts) and yoga-constant too. */
export const PLAIN_QUERIES = ['q1', 'q2', 'q3'] as const satisfies readonly QueryName[];
/** Where ours runs a second time with metrics off, to measure what metrics cost. */
export const METRICS_QUERIES = ['q1', 'q2', 'q3'] as const satisfies readonly QueryName[];

export const queryTitles: Record<QueryName, string> = {
  q1: 'Q1 dashboard: 50 agreements + partner + 5 latest events each',
  q2: 'Q2 partner overview: 20 partners + first 10 agreements each',
  q3: 'Q3 one agreement by id + partner',
  q4: 'Q4 dashboard stats: totals, by status, by membership, signings by month (ours only)',
  q5: "Q5 filtered list: one partner's SIGNED agreements, first 25, partner name, totalCount",
  q6: 'Q6 three levels: 10 partners → 5 agreements each → 3 latest events each',
  q7: 'Q7 lookup + nested page: one partner by code, first 20 agreements, hasNextPage',
  q8: "Q8 many-to-many: latest 50 timeline events, each with its agreements' ids",
  q9: "Q9 many-to-many back: an agreement's 50 latest events, each with its partners",
  q10: 'Q10 deep keyset forward: 25 SIGNING events after a cursor 40,000 rows deep',
  q11: 'Q11 deep keyset backward: last 25 SIGNING events before that cursor',
  q12: 'Q12 search: agreements matching two words, first 20, totalCount (ours only)',
  q13: 'Q13 node batch: 20 agreements by global id (ours `nodes`, PostGraphile aliased `agreement`)',
  q14: `Q14 asOf list: SIGNED agreements as of ${AS_OF}, first 50, totalCount (ours only)`,
  q15: `Q15 asOf stats: agreements by status as of ${AS_OF} (ours only)`,
  q16: 'Q16 write then read: read an agreement, update its notes, read it back (per iteration of these 3 requests)',
  q17: 'Q17 live query re-execution: clients holding one `query @live` list while a writer edits its rows (ours only)',
};

/** PostGraphile's Node ID: base64 of the JSON array [typeName, primaryKey]. */
const postgraphileNodeId = (typeName: string, id: number) =>
  Buffer.from(JSON.stringify([typeName, id])).toString('base64');

/**
 * PostGraphile v5's cursor: base64 of JSON [digest of the ordering, key…]. The digest below is
 * that of [OCCURRED_ON_ASC, ROW_ID_ASC], read from one of its answers; a wrong one would fail the
 * counting pass, whose answers are compared with ours.
 */
const postgraphileCursor = (...values: unknown[]) =>
  Buffer.from(JSON.stringify(['8d595e6e4a', ...values])).toString('base64');

/**
 * PostGraphile has no filters beyond equality on indexed columns (`condition`), no search, no
 * `asOf` and no `stats`: those shapes are ours only. Aliases give its answers our field names
 * where that is all that differs (bench/load/answers.ts maps the rest).
 */
export const postgraphileQueries: Record<PeerQueryName, BenchRequest> = {
  // Many-to-many is not in PostGraphile v5 by default (it needs @graphile-contrib/pg-many-to-many),
  // so the 5 latest events go through the join table. PostGraphile cannot order join rows by the
  // joined event's date, so they are ordered by EVENT_ID_DESC: bench/load/generate.ts numbers events in
  // (occurred_on, draw) order, which makes this exactly "occurred_on desc, id desc".
  q1: {
    query: /* GraphQL */ `{
      allAgreements(first: 50, orderBy: ROW_ID_ASC) {
        edges { node {
          id title status signedOn
          partnerByPartnerCode { code name }
          timelineEventAgreementsByAgreementId(first: 5, orderBy: EVENT_ID_DESC) {
            edges { node { timelineEventByEventId { id title occurredOn kind } } }
          }
        } }
      }
    }`,
  },
  q2: {
    query: /* GraphQL */ `{
      allPartners(first: 20, orderBy: CODE_ASC) {
        edges { node {
          code name
          agreementsByPartnerCode(first: 10, orderBy: ROW_ID_ASC) {
            edges { node { id title status signedOn } }
          }
        } }
      }
    }`,
  },
  // Looked up by global Node ID, as ours is, so both servers decode an id.
  q3: {
    query: /* GraphQL */ `query ($id: ID!) {
      agreement(id: $id) { id title status signedOn partnerByPartnerCode { code name } }
    }`,
    variables: { id: postgraphileNodeId('Agreement', BENCH_AGREEMENT_ID) },
  },
  q5: {
    query: /* GraphQL */ `{
      agreements: allAgreements(condition: { partnerCode: "${PARTNER}", status: "SIGNED" }, first: 25, orderBy: ROW_ID_ASC) {
        totalCount
        edges { node { id title signedOn partner: partnerByPartnerCode { name } } }
      }
    }`,
  },
  q6: {
    query: /* GraphQL */ `{
      partners: allPartners(first: 10, orderBy: CODE_ASC) {
        edges { node {
          code name
          agreements: agreementsByPartnerCode(first: 5, orderBy: ROW_ID_ASC) {
            edges { node {
              id title
              timeline: timelineEventAgreementsByAgreementId(first: 3, orderBy: [OCCURRED_ON_DESC, EVENT_ID_DESC]) {
                edges { node { timelineEventByEventId { id title occurredOn } } }
              }
            } }
          }
        } }
      }
    }`,
  },
  q7: {
    query: /* GraphQL */ `{
      partner: partnerByCode(code: "${PARTNER}") {
        name
        agreements: agreementsByPartnerCode(first: 20, orderBy: ROW_ID_ASC) {
          pageInfo { hasNextPage }
          edges { node { id title status } }
        }
      }
    }`,
  },
  q8: {
    query: /* GraphQL */ `{
      timeline: allTimelineEvents(first: 50, orderBy: [OCCURRED_ON_DESC, ROW_ID_DESC]) {
        edges { node {
          id title occurredOn
          agreements: timelineEventAgreementsByEventId(orderBy: AGREEMENT_ID_ASC) { nodes { agreementByAgreementId { id } } }
        } }
      }
    }`,
  },
  q9: {
    query: /* GraphQL */ `query ($id: ID!) {
      agreement(id: $id) {
        id title
        timeline: timelineEventAgreementsByAgreementId(first: 50, orderBy: [OCCURRED_ON_DESC, EVENT_ID_DESC]) {
          edges { node { timelineEventByEventId {
            id title occurredOn
            partners: timelineEventPartnersByEventId(orderBy: PARTNER_CODE_ASC) { nodes { partnerByPartnerCode { code name } } }
          } } }
        }
      }
    }`,
    variables: { id: postgraphileNodeId('Agreement', BUSY_AGREEMENT_ID) },
  },
  q10: {
    query: /* GraphQL */ `query ($after: Cursor) {
      timeline: allTimelineEvents(condition: { kind: "SIGNING" }, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC], first: 25, after: $after) {
        edges { node { id title occurredOn } }
      }
    }`,
    variables: { after: postgraphileCursor(DEEP_SIGNING.occurredOn, DEEP_SIGNING.id) },
  },
  q11: {
    query: /* GraphQL */ `query ($before: Cursor) {
      timeline: allTimelineEvents(condition: { kind: "SIGNING" }, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC], last: 25, before: $before) {
        edges { node { id title occurredOn } }
      }
    }`,
    variables: { before: postgraphileCursor(DEEP_SIGNING.occurredOn, DEEP_SIGNING.id) },
  },
  // No `nodes(ids:)` in PostGraphile: one aliased root field per id (it runs one statement per alias).
  q13: {
    query: `{ ${NODE_BATCH.map((id, i) => `n${i}: agreementByRowId(rowId: ${id}) { id title status }`).join(' ')} }`,
  },
};

/** Our Relay global ID: base64 of "Type:id". */
const ourGlobalId = (typeName: string, id: number) => Buffer.from(`${typeName}:${id}`).toString('base64');

/** Our cursor (src/pagination/cursor.ts): base64url of JSON [ordering, key, id]. */
const ourCursor = (ordering: string, key: string | number, id: number) =>
  Buffer.from(JSON.stringify([ordering, key, id])).toString('base64url');

export const oursQueries: Record<HttpQueryName, BenchRequest> = {
  q1: {
    query: /* GraphQL */ `{
      agreements(first: 50, orderBy: { field: ID, direction: ASC }) {
        edges { node {
          id title status signedOn
          partner { code name }
          timeline(first: 5, orderBy: { field: DATE, direction: DESC }) {
            edges { node { id title occurredOn kind } }
          }
        } }
      }
    }`,
  },
  q2: {
    query: /* GraphQL */ `{
      partners(first: 20, orderBy: { field: CODE, direction: ASC }) {
        edges { node {
          code name
          agreements(first: 10) { edges { node { id title status signedOn } } }
        } }
      }
    }`,
  },
  q3: {
    query: /* GraphQL */ `query ($id: ID!) {
      agreement(id: $id) { id title status signedOn partner { code name } }
    }`,
    variables: { id: ourGlobalId('Agreement', BENCH_AGREEMENT_ID) },
  },
  // The dashboard's numbers (README "Queries"): every aggregate the service computes, over all rows.
  q4: {
    query: /* GraphQL */ `{
      stats {
        totals { partners agreements countedInOfficialList }
        byStatus { status count }
        byMembership { membership partners signed }
        signingsByMonth { month count }
      }
    }`,
  },
  q5: {
    query: /* GraphQL */ `{
      agreements(filter: { partnerCode: ["${PARTNER}"], status: [SIGNED] }, first: 25) {
        totalCount
        edges { node { id title signedOn partner { name } } }
      }
    }`,
  },
  q6: {
    query: /* GraphQL */ `{
      partners(first: 10, orderBy: { field: CODE, direction: ASC }) {
        edges { node {
          code name
          agreements(first: 5) {
            edges { node {
              id title
              timeline(first: 3, orderBy: { direction: DESC }) { edges { node { id title occurredOn } } }
            } }
          }
        } }
      }
    }`,
  },
  q7: {
    query: /* GraphQL */ `{
      partner(code: "${PARTNER}") {
        name
        agreements(first: 20) { pageInfo { hasNextPage } edges { node { id title status } } }
      }
    }`,
  },
  q8: {
    query: /* GraphQL */ `{
      timeline(first: 50, orderBy: { direction: DESC }) {
        edges { node { id title occurredOn agreements { id } } }
      }
    }`,
  },
  q9: {
    query: /* GraphQL */ `query ($id: ID!) {
      agreement(id: $id) {
        id title
        timeline(first: 50, orderBy: { direction: DESC }) {
          edges { node { id title occurredOn partners { code name } } }
        }
      }
    }`,
    variables: { id: ourGlobalId('Agreement', BUSY_AGREEMENT_ID) },
  },
  q10: {
    query: /* GraphQL */ `query ($after: String) {
      timeline(filter: { kind: [SIGNING] }, first: 25, after: $after) { edges { node { id title occurredOn } } }
    }`,
    variables: { after: ourCursor('timeline:DATE:asc', DEEP_SIGNING.occurredOn, DEEP_SIGNING.id) },
  },
  q11: {
    query: /* GraphQL */ `query ($before: String) {
      timeline(filter: { kind: [SIGNING] }, last: 25, before: $before) { edges { node { id title occurredOn } } }
    }`,
    variables: { before: ourCursor('timeline:DATE:asc', DEEP_SIGNING.occurredOn, DEEP_SIGNING.id) },
  },
  q12: {
    query: /* GraphQL */ `{
      agreements(filter: { search: "cooperation BY" }, first: 20) { totalCount edges { node { id title } } }
    }`,
  },
  q13: {
    query: /* GraphQL */ `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Agreement { id title status } } }`,
    variables: { ids: NODE_BATCH.map((id) => ourGlobalId('Agreement', id)) },
  },
  q14: {
    query: /* GraphQL */ `{
      agreements(asOf: "${AS_OF}", filter: { status: [SIGNED] }, first: 50) {
        totalCount
        edges { node { id title status signedOn } }
      }
    }`,
  },
  q15: {
    query: /* GraphQL */ `{ stats(asOf: "${AS_OF}") { totals { agreements } byStatus { status count } } }`,
  },
};

/**
 * Q16 and Q17 write to the `bench` database, only to the notes of agreements no other shape reads
 * (Q1–Q15 never select notes, version or updatedAt, and the ids below are in no lookup of theirs;
 * Q12's search covers notes, so what is written holds neither of its words, "cooperation" and
 * "by"). Every other answer, and generate.ts's check of the dataset (row counts and agreement 1's
 * reference), stay as they were. Q16's connection i works on agreement Q16_FIRST_AGREEMENT + i.
 */
export const Q16_FIRST_AGREEMENT = 19_801;
export const Q16_MAX_CONNECTIONS = 100;
/** Q17's live list: the newest agreements, whose notes its writer edits in turn. */
export const Q17_AGREEMENTS = 20;

/** The three requests of a Q16 iteration, as each server spells them. */
export interface WriteReadRequests {
  /** The agreement with its version (ours needs it for expectedVersion; PostGraphile ignores it). */
  read(id: number): BenchRequest;
  write(id: number, version: number, notes: string): BenchRequest;
  /** The answer compared between servers: id, title and the notes just written. */
  readBack(id: number): BenchRequest;
}

const READ = /* GraphQL */ `query Q16Read($id: ID!) { agreement(id: $id) { id version notes } }`;
const READ_BACK = /* GraphQL */ `query Q16ReadBack($id: ID!) { agreement(id: $id) { id title notes } }`;

export const writeReadRequests: Record<'ours' | 'postgraphile', WriteReadRequests> = {
  // updateAgreement checks expectedVersion under a row lock, bumps the version and appends the
  // change to the event log in the same transaction (src/modules/agreements/agreement.service.ts).
  ours: {
    read: (id) => ({ query: READ, variables: { id: ourGlobalId('Agreement', id) } }),
    write: (id, version, notes) => ({
      query: /* GraphQL */ `mutation Q16Write($input: UpdateAgreementInput!) {
        updateAgreement(input: $input) {
          __typename
          ... on AgreementPayload { agreement { id version } }
          ... on Error { message }
        }
      }`,
      variables: { input: { id: ourGlobalId('Agreement', id), expectedVersion: version, notes } },
    }),
    readBack: (id) => ({ query: READ_BACK, variables: { id: ourGlobalId('Agreement', id) } }),
  },
  // Its generated update by primary key (read from its introspection): a plain UPDATE, with no
  // version check and nothing else written.
  postgraphile: {
    read: (id) => ({ query: READ, variables: { id: postgraphileNodeId('Agreement', id) } }),
    write: (id, _version, notes) => ({
      query: /* GraphQL */ `mutation Q16Write($rowId: Int!, $notes: String) {
        updateAgreementByRowId(input: { rowId: $rowId, agreementPatch: { notes: $notes } }) { agreement { id } }
      }`,
      variables: { rowId: id, notes },
    }),
    readBack: (id) => ({ query: READ_BACK, variables: { id: postgraphileNodeId('Agreement', id) } }),
  },
};

/** Q17's live query: every client holds the same one, so the server runs it once per change. */
export const LIVE_QUERY = /* GraphQL */ `query Q17Live @live {
  agreements(first: ${Q17_AGREEMENTS}, orderBy: { field: ID, direction: DESC }) { edges { node { id notes version } } }
}`;

/** Q17's write: the notes of one agreement of the live list. */
export const LIVE_WRITE = /* GraphQL */ `mutation Q17Write($input: UpdateAgreementInput!) {
  updateAgreement(input: $input) {
    __typename
    ... on AgreementPayload { agreement { id version } }
    ... on Error { message }
  }
}`;

export const agreementGlobalId = (id: number) => ourGlobalId('Agreement', id);
