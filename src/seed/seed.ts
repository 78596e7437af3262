/**
 * Loads the sourced dataset in data/ (a copy of the project's research, never read from outside
 * the repository). Idempotent: rows are inserted only where their code or reference is missing, so
 * a second run changes nothing and edits made through the API are never overwritten.
 */
import { readFileSync } from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import {
  type AgreementStatus,
  AREAS,
  CONFIDENCES,
  type Confidence,
  isOneOf,
  MEMBERSHIPS,
  TIMELINE_EVENT_KINDS,
} from '../db/enums';
import type { DB } from '../db/types';
import { type StatusChanges, seedStatusHistory } from './status-history';

const dataFile = (name: string) => new URL(`../../data/${name}`, import.meta.url);

interface SourcedPerson {
  name: string;
  office: string | null;
}
interface DatasetPartner {
  code: string;
  name: string;
  type: 'state' | 'organisation';
  memberships_at_signing: Record<'nato' | 'eu' | 'g7' | 'nordic' | 'baltic', boolean | null>;
  memberships_as_of: string | null;
  confidence: string;
  notes: string | null;
  sources: string[];
}
export interface DatasetAgreement {
  id: string;
  partner_code: string;
  status: string;
  title: string | null;
  title_verbatim: boolean;
  title_note: string | null;
  signing_date: string | null;
  place: string | null;
  ukraine_signatory: SourcedPerson | null;
  partner_signatories: SourcedPerson[];
  intended_signatory?: SourcedPerson;
  duration_years: number | null;
  duration_note: string | null;
  areas: string[];
  areas_detail: string | null;
  framework: string | null;
  sequence_reported: number | null;
  sequence_note?: string;
  counted_in_official_ukrainian_list: boolean;
  confidence: string;
  notes: string | null;
  sources: string[];
}
export interface DatasetEvent {
  id: string;
  date: string | null;
  date_text?: string;
  date_precision: 'day' | 'month';
  type: string;
  title: string;
  location: string | null;
  description: string | null;
  related_partner_codes: string[];
  related_agreement_ids: string[];
  confidence: string;
  notes?: string | null;
  sources: string[];
}
export interface Dataset {
  partners: DatasetPartner[];
  agreements: DatasetAgreement[];
  events: DatasetEvent[];
}
interface ExpectedWindow {
  agreement_id: string;
  from: string;
  to: string;
  statement_event_id: string;
  label: string;
  sources: string[];
}

export function readDataset(): Dataset {
  return JSON.parse(readFileSync(dataFile('security-agreements.json'), 'utf8')) as Dataset;
}

function readExpectedWindows(): Map<string, ExpectedWindow> {
  const { windows } = JSON.parse(readFileSync(dataFile('expected-signing-windows.json'), 'utf8')) as {
    windows: ExpectedWindow[];
  };
  return new Map(windows.map((window) => [window.agreement_id, window]));
}

/** The dataset's status vocabulary is richer than the state machine; the nuance is kept in flags. */
function mapStatus(status: string): { status: AgreementStatus; classificationDisputed: boolean } {
  switch (status) {
    case 'signed':
      return { status: 'SIGNED', classificationDisputed: false };
    case 'signed_disputed_classification':
      return { status: 'SIGNED', classificationDisputed: true };
    case 'signing_aborted_pending':
      return { status: 'STALLED', classificationDisputed: false };
    case 'under_negotiation':
    case 'under_negotiation_reported':
      return { status: 'NEGOTIATING', classificationDisputed: false };
    default:
      throw new Error(`seed: unknown agreement status "${status}"`);
  }
}

/** Month-precision events carry date=null and date_text "YYYY-MM ..."; they sort as the 1st. */
function eventDate(event: DatasetEvent): string {
  if (event.date) return event.date;
  const month = /^(\d{4}-\d{2})/.exec(event.date_text ?? '');
  if (!month) throw new Error(`seed: event ${event.id} has neither date nor a YYYY-MM date_text`);
  return `${month[1]}-01`;
}

/** A dataset value in a column's vocabulary; the seed stops at one the table would refuse. */
export function known<T extends string>(values: readonly T[], value: string, what: string): T {
  if (!isOneOf(values, value)) throw new Error(`seed: unknown ${what} "${value}"`);
  return value;
}

const confidence = (value: string | null | undefined): Confidence | null =>
  value ? known(CONFIDENCES, value.toUpperCase(), 'confidence') : null;

export interface SeedResult {
  partners: number;
  agreements: number;
  timelineEvents: number;
}

/** Whether the database holds no partner, agreement or timeline event yet (a first start). */
export async function holdsNoData(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('partners').select('code')).as('partners'),
      eb.exists(eb.selectFrom('agreements').select('id')).as('agreements'),
      eb.exists(eb.selectFrom('timelineEvents').select('id')).as('timelineEvents'),
    ])
    .executeTakeFirstOrThrow();
  return !row.partners && !row.agreements && !row.timelineEvents;
}

export async function seed(db: Kysely<DB>, dataset: Dataset = readDataset()): Promise<SeedResult> {
  return db.transaction().execute((trx) => seedInTransaction(trx, dataset));
}

