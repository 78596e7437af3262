/**
 * The writes tests make to set the scene: through the API (create an agreement, move or sign it)
 * against any `execute` (the in-process app, or a server on a port), or straight in SQL when many
 * rows are needed and the API path is not the subject.
 */
import type pg from 'pg';
import { graphql } from '../gql';
import type { AgreementStatus } from '../gql/graphql';
import { bearer } from './app';
import type { Execute } from './http';

export const CreateAgreement = graphql(`
  mutation LiveCreateAgreement($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      __typename
      ... on AgreementPayload { agreement { id status version } }
      ... on Error { message }
    }
  }
`);

export const TransitionAgreement = graphql(`
  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {
    transitionAgreement(input: $input) {
      __typename
      ... on AgreementStatusChange {
        cursor sequence from to effectiveDate agreement { id status signedOn version }
      }
      ... on VersionConflictError { expectedVersion actualVersion }
      ... on Error { code message }
    }
  }
`);

export const AgreementState = graphql(`
  query LiveAgreementState($id: ID!) {
    agreement(id: $id) { id status signedOn version }
  }
`);

/** A cheap read that still needs the database. */
export const AgreementTotal = graphql(`
  query AgreementTotal {
    agreements(first: 1) { totalCount }
  }
`);

/** A signing date safely in the past, as the service refuses future ones. */
export const SIGNED_ON = '2025-06-01';

/** Creates an agreement (NEGOTIATING, version 1) so a test signs something nobody else touches. */
export async function createAgreement(execute: Execute, partnerCode: string, title = `Live test ${partnerCode}`) {
  const { data, errors } = await execute(CreateAgreement, { input: { partnerCode, title } }, await bearer('editor'));
  const result = data?.createAgreement;
  if (errors || result?.__typename !== 'AgreementPayload') {
    throw new Error(`createAgreement failed: ${JSON.stringify(errors ?? result)}`);
  }
  return result.agreement;
}

/** One transitionAgreement, answered as it is: a test classifies success, typed error and failure. */
export async function transition(
  execute: Execute,
  input: { id: string; to: AgreementStatus; expectedVersion: number; effectiveDate?: string },
  headers?: Record<string, string>,
) {
  return execute(TransitionAgreement, { input }, headers ?? (await bearer('editor')));
}

/** Signs a NEGOTIATING agreement (at version 1 unless told) and returns the success payload (fails loudly otherwise). */
export async function sign(execute: Execute, id: string, headers?: Record<string, string>, expectedVersion = 1) {
  const { data, errors } = await transition(
    execute,
    { id, to: 'SIGNED', expectedVersion, effectiveDate: SIGNED_ON },
    headers,
  );
  const result = data?.transitionAgreement;
  if (errors || result?.__typename !== 'AgreementStatusChange') {
    throw new Error(`signing ${id} failed: ${JSON.stringify(errors ?? result)}`);
  }
  return result;
}

/** `count` new agreements in NEGOTIATING (version 1) for one seeded partner, in SQL; returns their ids. */
export async function insertNegotiating(pool: pg.Pool, count: number, tag: string): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `insert into agreements (partner_code, title, status)
     select (select code from partners order by code limit 1), $1 || ' #' || n, 'NEGOTIATING'
     from generate_series(1, $2::int) as n
     returning id`,
    [`Fault test ${tag}`, count],
  );
  return rows.map((row) => row.id).sort((a, b) => a - b);
}
