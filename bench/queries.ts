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

export type PeerQueryName = 'q1' | 'q2' | 'q3';
export type QueryName = PeerQueryName | 'q4';

export const queryTitles: Record<QueryName, string> = {
  q1: 'Q1 dashboard: 50 agreements + partner + 5 latest events each',
  q2: 'Q2 partner overview: 20 partners + first 10 agreements each',
  q3: 'Q3 one agreement by id + partner',
  q4: 'Q4 dashboard stats: totals, by status, by membership, signings by month (ours only)',
};

/** PostGraphile's Node ID: base64 of the JSON array [typeName, primaryKey]. */
const postgraphileNodeId = (typeName: string, id: number) =>
  Buffer.from(JSON.stringify([typeName, id])).toString('base64');

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
};

/** Our Relay global ID: base64 of "Type:id". */
const ourGlobalId = (typeName: string, id: number) => Buffer.from(`${typeName}:${id}`).toString('base64');

export const oursQueries: Record<QueryName, BenchRequest> = {
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
};
