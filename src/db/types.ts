/**
 * Table types for Kysely, in one place. Column names are camelCase here because the database is
 * opened with CamelCasePlugin; the SQL schema (migrations/) uses snake_case.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AgreementStatus,
  Area,
  Confidence,
  DatePrecision,
  EventTopic,
  Membership,
  PartnerKind,
  TimelineEventKind,
} from './enums';

/** `date` columns are parsed as 'YYYY-MM-DD' strings by both drivers (see db/database.ts). */
export type DateString = string;
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;
/** A `text[]` column with a default, written whole. */
type ListOf<T> = ColumnType<T[], T[] | undefined, T[]>;

export interface Person {
  name: string;
  office: string | null;
}

export interface PartnersTable {
  code: string;
  name: string;
  kind: PartnerKind;
  memberships: ListOf<Membership>;
  membershipsAsOf: DateString | null;
  confidence: Confidence | null;
  notes: string | null;
  sources: ListOf<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface AgreementsTable {
  id: Generated<number>;
  reference: string | null;
  partnerCode: string;
  title: string | null;
  titleVerbatim: Generated<boolean>;
  titleNote: string | null;
  status: Generated<AgreementStatus>;
  signedOn: DateString | null;
  place: string | null;
  ukraineSignatory: ColumnType<Person | null, string | null, string | null>;
  partnerSignatories: ColumnType<Person[], string | undefined, string>;
  durationYears: number | null;
  durationNote: string | null;
  areas: ListOf<Area>;
  areasDetail: string | null;
  expectedFrom: DateString | null;
  expectedTo: DateString | null;
  expectedLabel: string | null;
  expectedSources: ListOf<string>;
  /** When the expected window was named; null when unknown. */
  expectedStatedOn: DateString | null;
  framework: string | null;
  sequenceReported: number | null;
  sequenceNote: string | null;
  countedInOfficialList: Generated<boolean>;
  classificationDisputed: Generated<boolean>;
  confidence: Confidence | null;
  notes: string | null;
  sources: ListOf<string>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  reference: string | null;
  occurredOn: DateString;
  datePrecision: DatePrecision;
  dateText: string | null;
  kind: TimelineEventKind;
  title: string;
  description: string | null;
  place: string | null;
  confidence: Confidence | null;
  notes: string | null;
  sources: ListOf<string>;
  createdAt: CreatedAt;
}

export interface TimelineEventPartnersTable {
  eventId: number;
  partnerCode: string;
}

export interface TimelineEventAgreementsTable {
  eventId: number;
  agreementId: number;
  /** The event's date, copied by a trigger so an agreement's timeline pages off one index. */
  occurredOn: ColumnType<DateString, never, never>;
}

export interface EventLogTable {
  sequence: Generated<number>;
  topic: EventTopic;
  agreementId: number | null;
  timelineEventId: number | null;
  /** Read as the driver parsed the JSON: events/event-log.repository.ts parses it into an event. */
  payload: ColumnType<unknown, string, never>;
  /** The writer's W3C traceparent, when it was traced (observability/). */
  traceParent: ColumnType<string | null, string | null | undefined, never>;
  /** clock_timestamp() at the insert, after the log lock: close to the commit (metrics). */
  createdAt: CreatedAt;
}

/** Every status an agreement has had; see migrations/2026-11-30T12-00-00_agreement_status_history. */
export interface AgreementStatusHistoryTable {
  id: Generated<number>;
  agreementId: number;
  status: AgreementStatus;
  effectiveOn: DateString;
  /** When the next row took effect; null for the current status. Kept by history.repository.ts. */
  supersededOn: Generated<DateString | null>;
  inferred: Generated<boolean>;
  eventSequence: number | null;
  sources: ListOf<string>;
  createdAt: CreatedAt;
  /** W3C traceparent of the writing request, when it was traced. */
  traceParent: ColumnType<string | null, string | null | undefined, never>;
}

export interface DB {
  partners: PartnersTable;
  agreements: AgreementsTable;
  timelineEvents: TimelineEventsTable;
  timelineEventPartners: TimelineEventPartnersTable;
  timelineEventAgreements: TimelineEventAgreementsTable;
  eventLog: EventLogTable;
  agreementStatusHistory: AgreementStatusHistoryTable;
}

/** `asOf`: the row was read as of that day (history.repository.ts); fields below it answer for the same day. */
export type PartnerRow = Selectable<PartnersTable> & { asOf?: DateString };
export type NewPartnerRow = Insertable<PartnersTable>;
export type PartnerUpdate = Updateable<PartnersTable>;
/** `partner` is there when the query that read the agreement joined its partner (agreement.repository.ts). */
export type AgreementRow = Selectable<AgreementsTable> & { partner?: PartnerRow; asOf?: DateString };
export type NewAgreementRow = Insertable<AgreementsTable>;
export type AgreementUpdate = Updateable<AgreementsTable>;
/** `partners`: the event's partners when a list query embedded them (timeline.repository.ts). */
export type TimelineEventRow = Selectable<TimelineEventsTable> & {
  /** Read with a page of events when asked for (the partners' columns as JSON). */
  partners?: PartnerRow[];
  /** Read with a page of events when the ids are all that is read of its agreements. */
  agreementIds?: number[];
};
export type NewTimelineEventRow = Insertable<TimelineEventsTable>;
export type EventLogRow = Selectable<EventLogTable>;
export type StatusRecordRow = Selectable<AgreementStatusHistoryTable>;
