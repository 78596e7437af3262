import { graphql } from '../gql';

/**
 * The page's whole picture in one request, so that counts, chart, table and timeline describe the
 * same moment. Later pages of agreements reuse the document with `overview: false`.
 *
 * `cursor` is the event-log position of the snapshot (the whole request reads one): the
 * subscriptions start right after it, so a change committed meanwhile shows exactly once.
 * `asOf` (null: now) shows the counts and agreements as they stood at the end of that day.
 */
/** An agreement as the table shows it: read in the snapshot, and carried by each status change. */
export const DashboardAgreement = graphql(`
  fragment DashboardAgreement on Agreement {
    id
    reference
    title
    status
    signedOn
    place
    classificationDisputed
    countedInOfficialList
    partner { code name }
    expectedSigningWindow { from to label sources }
  }
`);

export const DashboardSnapshot = graphql(`
  query DashboardSnapshot($overview: Boolean!, $agreementsAfter: String, $asOf: Date, $timelineTo: Date) {
    cursor
    stats(asOf: $asOf) @include(if: $overview) {
      totals { partners agreements countedInOfficialList }
      byStatus { status count }
      signingsByMonth { month count }
    }
    agreements(first: 100, after: $agreementsAfter, asOf: $asOf) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...DashboardAgreement } }
    }
    timeline(first: 8, orderBy: { direction: DESC }, filter: { to: $timelineTo }) @include(if: $overview) {
      edges { node { id occurredOn datePrecision kind title sources partners { code } } }
    }
  }
`);

export const DashboardStatusChanged = graphql(`
  subscription DashboardStatusChanged($after: String) {
    agreementStatusChanged(after: $after) {
      cursor
      from
      to
      effectiveDate
      agreement { ...DashboardAgreement }
    }
  }
`);

export const DashboardTimelineEventAdded = graphql(`
  subscription DashboardTimelineEventAdded($after: String) {
    timelineEventAdded(after: $after) {
      cursor
      timelineEvent { id kind title occurredOn }
    }
  }
`);
