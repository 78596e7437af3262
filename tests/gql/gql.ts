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
    "\n  query AgreementDetails($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          title\n          status\n          allowedTransitions\n          signedOn\n          place\n          ukraineSignatory { name office }\n          partnerSignatories { name office }\n          durationYears\n          sequenceReported\n          countedInOfficialList\n          classificationDisputed\n          confidence\n          expectedSigningWindow { from to label sources }\n        }\n      }\n    }\n  }\n": typeof types.AgreementDetailsDocument,
    "\n  query FilteredAgreements($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference status signedOn countedInOfficialList classificationDisputed partner { code } } }\n    }\n  }\n": typeof types.FilteredAgreementsDocument,
    "\n  query StatsAsOf($asOf: Date) {\n    stats(asOf: $asOf) {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n": typeof types.StatsAsOfDocument,
    "\n  query AgreementsAsOf(\n    $asOf: Date\n    $filter: AgreementFilter\n    $orderBy: AgreementOrder\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    agreements(asOf: $asOf, filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id reference status signedOn\n          expectedSigningWindow { from to label statedOn sources }\n          partner { code }\n        }\n      }\n    }\n  }\n": typeof types.AgreementsAsOfDocument,
    "\n  query AgreementAsOf($id: ID!, $asOf: Date) {\n    agreement(id: $id, asOf: $asOf) {\n      reference status signedOn\n      partner { code agreements { totalCount edges { node { reference status } } } }\n      statusHistory { status effectiveDate cursor inferred sources }\n    }\n  }\n": typeof types.AgreementAsOfDocument,
    "\n        query DeepAsOf($asOf: Date) {\n          partner(code: \"US\", asOf: $asOf) {\n            agreements { edges { node { status partner { agreements { totalCount edges { node { status } } } } } } }\n          }\n        }\n      ": typeof types.DeepAsOfDocument,
    "\n      query PartnerAsOf($code: CountryCode!, $asOf: Date) {\n        partner(code: $code, asOf: $asOf) { code agreements { edges { node { status signedOn } } } }\n        partners(asOf: $asOf, first: 100) { totalCount edges { node { code } } }\n      }\n    ": typeof types.PartnerAsOfDocument,
    "\n    query Histories {\n      agreements(first: 100) {\n        edges { node { reference status signedOn statusHistory { status effectiveDate cursor inferred sources } } }\n      }\n    }\n  ": typeof types.HistoriesDocument,
    "\n  mutation HistoryTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { cursor agreement { version } }\n      ... on InvalidInputError { field message }\n    }\n  }\n": typeof types.HistoryTransitionDocument,
    "\n  mutation CreateForHistory($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      ... on AgreementPayload { agreement { id version statusHistory { status effectiveDate inferred cursor } } }\n    }\n  }\n": typeof types.CreateForHistoryDocument,
    "\n  query NestedAgreements($first: Int!) {\n    agreements(first: $first) {\n      edges {\n        node {\n          reference\n          partner { name }\n          timeline(first: 5) { edges { node { title partners { code } } } }\n        }\n      }\n    }\n  }\n": typeof types.NestedAgreementsDocument,
    "\n  query NestedWithCounts($first: Int!) {\n    agreements(first: $first) {\n      totalCount\n      edges {\n        node {\n          partner { name agreements(first: 2) { totalCount edges { node { reference } } } }\n          timeline(first: 5) { totalCount edges { node { title agreements { reference } partners { code } } } }\n        }\n      }\n    }\n  }\n": typeof types.NestedWithCountsDocument,
    "\n  query NestedPartners($first: Int!) {\n    partners(first: $first) {\n      edges { node { code agreements(first: 3) { edges { node { reference timeline(first: 2) { edges { node { title } } } } } } } }\n    }\n  }\n": typeof types.NestedPartnersDocument,
    "\n  query BenchDashboard {\n    agreements(first: 50, orderBy: { field: ID, direction: ASC }) {\n      edges { node {\n        id title status signedOn\n        partner { code name }\n        timeline(first: 5, orderBy: { field: DATE, direction: DESC }) { edges { node { id title occurredOn kind } } }\n      } }\n    }\n  }\n": typeof types.BenchDashboardDocument,
    "\n  query BenchPartnerOverview {\n    partners(first: 20, orderBy: { field: CODE, direction: ASC }) {\n      edges { node { code name agreements(first: 10) { edges { node { id title status signedOn } } } } }\n    }\n  }\n": typeof types.BenchPartnerOverviewDocument,
    "\n  query EventsWithAgreementIds {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id } } } }\n  }\n": typeof types.EventsWithAgreementIdsDocument,
    "\n  query EventsWithAgreementTitles {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id title } } } }\n  }\n": typeof types.EventsWithAgreementTitlesDocument,
    "\n  query FilteredWithTotal($codes: [CountryCode!], $first: Int) {\n    agreements(filter: { partnerCode: $codes }, first: $first) {\n      totalCount\n      edges { node { reference partner { name } } }\n    }\n  }\n": typeof types.FilteredWithTotalDocument,
    "\n  query AgreementEventPartners($id: ID!) {\n    agreement(id: $id) {\n      title\n      timeline(first: 5, orderBy: { direction: DESC }) {\n        edges { node { title occurredOn partners { code name memberships membershipsAsOf sources } } }\n      }\n    }\n  }\n": typeof types.AgreementEventPartnersDocument,
    "\n  query EventPartnersByNode($id: ID!) {\n    node(id: $id) { ... on TimelineEvent { partners { code name memberships membershipsAsOf sources } } }\n  }\n": typeof types.EventPartnersByNodeDocument,
    "query FirstUsAgreement { agreements(filter: { partnerCode: [\"US\"] }, first: 1) { nodes { id } } }": typeof types.FirstUsAgreementDocument,
    "query LatestEventOf($id: ID!) { agreement(id: $id) { timeline(first: 1, orderBy: { direction: DESC }) { nodes { id } } } }": typeof types.LatestEventOfDocument,
    "\n  query TimelineWithPartners($first: Int!) {\n    timeline(first: $first, orderBy: { direction: DESC }) { edges { node { title partners { code name } } } }\n  }\n": typeof types.TimelineWithPartnersDocument,
    "\n  query PartnerWithPage($code: CountryCode!, $first: Int, $status: [AgreementStatus!]) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, status: $status) {\n        totalCount\n        pageInfo { hasNextPage }\n        edges { node { reference status } }\n      }\n    }\n  }\n": typeof types.PartnerWithPageDocument,
    "\n  query PartnerWithTwoPages($code: CountryCode!) {\n    partner(code: $code) {\n      name\n      signed: agreements(status: [SIGNED]) { edges { node { reference } } }\n      all: agreements(first: 1) { pageInfo { hasNextPage } edges { node { reference } } }\n    }\n  }\n": typeof types.PartnerWithTwoPagesDocument,
    "\n  query PartnersWithPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n      } }\n    }\n  }\n": typeof types.PartnersWithPagesDocument,
    "\n  query PartnersWithLoadedPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n        again: agreements(first: 1) { totalCount }\n      } }\n    }\n  }\n": typeof types.PartnersWithLoadedPagesDocument,
    "\n  query PartnersAgreementsTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n          } }\n        }\n      } }\n    }\n  }\n": typeof types.PartnersAgreementsTimelinesDocument,
    "\n  query PartnersAgreementsLoadedTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n            again: timeline(first: 1) { totalCount }\n          } }\n        }\n      } }\n    }\n  }\n": typeof types.PartnersAgreementsLoadedTimelinesDocument,
    "\n  query BenchThreeLevels {\n    partners(first: 10, orderBy: { field: CODE, direction: ASC }) {\n      edges { node {\n        code name\n        agreements(first: 5) {\n          edges { node { id title timeline(first: 3, orderBy: { direction: DESC }) { edges { node { id title occurredOn } } } } }\n        }\n      } }\n    }\n  }\n": typeof types.BenchThreeLevelsDocument,
    "\n        query MigratedApp {\n          stats { totals { partners agreements countedInOfficialList } }\n        }\n      ": typeof types.MigratedAppDocument,
    "\n  query NodeLookupIds {\n    agreements(first: 1, filter: { partnerCode: [\"US\"], status: [SIGNED] }) { edges { node { id } } }\n    timeline(first: 1, filter: { partnerCode: [\"US\"], kind: [SIGNING] }) { edges { node { id } } }\n    partner(code: \"US\") { id }\n  }\n": typeof types.NodeLookupIdsDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Agreement { reference signedOn }\n      ... on Partner { code name }\n      ... on TimelineEvent { reference title }\n    }\n  }\n": typeof types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Agreement { reference }\n      ... on Partner { code }\n      ... on TimelineEvent { reference }\n    }\n  }\n": typeof types.NodesByIdsDocument,
    "\n  query AgreementById($id: ID!) {\n    agreement(id: $id) { id reference title }\n  }\n": typeof types.AgreementByIdDocument,
    "\n  query OrderedAgreements($orderBy: AgreementOrder) {\n    agreements(first: 100, orderBy: $orderBy) { edges { node { reference signedOn title } } }\n  }\n": typeof types.OrderedAgreementsDocument,
    "\n  query OrderedPartners($orderBy: PartnerOrder) {\n    partners(first: 100, orderBy: $orderBy) { edges { node { code name } } }\n  }\n": typeof types.OrderedPartnersDocument,
    "\n  query OrderedTimeline($orderBy: TimelineOrder) {\n    timeline(first: 100, orderBy: $orderBy) { edges { node { reference occurredOn } } }\n  }\n": typeof types.OrderedTimelineDocument,
    "\n  query PaginationPartners($first: Int, $after: String, $last: Int, $before: String, $orderBy: PartnerOrder) {\n    partners(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {\n      totalCount\n      edges { cursor node { code } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PaginationPartnersDocument,
    "\n  query PaginationAgreements(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $orderBy: AgreementOrder\n    $filter: AgreementFilter\n  ) {\n    agreements(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      edges { cursor node { reference signedOn } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PaginationAgreementsDocument,
    "\n  query PaginationTimeline($first: Int, $after: String, $last: Int, $before: String) {\n    timeline(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PaginationTimelineDocument,
    "\n  query PageInfoInPart {\n    agreements(first: 100) {\n      edges {\n        node {\n          reference\n          lean: timeline(first: 1) { edges { node { reference } } }\n          probed: timeline(first: 1) { pageInfo { ...HasNext } edges { node { reference } } }\n          all: timeline(first: 100) { totalCount }\n        }\n      }\n    }\n    lastTwo: agreements(last: 2) { pageInfo { hasPreviousPage } edges { node { reference } } }\n  }\n  fragment HasNext on PageInfo { hasNextPage }\n": typeof types.PageInfoInPartDocument,
    "\n  query FilteredPartners($filter: PartnerFilter) {\n    partners(first: 100, filter: $filter) {\n      totalCount\n      edges { node { code name kind memberships } }\n    }\n  }\n": typeof types.FilteredPartnersDocument,
    "\n  query PartnerByCode($code: CountryCode!) {\n    partner(code: $code) { code name kind memberships membershipsAsOf }\n  }\n": typeof types.PartnerByCodeDocument,
    "\n  query ReadPathsNewestEvent($filter: AgreementFilter, $direction: OrderDirection!) {\n    agreements(first: 1, filter: $filter) {\n      edges { node { reference timeline(first: 1, orderBy: { direction: $direction }) { edges { node { title occurredOn } } } } }\n    }\n  }\n": typeof types.ReadPathsNewestEventDocument,
    "\n  mutation ReadPathsAddEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename ... on AddTimelineEventPayload { timelineEvent { id } } }\n  }\n": typeof types.ReadPathsAddEventDocument,
    "\n  query ReadPathsLeanAndFull {\n    lean: agreements(first: 3) { edges { node { id title } } }\n    full: agreements(first: 3) {\n      edges { node {\n        id title status allowedTransitions areas signedOn expectedSigningWindow { from to } partner { code name memberships } ...ReadPathsMore\n      } }\n    }\n  }\n  fragment ReadPathsMore on Agreement { sources createdAt partner { kind sources } }\n": typeof types.ReadPathsLeanAndFullDocument,
    "\n  query ReadPathsOneAgreementThreeWays($id: ID!) {\n    agreement(id: $id) { id title partner { code name kind } }\n    node(id: $id) { ... on Agreement { id title partner { code name kind } } }\n    agreements(first: 1) { edges { node { id title partner { code name kind } } } }\n  }\n": typeof types.ReadPathsOneAgreementThreeWaysDocument,
    "\n  query PartnerAgreements(\n    $code: CountryCode!\n    $first: Int\n    $after: String\n    $status: [AgreementStatus!]\n    $orderBy: AgreementOrder\n  ) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, after: $after, status: $status, orderBy: $orderBy) {\n        totalCount\n        edges { cursor node { reference status partner { code } } }\n        pageInfo { hasNextPage hasPreviousPage endCursor }\n      }\n    }\n  }\n": typeof types.PartnerAgreementsDocument,
    "\n  query AllPartnersAgreements {\n    partners(first: 100) {\n      edges { node { code agreements(first: 1) { totalCount edges { node { reference } } } } }\n    }\n  }\n": typeof types.AllPartnersAgreementsDocument,
    "\n  query AgreementWithTimeline($filter: AgreementFilter, $first: Int, $after: String, $orderBy: TimelineOrder) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          partner { code name kind }\n          timeline(first: $first, after: $after, orderBy: $orderBy) {\n            totalCount\n            edges { cursor node { reference occurredOn } }\n            pageInfo { hasNextPage hasPreviousPage endCursor }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AgreementWithTimelineDocument,
    "\n  query EventLinks($from: Date!, $to: Date!) {\n    timeline(first: 100, filter: { from: $from, to: $to }) {\n      edges { node { reference partners { code } agreements { reference partner { code } } } }\n    }\n  }\n": typeof types.EventLinksDocument,
    "\n  query Sources {\n    partners(first: 100) { edges { node { code sources } } }\n    agreements(first: 100) { edges { node { reference sources } } }\n    timeline(first: 100) { edges { node { reference sources } } }\n  }\n": typeof types.SourcesDocument,
    "\n  query Stats {\n    stats {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n": typeof types.StatsDocument,
    "\n  query StatsTotalsOnly {\n    stats { totals { agreements } }\n  }\n": typeof types.StatsTotalsOnlyDocument,
    "\n  query TimelineFilterAgreementIds {\n    agreements(first: 100) { edges { node { id reference } } }\n  }\n": typeof types.TimelineFilterAgreementIdsDocument,
    "\n  query FilteredTimeline($filter: TimelineFilter) {\n    timeline(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference occurredOn datePrecision dateText kind } }\n    }\n  }\n": typeof types.FilteredTimelineDocument,
    "\n  query ApolloList {\n    agreements(first: 50, filter: { status: [NEGOTIATING] }) {\n      edges { node { id title status version } }\n    }\n  }\n": typeof types.ApolloListDocument,
    "\n  query ApolloNode($id: ID!) {\n    node(id: $id) { id ... on Agreement { title status version signedOn } }\n  }\n": typeof types.ApolloNodeDocument,
    "\n  mutation ApolloTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { from to cursor agreement { id status version signedOn } }\n      ... on InvalidTransitionError { from to allowed }\n      ... on Error { message code }\n    }\n  }\n": typeof types.ApolloTransitionDocument,
    "\n    subscription ApolloSignings($after: String) {\n      agreementSigned(after: $after) { cursor agreement { id title } }\n    }\n  ": typeof types.ApolloSigningsDocument,
    "\n  query UrqlStats { stats { totals { partners agreements } } }\n": typeof types.UrqlStatsDocument,
    "\n  mutation UrqlCreate($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message code }\n    }\n  }\n": typeof types.UrqlCreateDocument,
    "\n  subscription UrqlSignings($after: String) {\n    agreementSigned(after: $after) { cursor agreement { id title } }\n  }\n": typeof types.UrqlSigningsDocument,
    "\n  query LiveAgreementCount($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode] }, first: 1) { totalCount }\n  }\n": typeof types.LiveAgreementCountDocument,
    "\n        mutation LiveSignOverWebSocket($input: TransitionAgreementInput!) {\n          transitionAgreement(input: $input) { __typename }\n        }\n      ": typeof types.LiveSignOverWebSocketDocument,
    "\n  mutation EditAgreementFields($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { title notes durationYears areas version } }\n    }\n  }\n": typeof types.EditAgreementFieldsDocument,
    "\n  mutation ConcurrentEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.ConcurrentEditAgreementDocument,
    "\n  mutation BusAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) {\n      __typename\n      ... on AddTimelineEventPayload { timelineEvent { id } }\n      ... on Error { message }\n    }\n  }\n": typeof types.BusAddTimelineEventDocument,
    "\n  query LiveStats @live {\n    cursor\n    stats { byStatus { status count } }\n  }\n": typeof types.LiveStatsDocument,
    "\n  query LiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n": typeof types.LiveAgreementDocument,
    "\n  query LiveAgreementTitle($id: ID!) @live {\n    agreement(id: $id) { id title version }\n  }\n": typeof types.LiveAgreementTitleDocument,
    "\n  query LiveAgreementsOf($partnerCode: [CountryCode!]) @live {\n    agreements(first: 100, filter: { partnerCode: $partnerCode }) { totalCount edges { node { id title } } }\n  }\n": typeof types.LiveAgreementsOfDocument,
    "\n  query LivePartner($code: CountryCode!) @live {\n    partner(code: $code) { id name notes }\n  }\n": typeof types.LivePartnerDocument,
    "\n  query LivePartnerTotal @live {\n    stats { totals { partners } }\n  }\n": typeof types.LivePartnerTotalDocument,
    "\n  mutation LiveEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on Error { message }\n    }\n  }\n": typeof types.LiveEditAgreementDocument,
    "\n  mutation LiveEditPartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code notes } }\n      ... on Error { message }\n    }\n  }\n": typeof types.LiveEditPartnerDocument,
    "\n  mutation LiveNewPartner($input: CreatePartnerInput!) {\n    createPartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code } }\n      ... on Error { message }\n    }\n  }\n": typeof types.LiveNewPartnerDocument,
    "\n  query LiveSignedAgreementOf($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode], status: [SIGNED] }, first: 1) {\n      edges { node { id version } }\n    }\n  }\n": typeof types.LiveSignedAgreementOfDocument,
    "\n  query DashboardSnapshotRace {\n    cursor\n    stats { byStatus { status count } }\n    agreements(first: 100, filter: { status: SIGNED }) { totalCount edges { node { id } } }\n    timeline(first: 1) { totalCount }\n  }\n": typeof types.DashboardSnapshotRaceDocument,
    "\n  mutation SnapshotAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename }\n  }\n": typeof types.SnapshotAddTimelineEventDocument,
    "\n  query WorkersLiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n": typeof types.WorkersLiveAgreementDocument,
    "\n  query OpsLiveTotals @live {\n    stats { totals { agreements } }\n  }\n": typeof types.OpsLiveTotalsDocument,
    "\n  mutation LiveCreateAgreement($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message }\n    }\n  }\n": typeof types.LiveCreateAgreementDocument,
    "\n  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange {\n        cursor sequence from to effectiveDate agreement { id status signedOn version }\n      }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on Error { code message }\n    }\n  }\n": typeof types.LiveTransitionAgreementDocument,
    "\n  query LiveAgreementState($id: ID!) {\n    agreement(id: $id) { id status signedOn version }\n  }\n": typeof types.LiveAgreementStateDocument,
    "\n  query AgreementTotal {\n    agreements(first: 1) { totalCount }\n  }\n": typeof types.AgreementTotalDocument,
    "\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      version\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n": typeof types.LiveAgreementSignedDocument,
    "\n  subscription LiveAgreementStatusChanged($filter: AgreementStatusChangeFilter, $after: String) {\n    agreementStatusChanged(filter: $filter, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      agreement { id status signedOn version }\n    }\n  }\n": typeof types.LiveAgreementStatusChangedDocument,
    "\n  subscription LiveTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      sequence\n      timelineEvent { id kind agreements { id } }\n    }\n  }\n": typeof types.LiveTimelineEventAddedDocument,
    "\n  subscription StatusChanges($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to }\n  }\n": typeof types.StatusChangesDocument,
    "\n  subscription StatusChangesWithAgreement($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to agreement { id status } }\n  }\n": typeof types.StatusChangesWithAgreementDocument,
};
const documents: Documents = {
    "\n  query AgreementDetails($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          title\n          status\n          allowedTransitions\n          signedOn\n          place\n          ukraineSignatory { name office }\n          partnerSignatories { name office }\n          durationYears\n          sequenceReported\n          countedInOfficialList\n          classificationDisputed\n          confidence\n          expectedSigningWindow { from to label sources }\n        }\n      }\n    }\n  }\n": types.AgreementDetailsDocument,
    "\n  query FilteredAgreements($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference status signedOn countedInOfficialList classificationDisputed partner { code } } }\n    }\n  }\n": types.FilteredAgreementsDocument,
    "\n  query StatsAsOf($asOf: Date) {\n    stats(asOf: $asOf) {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n": types.StatsAsOfDocument,
    "\n  query AgreementsAsOf(\n    $asOf: Date\n    $filter: AgreementFilter\n    $orderBy: AgreementOrder\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    agreements(asOf: $asOf, filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id reference status signedOn\n          expectedSigningWindow { from to label statedOn sources }\n          partner { code }\n        }\n      }\n    }\n  }\n": types.AgreementsAsOfDocument,
    "\n  query AgreementAsOf($id: ID!, $asOf: Date) {\n    agreement(id: $id, asOf: $asOf) {\n      reference status signedOn\n      partner { code agreements { totalCount edges { node { reference status } } } }\n      statusHistory { status effectiveDate cursor inferred sources }\n    }\n  }\n": types.AgreementAsOfDocument,
    "\n        query DeepAsOf($asOf: Date) {\n          partner(code: \"US\", asOf: $asOf) {\n            agreements { edges { node { status partner { agreements { totalCount edges { node { status } } } } } } }\n          }\n        }\n      ": types.DeepAsOfDocument,
    "\n      query PartnerAsOf($code: CountryCode!, $asOf: Date) {\n        partner(code: $code, asOf: $asOf) { code agreements { edges { node { status signedOn } } } }\n        partners(asOf: $asOf, first: 100) { totalCount edges { node { code } } }\n      }\n    ": types.PartnerAsOfDocument,
    "\n    query Histories {\n      agreements(first: 100) {\n        edges { node { reference status signedOn statusHistory { status effectiveDate cursor inferred sources } } }\n      }\n    }\n  ": types.HistoriesDocument,
    "\n  mutation HistoryTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { cursor agreement { version } }\n      ... on InvalidInputError { field message }\n    }\n  }\n": types.HistoryTransitionDocument,
    "\n  mutation CreateForHistory($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      ... on AgreementPayload { agreement { id version statusHistory { status effectiveDate inferred cursor } } }\n    }\n  }\n": types.CreateForHistoryDocument,
    "\n  query NestedAgreements($first: Int!) {\n    agreements(first: $first) {\n      edges {\n        node {\n          reference\n          partner { name }\n          timeline(first: 5) { edges { node { title partners { code } } } }\n        }\n      }\n    }\n  }\n": types.NestedAgreementsDocument,
    "\n  query NestedWithCounts($first: Int!) {\n    agreements(first: $first) {\n      totalCount\n      edges {\n        node {\n          partner { name agreements(first: 2) { totalCount edges { node { reference } } } }\n          timeline(first: 5) { totalCount edges { node { title agreements { reference } partners { code } } } }\n        }\n      }\n    }\n  }\n": types.NestedWithCountsDocument,
    "\n  query NestedPartners($first: Int!) {\n    partners(first: $first) {\n      edges { node { code agreements(first: 3) { edges { node { reference timeline(first: 2) { edges { node { title } } } } } } } }\n    }\n  }\n": types.NestedPartnersDocument,
    "\n  query BenchDashboard {\n    agreements(first: 50, orderBy: { field: ID, direction: ASC }) {\n      edges { node {\n        id title status signedOn\n        partner { code name }\n        timeline(first: 5, orderBy: { field: DATE, direction: DESC }) { edges { node { id title occurredOn kind } } }\n      } }\n    }\n  }\n": types.BenchDashboardDocument,
    "\n  query BenchPartnerOverview {\n    partners(first: 20, orderBy: { field: CODE, direction: ASC }) {\n      edges { node { code name agreements(first: 10) { edges { node { id title status signedOn } } } } }\n    }\n  }\n": types.BenchPartnerOverviewDocument,
    "\n  query EventsWithAgreementIds {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id } } } }\n  }\n": types.EventsWithAgreementIdsDocument,
    "\n  query EventsWithAgreementTitles {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id title } } } }\n  }\n": types.EventsWithAgreementTitlesDocument,
    "\n  query FilteredWithTotal($codes: [CountryCode!], $first: Int) {\n    agreements(filter: { partnerCode: $codes }, first: $first) {\n      totalCount\n      edges { node { reference partner { name } } }\n    }\n  }\n": types.FilteredWithTotalDocument,
    "\n  query AgreementEventPartners($id: ID!) {\n    agreement(id: $id) {\n      title\n      timeline(first: 5, orderBy: { direction: DESC }) {\n        edges { node { title occurredOn partners { code name memberships membershipsAsOf sources } } }\n      }\n    }\n  }\n": types.AgreementEventPartnersDocument,
    "\n  query EventPartnersByNode($id: ID!) {\n    node(id: $id) { ... on TimelineEvent { partners { code name memberships membershipsAsOf sources } } }\n  }\n": types.EventPartnersByNodeDocument,
    "query FirstUsAgreement { agreements(filter: { partnerCode: [\"US\"] }, first: 1) { nodes { id } } }": types.FirstUsAgreementDocument,
    "query LatestEventOf($id: ID!) { agreement(id: $id) { timeline(first: 1, orderBy: { direction: DESC }) { nodes { id } } } }": types.LatestEventOfDocument,
    "\n  query TimelineWithPartners($first: Int!) {\n    timeline(first: $first, orderBy: { direction: DESC }) { edges { node { title partners { code name } } } }\n  }\n": types.TimelineWithPartnersDocument,
    "\n  query PartnerWithPage($code: CountryCode!, $first: Int, $status: [AgreementStatus!]) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, status: $status) {\n        totalCount\n        pageInfo { hasNextPage }\n        edges { node { reference status } }\n      }\n    }\n  }\n": types.PartnerWithPageDocument,
    "\n  query PartnerWithTwoPages($code: CountryCode!) {\n    partner(code: $code) {\n      name\n      signed: agreements(status: [SIGNED]) { edges { node { reference } } }\n      all: agreements(first: 1) { pageInfo { hasNextPage } edges { node { reference } } }\n    }\n  }\n": types.PartnerWithTwoPagesDocument,
    "\n  query PartnersWithPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n      } }\n    }\n  }\n": types.PartnersWithPagesDocument,
    "\n  query PartnersWithLoadedPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n        again: agreements(first: 1) { totalCount }\n      } }\n    }\n  }\n": types.PartnersWithLoadedPagesDocument,
    "\n  query PartnersAgreementsTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n          } }\n        }\n      } }\n    }\n  }\n": types.PartnersAgreementsTimelinesDocument,
    "\n  query PartnersAgreementsLoadedTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n            again: timeline(first: 1) { totalCount }\n          } }\n        }\n      } }\n    }\n  }\n": types.PartnersAgreementsLoadedTimelinesDocument,
    "\n  query BenchThreeLevels {\n    partners(first: 10, orderBy: { field: CODE, direction: ASC }) {\n      edges { node {\n        code name\n        agreements(first: 5) {\n          edges { node { id title timeline(first: 3, orderBy: { direction: DESC }) { edges { node { id title occurredOn } } } } }\n        }\n      } }\n    }\n  }\n": types.BenchThreeLevelsDocument,
    "\n        query MigratedApp {\n          stats { totals { partners agreements countedInOfficialList } }\n        }\n      ": types.MigratedAppDocument,
    "\n  query NodeLookupIds {\n    agreements(first: 1, filter: { partnerCode: [\"US\"], status: [SIGNED] }) { edges { node { id } } }\n    timeline(first: 1, filter: { partnerCode: [\"US\"], kind: [SIGNING] }) { edges { node { id } } }\n    partner(code: \"US\") { id }\n  }\n": types.NodeLookupIdsDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Agreement { reference signedOn }\n      ... on Partner { code name }\n      ... on TimelineEvent { reference title }\n    }\n  }\n": types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Agreement { reference }\n      ... on Partner { code }\n      ... on TimelineEvent { reference }\n    }\n  }\n": types.NodesByIdsDocument,
    "\n  query AgreementById($id: ID!) {\n    agreement(id: $id) { id reference title }\n  }\n": types.AgreementByIdDocument,
    "\n  query OrderedAgreements($orderBy: AgreementOrder) {\n    agreements(first: 100, orderBy: $orderBy) { edges { node { reference signedOn title } } }\n  }\n": types.OrderedAgreementsDocument,
    "\n  query OrderedPartners($orderBy: PartnerOrder) {\n    partners(first: 100, orderBy: $orderBy) { edges { node { code name } } }\n  }\n": types.OrderedPartnersDocument,
    "\n  query OrderedTimeline($orderBy: TimelineOrder) {\n    timeline(first: 100, orderBy: $orderBy) { edges { node { reference occurredOn } } }\n  }\n": types.OrderedTimelineDocument,
    "\n  query PaginationPartners($first: Int, $after: String, $last: Int, $before: String, $orderBy: PartnerOrder) {\n    partners(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {\n      totalCount\n      edges { cursor node { code } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PaginationPartnersDocument,
    "\n  query PaginationAgreements(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $orderBy: AgreementOrder\n    $filter: AgreementFilter\n  ) {\n    agreements(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      edges { cursor node { reference signedOn } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PaginationAgreementsDocument,
    "\n  query PaginationTimeline($first: Int, $after: String, $last: Int, $before: String) {\n    timeline(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PaginationTimelineDocument,
    "\n  query PageInfoInPart {\n    agreements(first: 100) {\n      edges {\n        node {\n          reference\n          lean: timeline(first: 1) { edges { node { reference } } }\n          probed: timeline(first: 1) { pageInfo { ...HasNext } edges { node { reference } } }\n          all: timeline(first: 100) { totalCount }\n        }\n      }\n    }\n    lastTwo: agreements(last: 2) { pageInfo { hasPreviousPage } edges { node { reference } } }\n  }\n  fragment HasNext on PageInfo { hasNextPage }\n": types.PageInfoInPartDocument,
    "\n  query FilteredPartners($filter: PartnerFilter) {\n    partners(first: 100, filter: $filter) {\n      totalCount\n      edges { node { code name kind memberships } }\n    }\n  }\n": types.FilteredPartnersDocument,
    "\n  query PartnerByCode($code: CountryCode!) {\n    partner(code: $code) { code name kind memberships membershipsAsOf }\n  }\n": types.PartnerByCodeDocument,
    "\n  query ReadPathsNewestEvent($filter: AgreementFilter, $direction: OrderDirection!) {\n    agreements(first: 1, filter: $filter) {\n      edges { node { reference timeline(first: 1, orderBy: { direction: $direction }) { edges { node { title occurredOn } } } } }\n    }\n  }\n": types.ReadPathsNewestEventDocument,
    "\n  mutation ReadPathsAddEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename ... on AddTimelineEventPayload { timelineEvent { id } } }\n  }\n": types.ReadPathsAddEventDocument,
    "\n  query ReadPathsLeanAndFull {\n    lean: agreements(first: 3) { edges { node { id title } } }\n    full: agreements(first: 3) {\n      edges { node {\n        id title status allowedTransitions areas signedOn expectedSigningWindow { from to } partner { code name memberships } ...ReadPathsMore\n      } }\n    }\n  }\n  fragment ReadPathsMore on Agreement { sources createdAt partner { kind sources } }\n": types.ReadPathsLeanAndFullDocument,
    "\n  query ReadPathsOneAgreementThreeWays($id: ID!) {\n    agreement(id: $id) { id title partner { code name kind } }\n    node(id: $id) { ... on Agreement { id title partner { code name kind } } }\n    agreements(first: 1) { edges { node { id title partner { code name kind } } } }\n  }\n": types.ReadPathsOneAgreementThreeWaysDocument,
    "\n  query PartnerAgreements(\n    $code: CountryCode!\n    $first: Int\n    $after: String\n    $status: [AgreementStatus!]\n    $orderBy: AgreementOrder\n  ) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, after: $after, status: $status, orderBy: $orderBy) {\n        totalCount\n        edges { cursor node { reference status partner { code } } }\n        pageInfo { hasNextPage hasPreviousPage endCursor }\n      }\n    }\n  }\n": types.PartnerAgreementsDocument,
    "\n  query AllPartnersAgreements {\n    partners(first: 100) {\n      edges { node { code agreements(first: 1) { totalCount edges { node { reference } } } } }\n    }\n  }\n": types.AllPartnersAgreementsDocument,
    "\n  query AgreementWithTimeline($filter: AgreementFilter, $first: Int, $after: String, $orderBy: TimelineOrder) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          partner { code name kind }\n          timeline(first: $first, after: $after, orderBy: $orderBy) {\n            totalCount\n            edges { cursor node { reference occurredOn } }\n            pageInfo { hasNextPage hasPreviousPage endCursor }\n          }\n        }\n      }\n    }\n  }\n": types.AgreementWithTimelineDocument,
    "\n  query EventLinks($from: Date!, $to: Date!) {\n    timeline(first: 100, filter: { from: $from, to: $to }) {\n      edges { node { reference partners { code } agreements { reference partner { code } } } }\n    }\n  }\n": types.EventLinksDocument,
    "\n  query Sources {\n    partners(first: 100) { edges { node { code sources } } }\n    agreements(first: 100) { edges { node { reference sources } } }\n    timeline(first: 100) { edges { node { reference sources } } }\n  }\n": types.SourcesDocument,
    "\n  query Stats {\n    stats {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n": types.StatsDocument,
    "\n  query StatsTotalsOnly {\n    stats { totals { agreements } }\n  }\n": types.StatsTotalsOnlyDocument,
    "\n  query TimelineFilterAgreementIds {\n    agreements(first: 100) { edges { node { id reference } } }\n  }\n": types.TimelineFilterAgreementIdsDocument,
    "\n  query FilteredTimeline($filter: TimelineFilter) {\n    timeline(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference occurredOn datePrecision dateText kind } }\n    }\n  }\n": types.FilteredTimelineDocument,
    "\n  query ApolloList {\n    agreements(first: 50, filter: { status: [NEGOTIATING] }) {\n      edges { node { id title status version } }\n    }\n  }\n": types.ApolloListDocument,
    "\n  query ApolloNode($id: ID!) {\n    node(id: $id) { id ... on Agreement { title status version signedOn } }\n  }\n": types.ApolloNodeDocument,
    "\n  mutation ApolloTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { from to cursor agreement { id status version signedOn } }\n      ... on InvalidTransitionError { from to allowed }\n      ... on Error { message code }\n    }\n  }\n": types.ApolloTransitionDocument,
    "\n    subscription ApolloSignings($after: String) {\n      agreementSigned(after: $after) { cursor agreement { id title } }\n    }\n  ": types.ApolloSigningsDocument,
    "\n  query UrqlStats { stats { totals { partners agreements } } }\n": types.UrqlStatsDocument,
    "\n  mutation UrqlCreate($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message code }\n    }\n  }\n": types.UrqlCreateDocument,
    "\n  subscription UrqlSignings($after: String) {\n    agreementSigned(after: $after) { cursor agreement { id title } }\n  }\n": types.UrqlSigningsDocument,
    "\n  query LiveAgreementCount($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode] }, first: 1) { totalCount }\n  }\n": types.LiveAgreementCountDocument,
    "\n        mutation LiveSignOverWebSocket($input: TransitionAgreementInput!) {\n          transitionAgreement(input: $input) { __typename }\n        }\n      ": types.LiveSignOverWebSocketDocument,
    "\n  mutation EditAgreementFields($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { title notes durationYears areas version } }\n    }\n  }\n": types.EditAgreementFieldsDocument,
    "\n  mutation ConcurrentEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on NotFoundError { message }\n    }\n  }\n": types.ConcurrentEditAgreementDocument,
    "\n  mutation BusAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) {\n      __typename\n      ... on AddTimelineEventPayload { timelineEvent { id } }\n      ... on Error { message }\n    }\n  }\n": types.BusAddTimelineEventDocument,
    "\n  query LiveStats @live {\n    cursor\n    stats { byStatus { status count } }\n  }\n": types.LiveStatsDocument,
    "\n  query LiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n": types.LiveAgreementDocument,
    "\n  query LiveAgreementTitle($id: ID!) @live {\n    agreement(id: $id) { id title version }\n  }\n": types.LiveAgreementTitleDocument,
    "\n  query LiveAgreementsOf($partnerCode: [CountryCode!]) @live {\n    agreements(first: 100, filter: { partnerCode: $partnerCode }) { totalCount edges { node { id title } } }\n  }\n": types.LiveAgreementsOfDocument,
    "\n  query LivePartner($code: CountryCode!) @live {\n    partner(code: $code) { id name notes }\n  }\n": types.LivePartnerDocument,
    "\n  query LivePartnerTotal @live {\n    stats { totals { partners } }\n  }\n": types.LivePartnerTotalDocument,
    "\n  mutation LiveEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on Error { message }\n    }\n  }\n": types.LiveEditAgreementDocument,
    "\n  mutation LiveEditPartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code notes } }\n      ... on Error { message }\n    }\n  }\n": types.LiveEditPartnerDocument,
    "\n  mutation LiveNewPartner($input: CreatePartnerInput!) {\n    createPartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code } }\n      ... on Error { message }\n    }\n  }\n": types.LiveNewPartnerDocument,
    "\n  query LiveSignedAgreementOf($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode], status: [SIGNED] }, first: 1) {\n      edges { node { id version } }\n    }\n  }\n": types.LiveSignedAgreementOfDocument,
    "\n  query DashboardSnapshotRace {\n    cursor\n    stats { byStatus { status count } }\n    agreements(first: 100, filter: { status: SIGNED }) { totalCount edges { node { id } } }\n    timeline(first: 1) { totalCount }\n  }\n": types.DashboardSnapshotRaceDocument,
    "\n  mutation SnapshotAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename }\n  }\n": types.SnapshotAddTimelineEventDocument,
    "\n  query WorkersLiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n": types.WorkersLiveAgreementDocument,
    "\n  query OpsLiveTotals @live {\n    stats { totals { agreements } }\n  }\n": types.OpsLiveTotalsDocument,
    "\n  mutation LiveCreateAgreement($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message }\n    }\n  }\n": types.LiveCreateAgreementDocument,
    "\n  mutation LiveTransitionAgreement($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange {\n        cursor sequence from to effectiveDate agreement { id status signedOn version }\n      }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on Error { code message }\n    }\n  }\n": types.LiveTransitionAgreementDocument,
    "\n  query LiveAgreementState($id: ID!) {\n    agreement(id: $id) { id status signedOn version }\n  }\n": types.LiveAgreementStateDocument,
    "\n  query AgreementTotal {\n    agreements(first: 1) { totalCount }\n  }\n": types.AgreementTotalDocument,
    "\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      version\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n": types.LiveAgreementSignedDocument,
    "\n  subscription LiveAgreementStatusChanged($filter: AgreementStatusChangeFilter, $after: String) {\n    agreementStatusChanged(filter: $filter, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      agreement { id status signedOn version }\n    }\n  }\n": types.LiveAgreementStatusChangedDocument,
    "\n  subscription LiveTimelineEventAdded($after: String) {\n    timelineEventAdded(after: $after) {\n      cursor\n      sequence\n      timelineEvent { id kind agreements { id } }\n    }\n  }\n": types.LiveTimelineEventAddedDocument,
    "\n  subscription StatusChanges($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to }\n  }\n": types.StatusChangesDocument,
    "\n  subscription StatusChangesWithAgreement($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to agreement { id status } }\n  }\n": types.StatusChangesWithAgreementDocument,
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
export function graphql(source: "\n  query AgreementDetails($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          title\n          status\n          allowedTransitions\n          signedOn\n          place\n          ukraineSignatory { name office }\n          partnerSignatories { name office }\n          durationYears\n          sequenceReported\n          countedInOfficialList\n          classificationDisputed\n          confidence\n          expectedSigningWindow { from to label sources }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgreementDetails($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          title\n          status\n          allowedTransitions\n          signedOn\n          place\n          ukraineSignatory { name office }\n          partnerSignatories { name office }\n          durationYears\n          sequenceReported\n          countedInOfficialList\n          classificationDisputed\n          confidence\n          expectedSigningWindow { from to label sources }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredAgreements($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference status signedOn countedInOfficialList classificationDisputed partner { code } } }\n    }\n  }\n"): (typeof documents)["\n  query FilteredAgreements($filter: AgreementFilter) {\n    agreements(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference status signedOn countedInOfficialList classificationDisputed partner { code } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatsAsOf($asOf: Date) {\n    stats(asOf: $asOf) {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n"): (typeof documents)["\n  query StatsAsOf($asOf: Date) {\n    stats(asOf: $asOf) {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementsAsOf(\n    $asOf: Date\n    $filter: AgreementFilter\n    $orderBy: AgreementOrder\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    agreements(asOf: $asOf, filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id reference status signedOn\n          expectedSigningWindow { from to label statedOn sources }\n          partner { code }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgreementsAsOf(\n    $asOf: Date\n    $filter: AgreementFilter\n    $orderBy: AgreementOrder\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    agreements(asOf: $asOf, filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id reference status signedOn\n          expectedSigningWindow { from to label statedOn sources }\n          partner { code }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementAsOf($id: ID!, $asOf: Date) {\n    agreement(id: $id, asOf: $asOf) {\n      reference status signedOn\n      partner { code agreements { totalCount edges { node { reference status } } } }\n      statusHistory { status effectiveDate cursor inferred sources }\n    }\n  }\n"): (typeof documents)["\n  query AgreementAsOf($id: ID!, $asOf: Date) {\n    agreement(id: $id, asOf: $asOf) {\n      reference status signedOn\n      partner { code agreements { totalCount edges { node { reference status } } } }\n      statusHistory { status effectiveDate cursor inferred sources }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query DeepAsOf($asOf: Date) {\n          partner(code: \"US\", asOf: $asOf) {\n            agreements { edges { node { status partner { agreements { totalCount edges { node { status } } } } } } }\n          }\n        }\n      "): (typeof documents)["\n        query DeepAsOf($asOf: Date) {\n          partner(code: \"US\", asOf: $asOf) {\n            agreements { edges { node { status partner { agreements { totalCount edges { node { status } } } } } } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query PartnerAsOf($code: CountryCode!, $asOf: Date) {\n        partner(code: $code, asOf: $asOf) { code agreements { edges { node { status signedOn } } } }\n        partners(asOf: $asOf, first: 100) { totalCount edges { node { code } } }\n      }\n    "): (typeof documents)["\n      query PartnerAsOf($code: CountryCode!, $asOf: Date) {\n        partner(code: $code, asOf: $asOf) { code agreements { edges { node { status signedOn } } } }\n        partners(asOf: $asOf, first: 100) { totalCount edges { node { code } } }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Histories {\n      agreements(first: 100) {\n        edges { node { reference status signedOn statusHistory { status effectiveDate cursor inferred sources } } }\n      }\n    }\n  "): (typeof documents)["\n    query Histories {\n      agreements(first: 100) {\n        edges { node { reference status signedOn statusHistory { status effectiveDate cursor inferred sources } } }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { cursor agreement { version } }\n      ... on InvalidInputError { field message }\n    }\n  }\n"): (typeof documents)["\n  mutation HistoryTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { cursor agreement { version } }\n      ... on InvalidInputError { field message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateForHistory($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      ... on AgreementPayload { agreement { id version statusHistory { status effectiveDate inferred cursor } } }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateForHistory($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      ... on AgreementPayload { agreement { id version statusHistory { status effectiveDate inferred cursor } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedAgreements($first: Int!) {\n    agreements(first: $first) {\n      edges {\n        node {\n          reference\n          partner { name }\n          timeline(first: 5) { edges { node { title partners { code } } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NestedAgreements($first: Int!) {\n    agreements(first: $first) {\n      edges {\n        node {\n          reference\n          partner { name }\n          timeline(first: 5) { edges { node { title partners { code } } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedWithCounts($first: Int!) {\n    agreements(first: $first) {\n      totalCount\n      edges {\n        node {\n          partner { name agreements(first: 2) { totalCount edges { node { reference } } } }\n          timeline(first: 5) { totalCount edges { node { title agreements { reference } partners { code } } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NestedWithCounts($first: Int!) {\n    agreements(first: $first) {\n      totalCount\n      edges {\n        node {\n          partner { name agreements(first: 2) { totalCount edges { node { reference } } } }\n          timeline(first: 5) { totalCount edges { node { title agreements { reference } partners { code } } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedPartners($first: Int!) {\n    partners(first: $first) {\n      edges { node { code agreements(first: 3) { edges { node { reference timeline(first: 2) { edges { node { title } } } } } } } }\n    }\n  }\n"): (typeof documents)["\n  query NestedPartners($first: Int!) {\n    partners(first: $first) {\n      edges { node { code agreements(first: 3) { edges { node { reference timeline(first: 2) { edges { node { title } } } } } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BenchDashboard {\n    agreements(first: 50, orderBy: { field: ID, direction: ASC }) {\n      edges { node {\n        id title status signedOn\n        partner { code name }\n        timeline(first: 5, orderBy: { field: DATE, direction: DESC }) { edges { node { id title occurredOn kind } } }\n      } }\n    }\n  }\n"): (typeof documents)["\n  query BenchDashboard {\n    agreements(first: 50, orderBy: { field: ID, direction: ASC }) {\n      edges { node {\n        id title status signedOn\n        partner { code name }\n        timeline(first: 5, orderBy: { field: DATE, direction: DESC }) { edges { node { id title occurredOn kind } } }\n      } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BenchPartnerOverview {\n    partners(first: 20, orderBy: { field: CODE, direction: ASC }) {\n      edges { node { code name agreements(first: 10) { edges { node { id title status signedOn } } } } }\n    }\n  }\n"): (typeof documents)["\n  query BenchPartnerOverview {\n    partners(first: 20, orderBy: { field: CODE, direction: ASC }) {\n      edges { node { code name agreements(first: 10) { edges { node { id title status signedOn } } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsWithAgreementIds {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id } } } }\n  }\n"): (typeof documents)["\n  query EventsWithAgreementIds {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsWithAgreementTitles {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id title } } } }\n  }\n"): (typeof documents)["\n  query EventsWithAgreementTitles {\n    timeline(first: 50, orderBy: { direction: DESC }) { edges { node { id agreements { id title } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredWithTotal($codes: [CountryCode!], $first: Int) {\n    agreements(filter: { partnerCode: $codes }, first: $first) {\n      totalCount\n      edges { node { reference partner { name } } }\n    }\n  }\n"): (typeof documents)["\n  query FilteredWithTotal($codes: [CountryCode!], $first: Int) {\n    agreements(filter: { partnerCode: $codes }, first: $first) {\n      totalCount\n      edges { node { reference partner { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementEventPartners($id: ID!) {\n    agreement(id: $id) {\n      title\n      timeline(first: 5, orderBy: { direction: DESC }) {\n        edges { node { title occurredOn partners { code name memberships membershipsAsOf sources } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgreementEventPartners($id: ID!) {\n    agreement(id: $id) {\n      title\n      timeline(first: 5, orderBy: { direction: DESC }) {\n        edges { node { title occurredOn partners { code name memberships membershipsAsOf sources } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventPartnersByNode($id: ID!) {\n    node(id: $id) { ... on TimelineEvent { partners { code name memberships membershipsAsOf sources } } }\n  }\n"): (typeof documents)["\n  query EventPartnersByNode($id: ID!) {\n    node(id: $id) { ... on TimelineEvent { partners { code name memberships membershipsAsOf sources } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FirstUsAgreement { agreements(filter: { partnerCode: [\"US\"] }, first: 1) { nodes { id } } }"): (typeof documents)["query FirstUsAgreement { agreements(filter: { partnerCode: [\"US\"] }, first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LatestEventOf($id: ID!) { agreement(id: $id) { timeline(first: 1, orderBy: { direction: DESC }) { nodes { id } } } }"): (typeof documents)["query LatestEventOf($id: ID!) { agreement(id: $id) { timeline(first: 1, orderBy: { direction: DESC }) { nodes { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineWithPartners($first: Int!) {\n    timeline(first: $first, orderBy: { direction: DESC }) { edges { node { title partners { code name } } } }\n  }\n"): (typeof documents)["\n  query TimelineWithPartners($first: Int!) {\n    timeline(first: $first, orderBy: { direction: DESC }) { edges { node { title partners { code name } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerWithPage($code: CountryCode!, $first: Int, $status: [AgreementStatus!]) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, status: $status) {\n        totalCount\n        pageInfo { hasNextPage }\n        edges { node { reference status } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerWithPage($code: CountryCode!, $first: Int, $status: [AgreementStatus!]) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, status: $status) {\n        totalCount\n        pageInfo { hasNextPage }\n        edges { node { reference status } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerWithTwoPages($code: CountryCode!) {\n    partner(code: $code) {\n      name\n      signed: agreements(status: [SIGNED]) { edges { node { reference } } }\n      all: agreements(first: 1) { pageInfo { hasNextPage } edges { node { reference } } }\n    }\n  }\n"): (typeof documents)["\n  query PartnerWithTwoPages($code: CountryCode!) {\n    partner(code: $code) {\n      name\n      signed: agreements(status: [SIGNED]) { edges { node { reference } } }\n      all: agreements(first: 1) { pageInfo { hasNextPage } edges { node { reference } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnersWithPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n      } }\n    }\n  }\n"): (typeof documents)["\n  query PartnersWithPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n      } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnersWithLoadedPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n        again: agreements(first: 1) { totalCount }\n      } }\n    }\n  }\n"): (typeof documents)["\n  query PartnersWithLoadedPages($first: Int, $last: Int, $after: String, $inner: Int, $innerLast: Int, $status: [AgreementStatus!]) {\n    partners(first: $first, last: $last, after: $after) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage endCursor }\n      edges { node {\n        code\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage }\n          edges { cursor node { reference } }\n        }\n        again: agreements(first: 1) { totalCount }\n      } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnersAgreementsTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n          } }\n        }\n      } }\n    }\n  }\n"): (typeof documents)["\n  query PartnersAgreementsTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n          } }\n        }\n      } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnersAgreementsLoadedTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n            again: timeline(first: 1) { totalCount }\n          } }\n        }\n      } }\n    }\n  }\n"): (typeof documents)["\n  query PartnersAgreementsLoadedTimelines(\n    $first: Int, $inner: Int, $innerLast: Int, $status: [AgreementStatus!],\n    $events: Int, $eventsLast: Int, $after: String, $direction: OrderDirection\n  ) {\n    partners(first: $first) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node {\n        code name\n        agreements(first: $inner, last: $innerLast, status: $status) {\n          totalCount\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n          edges { cursor node {\n            id title\n            timeline(first: $events, last: $eventsLast, after: $after, orderBy: { direction: $direction }) {\n              totalCount\n              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n              nodes { id title occurredOn partners { code name } }\n            }\n            again: timeline(first: 1) { totalCount }\n          } }\n        }\n      } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BenchThreeLevels {\n    partners(first: 10, orderBy: { field: CODE, direction: ASC }) {\n      edges { node {\n        code name\n        agreements(first: 5) {\n          edges { node { id title timeline(first: 3, orderBy: { direction: DESC }) { edges { node { id title occurredOn } } } } }\n        }\n      } }\n    }\n  }\n"): (typeof documents)["\n  query BenchThreeLevels {\n    partners(first: 10, orderBy: { field: CODE, direction: ASC }) {\n      edges { node {\n        code name\n        agreements(first: 5) {\n          edges { node { id title timeline(first: 3, orderBy: { direction: DESC }) { edges { node { id title occurredOn } } } } }\n        }\n      } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MigratedApp {\n          stats { totals { partners agreements countedInOfficialList } }\n        }\n      "): (typeof documents)["\n        query MigratedApp {\n          stats { totals { partners agreements countedInOfficialList } }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeLookupIds {\n    agreements(first: 1, filter: { partnerCode: [\"US\"], status: [SIGNED] }) { edges { node { id } } }\n    timeline(first: 1, filter: { partnerCode: [\"US\"], kind: [SIGNING] }) { edges { node { id } } }\n    partner(code: \"US\") { id }\n  }\n"): (typeof documents)["\n  query NodeLookupIds {\n    agreements(first: 1, filter: { partnerCode: [\"US\"], status: [SIGNED] }) { edges { node { id } } }\n    timeline(first: 1, filter: { partnerCode: [\"US\"], kind: [SIGNING] }) { edges { node { id } } }\n    partner(code: \"US\") { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Agreement { reference signedOn }\n      ... on Partner { code name }\n      ... on TimelineEvent { reference title }\n    }\n  }\n"): (typeof documents)["\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Agreement { reference signedOn }\n      ... on Partner { code name }\n      ... on TimelineEvent { reference title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Agreement { reference }\n      ... on Partner { code }\n      ... on TimelineEvent { reference }\n    }\n  }\n"): (typeof documents)["\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Agreement { reference }\n      ... on Partner { code }\n      ... on TimelineEvent { reference }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementById($id: ID!) {\n    agreement(id: $id) { id reference title }\n  }\n"): (typeof documents)["\n  query AgreementById($id: ID!) {\n    agreement(id: $id) { id reference title }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderedAgreements($orderBy: AgreementOrder) {\n    agreements(first: 100, orderBy: $orderBy) { edges { node { reference signedOn title } } }\n  }\n"): (typeof documents)["\n  query OrderedAgreements($orderBy: AgreementOrder) {\n    agreements(first: 100, orderBy: $orderBy) { edges { node { reference signedOn title } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderedPartners($orderBy: PartnerOrder) {\n    partners(first: 100, orderBy: $orderBy) { edges { node { code name } } }\n  }\n"): (typeof documents)["\n  query OrderedPartners($orderBy: PartnerOrder) {\n    partners(first: 100, orderBy: $orderBy) { edges { node { code name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderedTimeline($orderBy: TimelineOrder) {\n    timeline(first: 100, orderBy: $orderBy) { edges { node { reference occurredOn } } }\n  }\n"): (typeof documents)["\n  query OrderedTimeline($orderBy: TimelineOrder) {\n    timeline(first: 100, orderBy: $orderBy) { edges { node { reference occurredOn } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaginationPartners($first: Int, $after: String, $last: Int, $before: String, $orderBy: PartnerOrder) {\n    partners(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {\n      totalCount\n      edges { cursor node { code } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PaginationPartners($first: Int, $after: String, $last: Int, $before: String, $orderBy: PartnerOrder) {\n    partners(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {\n      totalCount\n      edges { cursor node { code } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaginationAgreements(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $orderBy: AgreementOrder\n    $filter: AgreementFilter\n  ) {\n    agreements(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      edges { cursor node { reference signedOn } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PaginationAgreements(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $orderBy: AgreementOrder\n    $filter: AgreementFilter\n  ) {\n    agreements(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {\n      totalCount\n      edges { cursor node { reference signedOn } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaginationTimeline($first: Int, $after: String, $last: Int, $before: String) {\n    timeline(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PaginationTimeline($first: Int, $after: String, $last: Int, $before: String) {\n    timeline(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges { cursor node { reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageInfoInPart {\n    agreements(first: 100) {\n      edges {\n        node {\n          reference\n          lean: timeline(first: 1) { edges { node { reference } } }\n          probed: timeline(first: 1) { pageInfo { ...HasNext } edges { node { reference } } }\n          all: timeline(first: 100) { totalCount }\n        }\n      }\n    }\n    lastTwo: agreements(last: 2) { pageInfo { hasPreviousPage } edges { node { reference } } }\n  }\n  fragment HasNext on PageInfo { hasNextPage }\n"): (typeof documents)["\n  query PageInfoInPart {\n    agreements(first: 100) {\n      edges {\n        node {\n          reference\n          lean: timeline(first: 1) { edges { node { reference } } }\n          probed: timeline(first: 1) { pageInfo { ...HasNext } edges { node { reference } } }\n          all: timeline(first: 100) { totalCount }\n        }\n      }\n    }\n    lastTwo: agreements(last: 2) { pageInfo { hasPreviousPage } edges { node { reference } } }\n  }\n  fragment HasNext on PageInfo { hasNextPage }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredPartners($filter: PartnerFilter) {\n    partners(first: 100, filter: $filter) {\n      totalCount\n      edges { node { code name kind memberships } }\n    }\n  }\n"): (typeof documents)["\n  query FilteredPartners($filter: PartnerFilter) {\n    partners(first: 100, filter: $filter) {\n      totalCount\n      edges { node { code name kind memberships } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerByCode($code: CountryCode!) {\n    partner(code: $code) { code name kind memberships membershipsAsOf }\n  }\n"): (typeof documents)["\n  query PartnerByCode($code: CountryCode!) {\n    partner(code: $code) { code name kind memberships membershipsAsOf }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadPathsNewestEvent($filter: AgreementFilter, $direction: OrderDirection!) {\n    agreements(first: 1, filter: $filter) {\n      edges { node { reference timeline(first: 1, orderBy: { direction: $direction }) { edges { node { title occurredOn } } } } }\n    }\n  }\n"): (typeof documents)["\n  query ReadPathsNewestEvent($filter: AgreementFilter, $direction: OrderDirection!) {\n    agreements(first: 1, filter: $filter) {\n      edges { node { reference timeline(first: 1, orderBy: { direction: $direction }) { edges { node { title occurredOn } } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReadPathsAddEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename ... on AddTimelineEventPayload { timelineEvent { id } } }\n  }\n"): (typeof documents)["\n  mutation ReadPathsAddEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename ... on AddTimelineEventPayload { timelineEvent { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadPathsLeanAndFull {\n    lean: agreements(first: 3) { edges { node { id title } } }\n    full: agreements(first: 3) {\n      edges { node {\n        id title status allowedTransitions areas signedOn expectedSigningWindow { from to } partner { code name memberships } ...ReadPathsMore\n      } }\n    }\n  }\n  fragment ReadPathsMore on Agreement { sources createdAt partner { kind sources } }\n"): (typeof documents)["\n  query ReadPathsLeanAndFull {\n    lean: agreements(first: 3) { edges { node { id title } } }\n    full: agreements(first: 3) {\n      edges { node {\n        id title status allowedTransitions areas signedOn expectedSigningWindow { from to } partner { code name memberships } ...ReadPathsMore\n      } }\n    }\n  }\n  fragment ReadPathsMore on Agreement { sources createdAt partner { kind sources } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadPathsOneAgreementThreeWays($id: ID!) {\n    agreement(id: $id) { id title partner { code name kind } }\n    node(id: $id) { ... on Agreement { id title partner { code name kind } } }\n    agreements(first: 1) { edges { node { id title partner { code name kind } } } }\n  }\n"): (typeof documents)["\n  query ReadPathsOneAgreementThreeWays($id: ID!) {\n    agreement(id: $id) { id title partner { code name kind } }\n    node(id: $id) { ... on Agreement { id title partner { code name kind } } }\n    agreements(first: 1) { edges { node { id title partner { code name kind } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerAgreements(\n    $code: CountryCode!\n    $first: Int\n    $after: String\n    $status: [AgreementStatus!]\n    $orderBy: AgreementOrder\n  ) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, after: $after, status: $status, orderBy: $orderBy) {\n        totalCount\n        edges { cursor node { reference status partner { code } } }\n        pageInfo { hasNextPage hasPreviousPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerAgreements(\n    $code: CountryCode!\n    $first: Int\n    $after: String\n    $status: [AgreementStatus!]\n    $orderBy: AgreementOrder\n  ) {\n    partner(code: $code) {\n      name\n      agreements(first: $first, after: $after, status: $status, orderBy: $orderBy) {\n        totalCount\n        edges { cursor node { reference status partner { code } } }\n        pageInfo { hasNextPage hasPreviousPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllPartnersAgreements {\n    partners(first: 100) {\n      edges { node { code agreements(first: 1) { totalCount edges { node { reference } } } } }\n    }\n  }\n"): (typeof documents)["\n  query AllPartnersAgreements {\n    partners(first: 100) {\n      edges { node { code agreements(first: 1) { totalCount edges { node { reference } } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementWithTimeline($filter: AgreementFilter, $first: Int, $after: String, $orderBy: TimelineOrder) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          partner { code name kind }\n          timeline(first: $first, after: $after, orderBy: $orderBy) {\n            totalCount\n            edges { cursor node { reference occurredOn } }\n            pageInfo { hasNextPage hasPreviousPage endCursor }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgreementWithTimeline($filter: AgreementFilter, $first: Int, $after: String, $orderBy: TimelineOrder) {\n    agreements(first: 100, filter: $filter) {\n      edges {\n        node {\n          reference\n          partner { code name kind }\n          timeline(first: $first, after: $after, orderBy: $orderBy) {\n            totalCount\n            edges { cursor node { reference occurredOn } }\n            pageInfo { hasNextPage hasPreviousPage endCursor }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventLinks($from: Date!, $to: Date!) {\n    timeline(first: 100, filter: { from: $from, to: $to }) {\n      edges { node { reference partners { code } agreements { reference partner { code } } } }\n    }\n  }\n"): (typeof documents)["\n  query EventLinks($from: Date!, $to: Date!) {\n    timeline(first: 100, filter: { from: $from, to: $to }) {\n      edges { node { reference partners { code } agreements { reference partner { code } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sources {\n    partners(first: 100) { edges { node { code sources } } }\n    agreements(first: 100) { edges { node { reference sources } } }\n    timeline(first: 100) { edges { node { reference sources } } }\n  }\n"): (typeof documents)["\n  query Sources {\n    partners(first: 100) { edges { node { code sources } } }\n    agreements(first: 100) { edges { node { reference sources } } }\n    timeline(first: 100) { edges { node { reference sources } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Stats {\n    stats {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n"): (typeof documents)["\n  query Stats {\n    stats {\n      totals { partners agreements countedInOfficialList }\n      byStatus { status count }\n      byMembership { membership partners signed }\n      signingsByMonth { month count }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatsTotalsOnly {\n    stats { totals { agreements } }\n  }\n"): (typeof documents)["\n  query StatsTotalsOnly {\n    stats { totals { agreements } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineFilterAgreementIds {\n    agreements(first: 100) { edges { node { id reference } } }\n  }\n"): (typeof documents)["\n  query TimelineFilterAgreementIds {\n    agreements(first: 100) { edges { node { id reference } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredTimeline($filter: TimelineFilter) {\n    timeline(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference occurredOn datePrecision dateText kind } }\n    }\n  }\n"): (typeof documents)["\n  query FilteredTimeline($filter: TimelineFilter) {\n    timeline(first: 100, filter: $filter) {\n      totalCount\n      edges { node { reference occurredOn datePrecision dateText kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApolloList {\n    agreements(first: 50, filter: { status: [NEGOTIATING] }) {\n      edges { node { id title status version } }\n    }\n  }\n"): (typeof documents)["\n  query ApolloList {\n    agreements(first: 50, filter: { status: [NEGOTIATING] }) {\n      edges { node { id title status version } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApolloNode($id: ID!) {\n    node(id: $id) { id ... on Agreement { title status version signedOn } }\n  }\n"): (typeof documents)["\n  query ApolloNode($id: ID!) {\n    node(id: $id) { id ... on Agreement { title status version signedOn } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApolloTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { from to cursor agreement { id status version signedOn } }\n      ... on InvalidTransitionError { from to allowed }\n      ... on Error { message code }\n    }\n  }\n"): (typeof documents)["\n  mutation ApolloTransition($input: TransitionAgreementInput!) {\n    transitionAgreement(input: $input) {\n      __typename\n      ... on AgreementStatusChange { from to cursor agreement { id status version signedOn } }\n      ... on InvalidTransitionError { from to allowed }\n      ... on Error { message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription ApolloSignings($after: String) {\n      agreementSigned(after: $after) { cursor agreement { id title } }\n    }\n  "): (typeof documents)["\n    subscription ApolloSignings($after: String) {\n      agreementSigned(after: $after) { cursor agreement { id title } }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UrqlStats { stats { totals { partners agreements } } }\n"): (typeof documents)["\n  query UrqlStats { stats { totals { partners agreements } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UrqlCreate($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message code }\n    }\n  }\n"): (typeof documents)["\n  mutation UrqlCreate($input: CreateAgreementInput!) {\n    createAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id status version } }\n      ... on Error { message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription UrqlSignings($after: String) {\n    agreementSigned(after: $after) { cursor agreement { id title } }\n  }\n"): (typeof documents)["\n  subscription UrqlSignings($after: String) {\n    agreementSigned(after: $after) { cursor agreement { id title } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveAgreementCount($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode] }, first: 1) { totalCount }\n  }\n"): (typeof documents)["\n  query LiveAgreementCount($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode] }, first: 1) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation LiveSignOverWebSocket($input: TransitionAgreementInput!) {\n          transitionAgreement(input: $input) { __typename }\n        }\n      "): (typeof documents)["\n        mutation LiveSignOverWebSocket($input: TransitionAgreementInput!) {\n          transitionAgreement(input: $input) { __typename }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditAgreementFields($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { title notes durationYears areas version } }\n    }\n  }\n"): (typeof documents)["\n  mutation EditAgreementFields($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { title notes durationYears areas version } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConcurrentEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ConcurrentEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on VersionConflictError { expectedVersion actualVersion }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BusAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) {\n      __typename\n      ... on AddTimelineEventPayload { timelineEvent { id } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation BusAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) {\n      __typename\n      ... on AddTimelineEventPayload { timelineEvent { id } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveStats @live {\n    cursor\n    stats { byStatus { status count } }\n  }\n"): (typeof documents)["\n  query LiveStats @live {\n    cursor\n    stats { byStatus { status count } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n"): (typeof documents)["\n  query LiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveAgreementTitle($id: ID!) @live {\n    agreement(id: $id) { id title version }\n  }\n"): (typeof documents)["\n  query LiveAgreementTitle($id: ID!) @live {\n    agreement(id: $id) { id title version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveAgreementsOf($partnerCode: [CountryCode!]) @live {\n    agreements(first: 100, filter: { partnerCode: $partnerCode }) { totalCount edges { node { id title } } }\n  }\n"): (typeof documents)["\n  query LiveAgreementsOf($partnerCode: [CountryCode!]) @live {\n    agreements(first: 100, filter: { partnerCode: $partnerCode }) { totalCount edges { node { id title } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LivePartner($code: CountryCode!) @live {\n    partner(code: $code) { id name notes }\n  }\n"): (typeof documents)["\n  query LivePartner($code: CountryCode!) @live {\n    partner(code: $code) { id name notes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LivePartnerTotal @live {\n    stats { totals { partners } }\n  }\n"): (typeof documents)["\n  query LivePartnerTotal @live {\n    stats { totals { partners } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation LiveEditAgreement($input: UpdateAgreementInput!) {\n    updateAgreement(input: $input) {\n      __typename\n      ... on AgreementPayload { agreement { id title version } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveEditPartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code notes } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation LiveEditPartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code notes } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveNewPartner($input: CreatePartnerInput!) {\n    createPartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation LiveNewPartner($input: CreatePartnerInput!) {\n    createPartner(input: $input) {\n      __typename\n      ... on PartnerPayload { partner { code } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveSignedAgreementOf($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode], status: [SIGNED] }, first: 1) {\n      edges { node { id version } }\n    }\n  }\n"): (typeof documents)["\n  query LiveSignedAgreementOf($partnerCode: CountryCode!) {\n    agreements(filter: { partnerCode: [$partnerCode], status: [SIGNED] }, first: 1) {\n      edges { node { id version } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSnapshotRace {\n    cursor\n    stats { byStatus { status count } }\n    agreements(first: 100, filter: { status: SIGNED }) { totalCount edges { node { id } } }\n    timeline(first: 1) { totalCount }\n  }\n"): (typeof documents)["\n  query DashboardSnapshotRace {\n    cursor\n    stats { byStatus { status count } }\n    agreements(first: 100, filter: { status: SIGNED }) { totalCount edges { node { id } } }\n    timeline(first: 1) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SnapshotAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename }\n  }\n"): (typeof documents)["\n  mutation SnapshotAddTimelineEvent($input: AddTimelineEventInput!) {\n    addTimelineEvent(input: $input) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkersLiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n"): (typeof documents)["\n  query WorkersLiveAgreement($id: ID!) @live {\n    agreement(id: $id) { id status version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpsLiveTotals @live {\n    stats { totals { agreements } }\n  }\n"): (typeof documents)["\n  query OpsLiveTotals @live {\n    stats { totals { agreements } }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementTotal {\n    agreements(first: 1) { totalCount }\n  }\n"): (typeof documents)["\n  query AgreementTotal {\n    agreements(first: 1) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      version\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n"): (typeof documents)["\n  subscription LiveAgreementSigned($partnerCode: CountryCode, $after: String) {\n    agreementSigned(partnerCode: $partnerCode, after: $after) {\n      cursor\n      sequence\n      from\n      to\n      effectiveDate\n      version\n      occurredAt\n      agreement { id status signedOn version }\n    }\n  }\n"];
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
export function graphql(source: "\n  subscription StatusChanges($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to }\n  }\n"): (typeof documents)["\n  subscription StatusChanges($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StatusChangesWithAgreement($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to agreement { id status } }\n  }\n"): (typeof documents)["\n  subscription StatusChangesWithAgreement($after: String) {\n    agreementStatusChanged(after: $after) { cursor sequence from to agreement { id status } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;