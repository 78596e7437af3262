/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** NEGOTIATING → SIGNED | STALLED | ABANDONED; STALLED → NEGOTIATING | SIGNED | ABANDONED. */
export type AgreementStatus =
  /** Negotiations ended without an agreement. Final. */
  | 'ABANDONED'
  /** Under negotiation (including negotiations only reported by the sources); every new agreement starts here. */
  | 'NEGOTIATING'
  /** Signed: signedOn is set. Final. */
  | 'SIGNED'
  /** A planned signing did not take place and is pending (Bulgaria, December 2024). */
  | 'STALLED';

/** How precisely the sources date an event. */
export type DatePrecision =
  /** The day is known: occurredOn is that day. */
  | 'DAY'
  /** Only the month is known; occurredOn is the first of that month. */
  | 'MONTH';

/** What kind of event a timeline entry records. */
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

export type DashboardAgreementFragment = { id: string, reference: string | null, title: string | null, status: AgreementStatus, signedOn: string | null, place: string | null, classificationDisputed: boolean, countedInOfficialList: boolean, partner: { code: string, name: string }, expectedSigningWindow: { from: string, to: string, label: string | null, sources: Array<string> } | null };

export type DashboardSnapshotQueryVariables = Exact<{
  overview: boolean;
  agreementsAfter?: string | null | undefined;
  asOf?: string | null | undefined;
  timelineTo?: string | null | undefined;
}>;


export type DashboardSnapshotQuery = { cursor: string, stats?: { totals: { partners: number, agreements: number, countedInOfficialList: number }, byStatus: Array<{ status: AgreementStatus, count: number }>, signingsByMonth: Array<{ month: string, count: number }> }, agreements: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, reference: string | null, title: string | null, status: AgreementStatus, signedOn: string | null, place: string | null, classificationDisputed: boolean, countedInOfficialList: boolean, partner: { code: string, name: string }, expectedSigningWindow: { from: string, to: string, label: string | null, sources: Array<string> } | null } }> }, timeline?: { edges: Array<{ node: { id: string, occurredOn: string, datePrecision: DatePrecision, kind: TimelineEventKind, title: string, sources: Array<string>, partners: Array<{ code: string }> } }> } };

export type DashboardStatusChangedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DashboardStatusChangedSubscription = { agreementStatusChanged: { cursor: string, from: AgreementStatus, to: AgreementStatus, effectiveDate: string, agreement: { id: string, reference: string | null, title: string | null, status: AgreementStatus, signedOn: string | null, place: string | null, classificationDisputed: boolean, countedInOfficialList: boolean, partner: { code: string, name: string }, expectedSigningWindow: { from: string, to: string, label: string | null, sources: Array<string> } | null } } };

export type DashboardTimelineEventAddedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DashboardTimelineEventAddedSubscription = { timelineEventAdded: { cursor: string, timelineEvent: { id: string, kind: TimelineEventKind, title: string, occurredOn: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DashboardAgreementFragmentDoc = new TypedDocumentString(`
    fragment DashboardAgreement on Agreement {
  id
  reference
  title
  status
  signedOn
  place
  classificationDisputed
  countedInOfficialList
  partner {
    code
    name
  }
  expectedSigningWindow {
    from
    to
    label
    sources
  }
}
    `, {"fragmentName":"DashboardAgreement"}) as unknown as TypedDocumentString<DashboardAgreementFragment, unknown>;
export const DashboardSnapshotDocument = new TypedDocumentString(`
    query DashboardSnapshot($overview: Boolean!, $agreementsAfter: String, $asOf: Date, $timelineTo: Date) {
  cursor
  stats(asOf: $asOf) @include(if: $overview) {
    totals {
      partners
      agreements
      countedInOfficialList
    }
    byStatus {
      status
      count
    }
    signingsByMonth {
      month
      count
    }
  }
  agreements(first: 100, after: $agreementsAfter, asOf: $asOf) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...DashboardAgreement
      }
    }
  }
  timeline(first: 8, orderBy: {direction: DESC}, filter: {to: $timelineTo}) @include(if: $overview) {
    edges {
      node {
        id
        occurredOn
        datePrecision
        kind
        title
        sources
        partners {
          code
        }
      }
    }
  }
}
    fragment DashboardAgreement on Agreement {
  id
  reference
  title
  status
  signedOn
  place
  classificationDisputed
  countedInOfficialList
  partner {
    code
    name
  }
  expectedSigningWindow {
    from
    to
    label
    sources
  }
}`) as unknown as TypedDocumentString<DashboardSnapshotQuery, DashboardSnapshotQueryVariables>;
export const DashboardStatusChangedDocument = new TypedDocumentString(`
    subscription DashboardStatusChanged($after: String) {
  agreementStatusChanged(after: $after) {
    cursor
    from
    to
    effectiveDate
    agreement {
      ...DashboardAgreement
    }
  }
}
    fragment DashboardAgreement on Agreement {
  id
  reference
  title
  status
  signedOn
  place
  classificationDisputed
  countedInOfficialList
  partner {
    code
    name
  }
  expectedSigningWindow {
    from
    to
    label
    sources
  }
}`) as unknown as TypedDocumentString<DashboardStatusChangedSubscription, DashboardStatusChangedSubscriptionVariables>;
export const DashboardTimelineEventAddedDocument = new TypedDocumentString(`
    subscription DashboardTimelineEventAdded($after: String) {
  timelineEventAdded(after: $after) {
    cursor
    timelineEvent {
      id
      kind
      title
      occurredOn
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardTimelineEventAddedSubscription, DashboardTimelineEventAddedSubscriptionVariables>;