async function seedInTransaction(trx: Transaction<DB>, dataset: Dataset): Promise<SeedResult> {
  const windows = readExpectedWindows();
  const eventsById = new Map(dataset.events.map((event) => [event.id, event]));
  const statedOn = (window: ExpectedWindow) => {
    const statement = eventsById.get(window.statement_event_id);
    if (!statement)
      throw new Error(`seed: the window of ${window.agreement_id} cites unknown event ${window.statement_event_id}`);
    return eventDate(statement);
  };

  const partners = await trx
    .insertInto('partners')
    .values(
      dataset.partners.map((partner) => ({
        code: partner.code,
        name: partner.name,
        kind: partner.type === 'organisation' ? ('ORGANISATION' as const) : ('STATE' as const),
        memberships: Object.entries(partner.memberships_at_signing)
          .filter(([, member]) => member === true)
          .map(([group]) => known(MEMBERSHIPS, group.toUpperCase(), 'membership')),
        membershipsAsOf: partner.memberships_as_of,
        confidence: confidence(partner.confidence),
        notes: partner.notes,
        sources: partner.sources,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();

  const agreements = await trx
    .insertInto('agreements')
    .values(
      dataset.agreements.map((agreement) => {
        const window = windows.get(agreement.id);
        const notes = [
          agreement.notes,
          agreement.intended_signatory &&
            `Intended partner signatory: ${agreement.intended_signatory.name} (${agreement.intended_signatory.office}).`,
        ].filter(Boolean);
        return {
          reference: agreement.id,
          partnerCode: agreement.partner_code,
          title: agreement.title,
          titleVerbatim: agreement.title_verbatim,
          titleNote: agreement.title_note,
          ...mapStatus(agreement.status),
          signedOn: agreement.signing_date,
          place: agreement.place,
          ukraineSignatory: agreement.ukraine_signatory ? JSON.stringify(agreement.ukraine_signatory) : null,
          partnerSignatories: JSON.stringify(agreement.partner_signatories),
          durationYears: agreement.duration_years,
          durationNote: agreement.duration_note,
          areas: agreement.areas.map((area) => known(AREAS, area, 'area')),
          areasDetail: agreement.areas_detail,
          expectedFrom: window?.from ?? null,
          expectedTo: window?.to ?? null,
          expectedLabel: window?.label ?? null,
          expectedSources: window?.sources ?? [],
          expectedStatedOn: window ? statedOn(window) : null,
          framework: agreement.framework,
          sequenceReported: agreement.sequence_reported,
          sequenceNote: agreement.sequence_note ?? null,
          countedInOfficialList: agreement.counted_in_official_ukrainian_list,
          confidence: confidence(agreement.confidence),
          notes: notes.length ? notes.join(' ') : null,
          sources: agreement.sources,
        };
      }),
    )
    .onConflict((oc) => oc.column('reference').doNothing())
    .returning('id')
    .execute();

  const events = await trx
    .insertInto('timelineEvents')
    .values(
      dataset.events.map((event) => ({
        reference: event.id,
        occurredOn: eventDate(event),
        datePrecision: event.date_precision === 'month' ? ('MONTH' as const) : ('DAY' as const),
        dateText: event.date_text ?? null,
        kind: known(TIMELINE_EVENT_KINDS, event.type.toUpperCase(), 'event type'),
        title: event.title,
        description: event.description,
        place: event.location,
        confidence: confidence(event.confidence),
        notes: event.notes ?? null,
        sources: event.sources,
      })),
    )
    .onConflict((oc) => oc.column('reference').doNothing())
    .returning('id')
    .execute();

  const agreementIds = new Map(
    (await trx.selectFrom('agreements').select(['id', 'reference']).where('reference', 'is not', null).execute()).map(
      (row) => [row.reference!, row.id],
    ),
  );
  const eventIds = new Map(
    (
      await trx.selectFrom('timelineEvents').select(['id', 'reference']).where('reference', 'is not', null).execute()
    ).map((row) => [row.reference!, row.id]),
  );
  const eventPartners = dataset.events.flatMap((event) =>
    event.related_partner_codes.map((partnerCode) => ({ eventId: eventIds.get(event.id)!, partnerCode })),
  );
  const eventAgreements = dataset.events.flatMap((event) =>
    event.related_agreement_ids.map((reference) => {
      const agreementId = agreementIds.get(reference);
      if (agreementId === undefined) throw new Error(`seed: event ${event.id} names unknown agreement ${reference}`);
      return { eventId: eventIds.get(event.id)!, agreementId };
    }),
  );
  if (eventPartners.length) {
    await trx
      .insertInto('timelineEventPartners')
      .values(eventPartners)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (eventAgreements.length) {
    await trx
      .insertInto('timelineEventAgreements')
      .values(eventAgreements)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const changes = JSON.parse(readFileSync(dataFile('status-changes.json'), 'utf8')) as StatusChanges;
  await seedStatusHistory(trx, dataset, changes, agreementIds);
  return { partners: partners.length, agreements: agreements.length, timelineEvents: events.length };
}
