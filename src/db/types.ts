/**
 * Table types for Kysely, in one place. Column names are camelCase here because the database is
 * opened with CamelCasePlugin; the SQL schema (migrations/) uses snake_case.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `date` columns are parsed as 'YYYY-MM-DD' strings by both drivers (see db/database.ts). */
export type DateString = string;
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export interface Person {
  name: string;
  office: string | null;
}

export interface PartnersTable {
  code: string;
  name: string;
  kind: 'STATE' | 'ORGANISATION';
  memberships: ColumnType<string[], string[] | undefined, string[]>;
  membershipsAsOf: DateString | null;
  confidence: string | null;
  notes: string | null;
  sources: ColumnType<string[], string[] | undefined, string[]>;
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
  status: Generated<string>;
  signedOn: DateString | null;
  place: string | null;
  ukraineSignatory: ColumnType<Person | null, string | null, string | null>;
  partnerSignatories: ColumnType<Person[], string | undefined, string>;
  durationYears: number | null;
  durationNote: string | null;
  areas: ColumnType<string[], string[] | undefined, string[]>;
  areasDetail: string | null;
  expectedFrom: DateString | null;
  expectedTo: DateString | null;
  expectedLabel: string | null;
  expectedSources: ColumnType<string[], string[] | undefined, string[]>;
  framework: string | null;
  sequenceReported: number | null;
  sequenceNote: string | null;
  countedInOfficialList: Generated<boolean>;
  classificationDisputed: Generated<boolean>;
  confidence: string | null;
  notes: string | null;
  sources: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  reference: string | null;
  occurredOn: DateString;
  datePrecision: 'DAY' | 'MONTH';
  dateText: string | null;
  kind: string;
  title: string;
  description: string | null;
  place: string | null;
  confidence: string | null;
  notes: string | null;
  sources: ColumnType<string[], string[] | undefined, string[]>;
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
  topic: string;
  agreementId: number | null;
  timelineEventId: number | null;
  payload: ColumnType<Record<string, unknown>, string, never>;
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
}

export type PartnerRow = Selectable<PartnersTable>;
export type NewPartnerRow = Insertable<PartnersTable>;
export type PartnerUpdate = Updateable<PartnersTable>;
/** `partner` is there when the query that read the agreement joined its partner (agreement.repository.ts). */
export type AgreementRow = Selectable<AgreementsTable> & { partner?: PartnerRow };
export type NewAgreementRow = Insertable<AgreementsTable>;
export type AgreementUpdate = Updateable<AgreementsTable>;
export type TimelineEventRow = Selectable<TimelineEventsTable>;
export type NewTimelineEventRow = Insertable<TimelineEventsTable>;
export type EventLogRow = Selectable<EventLogTable>;
