/* eslint-disable */
import * as types from './graphql';



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
    "\n  fragment DashboardAgreement on Agreement {\n    id\n    reference\n    title\n    status\n    signedOn\n    place\n    classificationDisputed\n    countedInOfficialList\n    partner { code name }\n    expectedSigningWindow { from to label sources }\n  }\n": typeof types.DashboardAgreementFragmentDoc,
    "\n  query DashboardSnapshot($overview: Boolean!, $agreementsAfter: String, $asOf: Date, $timelineTo: Date) {\n    cursor\n    stats(asOf: $asOf) @include(if: $overview) {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      signingsByMonth { month count }\n    }\n    agreements(first: 100, after: $agreementsAfter, asOf: $asOf) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...DashboardAgreement } }\n    }\n    timeline(first: 8, orderBy: { direction: DESC }, filter: { to: $timelineTo }) @include(if: $overview) {\n      edges { node { id occurredOn datePrecision kind title sources partners { code } } }\n    }\n  }\n": typeof types.DashboardSnapshotDocument,
    "\n  subscription DashboardStatusChanged($after: String) {\n    agreementStatusChanged(after: $after) {\n      cursor\n      from\n      to\n      effectiveDate\n      agreement { ...DashboardAgreement }\n    }\n  }\n": typeof types.DashboardStatusChangedDocument,
    "\n  subscription DashboardTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      timelineEvent { id kind title occurredOn }\n    }\n  }\n": typeof types.DashboardTimelineEventAddedDocument,
};
const documents: Documents = {
    "\n  fragment DashboardAgreement on Agreement {\n    id\n    reference\n    title\n    status\n    signedOn\n    place\n    classificationDisputed\n    countedInOfficialList\n    partner { code name }\n    expectedSigningWindow { from to label sources }\n  }\n": types.DashboardAgreementFragmentDoc,
    "\n  query DashboardSnapshot($overview: Boolean!, $agreementsAfter: String, $asOf: Date, $timelineTo: Date) {\n    cursor\n    stats(asOf: $asOf) @include(if: $overview) {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      signingsByMonth { month count }\n    }\n    agreements(first: 100, after: $agreementsAfter, asOf: $asOf) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...DashboardAgreement } }\n    }\n    timeline(first: 8, orderBy: { direction: DESC }, filter: { to: $timelineTo }) @include(if: $overview) {\n      edges { node { id occurredOn datePrecision kind title sources partners { code } } }\n    }\n  }\n": types.DashboardSnapshotDocument,
    "\n  subscription DashboardStatusChanged($after: String) {\n    agreementStatusChanged(after: $after) {\n      cursor\n      from\n      to\n      effectiveDate\n      agreement { ...DashboardAgreement }\n    }\n  }\n": types.DashboardStatusChangedDocument,
    "\n  subscription DashboardTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      timelineEvent { id kind title occurredOn }\n    }\n  }\n": types.DashboardTimelineEventAddedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardAgreement on Agreement {\n    id\n    reference\n    title\n    status\n    signedOn\n    place\n    classificationDisputed\n    countedInOfficialList\n    partner { code name }\n    expectedSigningWindow { from to label sources }\n  }\n"): typeof import('./graphql').DashboardAgreementFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSnapshot($overview: Boolean!, $agreementsAfter: String, $asOf: Date, $timelineTo: Date) {\n    cursor\n    stats(asOf: $asOf) @include(if: $overview) {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      signingsByMonth { month count }\n    }\n    agreements(first: 100, after: $agreementsAfter, asOf: $asOf) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...DashboardAgreement } }\n    }\n    timeline(first: 8, orderBy: { direction: DESC }, filter: { to: $timelineTo }) @include(if: $overview) {\n      edges { node { id occurredOn datePrecision kind title sources partners { code } } }\n    }\n  }\n"): typeof import('./graphql').DashboardSnapshotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardStatusChanged($after: String) {\n    agreementStatusChanged(after: $after) {\n      cursor\n      from\n      to\n      effectiveDate\n      agreement { ...DashboardAgreement }\n    }\n  }\n"): typeof import('./graphql').DashboardStatusChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      timelineEvent { id kind title occurredOn }\n    }\n  }\n"): typeof import('./graphql').DashboardTimelineEventAddedDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
