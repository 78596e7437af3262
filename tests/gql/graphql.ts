/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Areas of cooperation, the controlled vocabulary of the seed data (not an exhaustive reading of each text). */
export type AgreementArea =
  | 'ACCOUNTABILITY'
  | 'AIR_FORCE_AIR_DEFENCE'
  | 'CBRN'
  | 'CHILDREN_RETURN'
  | 'COMPENSATION'
  | 'CONSULTATION_MECHANISM_24H'
  | 'CRITICAL_INFRASTRUCTURE'
  | 'CULTURAL_HERITAGE'
  | 'CYBER'
  | 'DEFENCE_INDUSTRY'
  | 'DEMINING'
  | 'DISINFORMATION'
  | 'ECONOMIC'
  | 'ENERGY'
  | 'EU_NATO_INTEGRATION'
  | 'FINANCIAL'
  | 'HUMANITARIAN'
  | 'HYBRID_THREATS'
  | 'INTELLIGENCE'
  | 'MARITIME'
  | 'MEDICAL'
  | 'MILITARY'
  | 'ORGANIZED_CRIME'
  | 'PEACE_FORMULA'
  | 'RECONSTRUCTION'
  | 'REFORMS'
  | 'SANCTIONS'
  | 'TRAINING'
  | 'VETERANS';

/** NEGOTIATING → SIGNED | STALLED | ABANDONED; STALLED → NEGOTIATING | SIGNED | ABANDONED. */
export type AgreementStatus =
  /** Negotiations ended without an agreement. */
  | 'ABANDONED'
  /** Under negotiation (including negotiations only reported by the sources). */
  | 'NEGOTIATING'
  /** Signed: signedOn is set. */
  | 'SIGNED'
  /** A planned signing did not take place and is pending. */
  | 'STALLED';

export type AgreementStatusChangeFilter = {
  from?: Array<AgreementStatus> | null | undefined;
  partnerCode?: Array<string> | null | undefined;
  to?: Array<AgreementStatus> | null | undefined;
};

export type CreateAgreementInput = {
  areas?: Array<AgreementArea> | null | undefined;
  areasDetail?: string | null | undefined;
  durationYears?: number | null | undefined;
  expectedSigningWindow?: ExpectedSigningWindowInput | null | undefined;
  framework?: string | null | undefined;
  notes?: string | null | undefined;
  partnerCode: string;
  place?: string | null | undefined;
  /** Optional stable reference, e.g. UA-XX-2026. */
  reference?: string | null | undefined;
  sources?: Array<string> | null | undefined;
  title: string;
  titleVerbatim?: boolean | null | undefined;
};

export type ExpectedSigningWindowInput = {
  from: string;
  label?: string | null | undefined;
  sources?: Array<string> | null | undefined;
  to: string;
};

export type PersonInput = {
  name: string;
  office?: string | null | undefined;
};

export type TimelineEventKind =
  /** A multilateral framework: the G7 declaration, the Ukraine Compact. */
  | 'FRAMEWORK'
  /** Talks, consultations, a planned signing that did not happen. */
  | 'NEGOTIATION'
  /** A related agreement outside the G7 framework. */
  | 'RELATED'
  /** An agreement was signed (recorded by transitionAgreement, or seeded). */
  | 'SIGNING'
  /** A leader or ministry saying where things stand or what to expect. */
  | 'STATEMENT'
  /** Another move along the state machine (recorded by transitionAgreement). */
  | 'STATUS_CHANGE';

export type TransitionAgreementInput = {
  /** Required for SIGNED (the signing date); defaults to today otherwise. */
  effectiveDate?: string | null | undefined;
  /** The version you read; a stale one is a VersionConflictError. */
  expectedVersion: number;
  id: string | number;
  /** Becomes the description of the timeline event. */
  note?: string | null | undefined;
  partnerSignatories?: Array<PersonInput> | null | undefined;
  place?: string | null | undefined;
  sources?: Array<string> | null | undefined;
  to: AgreementStatus;
};

