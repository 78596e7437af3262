/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PartnersPage($first: Int, $after: String, $last: Int, $before: String) {\n    partners(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { code name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PartnersPageDocument,
    "\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n": typeof types.LiveAgreementSignedDocument,
    "\n  subscription LiveAgreementStatusChanged($filter: AgreementStatusChangeFilter, $after: String) {\n    agreementStatusChanged(filter: $filter, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      agreement { id status signedOn version }\n    }\n  }\n": typeof types.LiveAgreementStatusChangedDocument,
    "\n  subscription LiveTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      sequence\n      timelineEvent { id kind agreements { id } }\n    }\n  }\n": typeof types.LiveTimelineEventAddedDocument,
    "\n  mutation LiveCreateAgreement($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message }\n    }\n  }\n": typeof types.LiveCreateAgreementDocument,
    "\n  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange {\n        cursor sequence from to effectiveDate agreement { id status signedOn version }\n      }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on Error { code message }\n    }\n  }\n": typeof types.LiveTransitionAgreementDocument,
    "\n  query LiveAgreementState($id: ID!) {\n    agreement(id: $id) { id status signedOn version }\n  }\n": typeof types.LiveAgreementStateDocument,
};
const documents: Documents = {
    "\n  query PartnersPage($first: Int, $after: String, $last: Int, $before: String) {\n    partners(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { code name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PartnersPageDocument,
    "\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n": types.LiveAgreementSignedDocument,
    "\n  subscription LiveAgreementStatusChanged($filter: AgreementStatusChangeFilter, $after: String) {\n    agreementStatusChanged(filter: $filter, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      agreement { id status signedOn version }\n    }\n  }\n": types.LiveAgreementStatusChangedDocument,
    "\n  subscription LiveTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      sequence\n      timelineEvent { id kind agreements { id } }\n    }\n  }\n": types.LiveTimelineEventAddedDocument,
    "\n  mutation LiveCreateAgreement($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message }\n    }\n  }\n": types.LiveCreateAgreementDocument,
    "\n  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange {\n        cursor sequence from to effectiveDate agreement { id status signedOn version }\n      }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on Error { code message }\n    }\n  }\n": types.LiveTransitionAgreementDocument,
    "\n  query LiveAgreementState($id: ID!) {\n    agreement(id: $id) { id status signedOn version }\n  }\n": types.LiveAgreementStateDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnersPage($first: Int, $after: String, $last: Int, $before: String) {\n    partners(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { code name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PartnersPage($first: Int, $after: String, $last: Int, $before: String) {\n    partners(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { code name } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveAgreementStatusChanged($filter: AgreementStatusChangeFilter, $after: String) {\n    agreementStatusChanged(filter: $filter, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      agreement { id status signedOn version }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveAgreementStatusChanged($filter: AgreementStatusChangeFilter, $after: String) {\n    agreementStatusChanged(filter: $filter, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      agreement { id status signedOn version }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      sequence\n      timelineEvent { id kind agreements { id } }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      sequence\n      timelineEvent { id kind agreements { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveCreateAgreement($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation LiveCreateAgreement($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange {\n        cursor sequence from to effectiveDate agreement { id status signedOn version }\n      }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on Error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange {\n        cursor sequence from to effectiveDate agreement { id status signedOn version }\n      }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on Error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveAgreementState($id: ID!) {\n    agreement(id: $id) { id status signedOn version }\n  }\n"): (typeof documents)["\n  query LiveAgreementState($id: ID!) {\n    agreement(id: $id) { id status signedOn version }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;