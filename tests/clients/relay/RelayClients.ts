// Documents as a Relay app writes them, compiled by relay-compiler in tests/clients/relay.test.ts
// against the committed schema.graphql. They never name a connection or edge type, so they hold
// whatever the schema calls those. (`graphql` here is only the tag relay-compiler looks for.)
const graphql = String.raw;

export const documents = [
  graphql`
    query RelayClientsAgreementsQuery($first: Int = 3, $last: Int, $after: String, $before: String) {
      ...RelayClientsAgreementList_query @arguments(first: $first, last: $last, after: $after, before: $before)
    }
  `,
  graphql`
    fragment RelayClientsAgreementList_query on Query
    @argumentDefinitions(
      first: { type: "Int" }
      last: { type: "Int" }
      after: { type: "String" }
      before: { type: "String" }
    )
    @refetchable(queryName: "RelayClientsAgreementListPaginationQuery") {
      agreements(first: $first, last: $last, after: $after, before: $before)
        @connection(key: "RelayClientsAgreementList_agreements") {
        edges { node { ...RelayClientsAgreement_agreement } }
      }
    }
  `,
  graphql`
    fragment RelayClientsAgreement_agreement on Agreement @refetchable(queryName: "RelayClientsAgreementRefetchQuery") {
      id
      title
      status
      signedOn
      version
      partner { ...RelayClientsPartner_partner }
    }
  `,
  graphql`
    fragment RelayClientsPartner_partner on Partner
    @argumentDefinitions(count: { type: "Int", defaultValue: 2 }, cursor: { type: "String" })
    @refetchable(queryName: "RelayClientsPartnerAgreementsPaginationQuery") {
      id
      code
      name
      agreements(first: $count, after: $cursor) @connection(key: "RelayClientsPartner_agreements") {
        edges { node { id title } }
      }
    }
  `,
  graphql`
    query RelayClientsPartnerQuery($code: CountryCode!) {
      partner(code: $code) { ...RelayClientsPartner_partner }
    }
  `,
  graphql`
    mutation RelayClientsTransitionMutation($input: TransitionAgreementInput!) {
      transitionAgreement(input: $input) {
        __typename
        ... on AgreementStatusChange { from to cursor agreement { ...RelayClientsAgreement_agreement } }
        ... on InvalidTransitionError { from to allowed }
        ... on Error { message code }
      }
    }
  `,
  graphql`
    subscription RelayClientsSignedSubscription($after: String) {
      agreementSigned(after: $after) { cursor agreement { id status } }
    }
  `,
];