export type PartnersPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type PartnersPageQuery = { partners: { totalCount: number, edges: Array<{ cursor: string, node: { code: string, name: string } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type LiveAgreementSignedSubscriptionVariables = Exact<{
  partnerCode?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type LiveAgreementSignedSubscription = { agreementSigned: { cursor: string, sequence: number, from: AgreementStatus, to: AgreementStatus, effectiveDate: string, occurredAt: string, agreement: { id: string, status: AgreementStatus, signedOn: string | null, version: number } } };

export type LiveAgreementStatusChangedSubscriptionVariables = Exact<{
  filter?: AgreementStatusChangeFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type LiveAgreementStatusChangedSubscription = { agreementStatusChanged: { cursor: string, sequence: number, from: AgreementStatus, to: AgreementStatus, effectiveDate: string, agreement: { id: string, status: AgreementStatus, signedOn: string | null, version: number } } };

export type LiveTimelineEventAddedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type LiveTimelineEventAddedSubscription = { timelineEventAdded: { cursor: string, sequence: number, timelineEvent: { id: string, kind: TimelineEventKind, agreements: Array<{ id: string }> } } };

export type LiveCreateAgreementMutationVariables = Exact<{
  input: CreateAgreementInput;
}>;


export type LiveCreateAgreementMutation = { createAgreement:
    | { __typename: 'AgreementPayload', agreement: { id: string, status: AgreementStatus, version: number } }
    | { __typename: 'InvalidInputError', message: string }
    | { __typename: 'NotFoundError', message: string }
   };

export type LiveTransitionAgreementMutationVariables = Exact<{
  input: TransitionAgreementInput;
}>;


export type LiveTransitionAgreementMutation = { transitionAgreement:
    | { __typename: 'AgreementStatusChange', cursor: string, sequence: number, from: AgreementStatus, to: AgreementStatus, effectiveDate: string, agreement: { id: string, status: AgreementStatus, signedOn: string | null, version: number } }
    | { __typename: 'InvalidInputError', code: string, message: string }
    | { __typename: 'InvalidTransitionError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'VersionConflictError', expectedVersion: number, actualVersion: number, code: string, message: string }
   };

export type LiveAgreementStateQueryVariables = Exact<{
  id: string | number;
}>;


export type LiveAgreementStateQuery = { agreement: { id: string, status: AgreementStatus, signedOn: string | null, version: number } | null };


export const PartnersPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnersPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partners"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PartnersPageQuery, PartnersPageQueryVariables>;
export const LiveAgreementSignedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveAgreementSigned"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"partnerCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CountryCode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreementSigned"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"partnerCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"partnerCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDate"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"agreement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<LiveAgreementSignedSubscription, LiveAgreementSignedSubscriptionVariables>;
export const LiveAgreementStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveAgreementStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AgreementStatusChangeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreementStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDate"}},{"kind":"Field","name":{"kind":"Name","value":"agreement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<LiveAgreementStatusChangedSubscription, LiveAgreementStatusChangedSubscriptionVariables>;
export const LiveTimelineEventAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveTimelineEventAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timelineEventAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"timelineEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"agreements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LiveTimelineEventAddedSubscription, LiveTimelineEventAddedSubscriptionVariables>;
export const LiveCreateAgreementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LiveCreateAgreement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAgreementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAgreement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgreementPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LiveCreateAgreementMutation, LiveCreateAgreementMutationVariables>;
export const LiveTransitionAgreementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LiveTransitionAgreement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransitionAgreementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transitionAgreement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgreementStatusChange"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDate"}},{"kind":"Field","name":{"kind":"Name","value":"agreement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VersionConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"actualVersion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LiveTransitionAgreementMutation, LiveTransitionAgreementMutationVariables>;
export const LiveAgreementStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LiveAgreementState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<LiveAgreementStateQuery, LiveAgreementStateQueryVariables>;