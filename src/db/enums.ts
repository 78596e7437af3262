/**
 * The closed vocabularies of the text columns, as the CHECK constraints in migrations/ spell them
 * (migrations never import this: they are frozen in time). Table types, GraphQL enums, the seed
 * and the event payloads take their values from here, so none of them casts a string.
 */

/** In state-machine order (agreement-status.ts); dashboards list them in this order. */
export const AGREEMENT_STATUSES = ['NEGOTIATING', 'STALLED', 'SIGNED', 'ABANDONED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Areas of cooperation: the seed report's controlled vocabulary. */
export const AREAS = [
  'accountability',
  'air_force_air_defence',
  'cbrn',
  'children_return',
  'compensation',
  'consultation_mechanism_24h',
  'critical_infrastructure',
  'cultural_heritage',
  'cyber',
  'defence_industry',
  'demining',
  'disinformation',
  'economic',
  'energy',
  'eu_nato_integration',
  'financial',
  'humanitarian',
  'hybrid_threats',
  'intelligence',
  'maritime',
  'medical',
  'military',
  'organized_crime',
  'peace_formula',
  'reconstruction',
  'reforms',
  'sanctions',
  'training',
  'veterans',
] as const;
export type Area = (typeof AREAS)[number];

export const PARTNER_KINDS = ['STATE', 'ORGANISATION'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const MEMBERSHIPS = ['NATO', 'EU', 'G7', 'NORDIC', 'BALTIC'] as const;
export type Membership = (typeof MEMBERSHIPS)[number];

export const CONFIDENCES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const TIMELINE_EVENT_KINDS = [
  'FRAMEWORK',
  'NEGOTIATION',
  'STATEMENT',
  'SIGNING',
  'STATUS_CHANGE',
  'RELATED',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export const DATE_PRECISIONS = ['DAY', 'MONTH'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** The event log's topics; events/event-topics.ts gives each its payload. */
export const EVENT_TOPICS = [
  'AGREEMENT_STATUS_CHANGED',
  'TIMELINE_EVENT_ADDED',
  'AGREEMENT_CREATED',
  'AGREEMENT_UPDATED',
  'PARTNER_CHANGED',
] as const;
export type EventTopic = (typeof EVENT_TOPICS)[number];

/** Whether `value` is one of `values`: narrows text read from outside (a dataset, a JSON payload). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return values.some((known) => known === value);
}
