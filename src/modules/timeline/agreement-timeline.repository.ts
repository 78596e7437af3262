/**
 * The SQL of events and of an agreement's page of them, shared by the timeline's repository and
 * the agreements' (a list of partners reads each agreement's page in its own statement), which the
 * timeline's repository imports in turn: here, neither imports the other through it.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { columnName } from '../../db/camel-case';
import { projector } from '../../db/projection';
import type { DB, TimelineEventRow } from '../../db/types';
import type { SortKey } from '../../pagination/keyset';
import type { PageWindow } from '../../pagination/page-window';
import { partnerColumns } from '../partners/partner.repository';

export const eventColumns = [
  'timelineEvents.id',
  'timelineEvents.reference',
  'timelineEvents.occurredOn',
  'timelineEvents.datePrecision',
  'timelineEvents.dateText',
  'timelineEvents.kind',
  'timelineEvents.title',
  'timelineEvents.description',
  'timelineEvents.place',
  'timelineEvents.confidence',
  'timelineEvents.notes',
  'timelineEvents.sources',
  'timelineEvents.createdAt',
] as const;

/** What a listed event always carries: its id and its sort key. */
const KEY_PROPERTIES = ['id', 'occurredOn'];
/**
 * The columns for the properties a query reads; `partners` and `agreementIds` are embedded (see
 * withPartners, withAgreementIds), not columns.
 */
export const selectedEventColumns = projector(eventColumns, KEY_PROPERTIES, ['partners', 'agreementIds']);

type PartnerColumn = (typeof partnerColumns)[number];
export const partnerColumnsOf = projector(partnerColumns, ['code']);
/**
 * Partner columns that JSON carries as the row would: not the timestamps, which would come back as
 * text rather than Date. A query asking for one reads partners through the loader instead.
 */
const JSON_SAFE = new Set<PartnerColumn>(partnerColumns.filter((column) => !/At$/.test(column)));

/**
 * The partner columns to embed in each listed event's row for these properties (`partners` among
 * them, `partnerProperties` of each partner), or undefined when the partners are not embedded.
 */
export function embeddedPartners(
  properties: readonly string[] | undefined,
  partnerProperties: readonly string[] | undefined,
): readonly PartnerColumn[] | undefined {
  if (!properties?.includes('partners')) return undefined;
  const wanted = partnerColumnsOf(partnerProperties);
  return wanted.every((column) => JSON_SAFE.has(column)) ? wanted : undefined;
}

const embedded = new WeakMap<readonly PartnerColumn[], RawBuilder<unknown>>();

/**
 * Each event's partners (by code) as a JSON array of these columns, selected beside the event (as
 * `alias`): a page of events and their partners in one statement, where a loader would send a second.
 */
export function withPartners(partnerCols: readonly PartnerColumn[], alias = 'partners') {
  let json = embedded.get(partnerCols);
  if (!json) {
    // Snake-case keys, as columns come back: the rows plugin camel-cases nested objects too.
    const fields = partnerCols.map((column) => {
      const name = columnName(column.slice(column.indexOf('.') + 1));
      return sql`${sql.lit(name)}, ${sql.ref(column)}`;
    });
    json = sql`(select coalesce(json_agg(json_build_object(${sql.join(fields)}) order by partners.code), '[]'::json)
      from timeline_event_partners as event_partner join partners on partners.code = event_partner.partner_code
      where event_partner.event_id = timeline_events.id)`;
    embedded.set(partnerCols, json);
  }
  return json.as(alias);
}

/**
 * Each event's agreements' ids (in id order, which is creation order, as the loader reads them),
 * selected beside the event as `agreementIds`: a page of events and the ids of what they concern
 * in one statement, off the link table alone.
 */
export const withAgreementIds = sql<
  number[]
>`(select coalesce(array_agg(link.agreement_id order by link.agreement_id), '{}')
  from timeline_event_agreements as link where link.event_id = timeline_events.id)`.as('agreementIds');

export function timelineSortKey(direction: 'asc' | 'desc'): SortKey<TimelineEventRow> {
  return {
    name: `timeline:DATE:${direction}`,
    expression: sql.ref('timelineEvents.occurredOn'),
    id: sql.ref('timelineEvents.id'),
    keyType: 'date',
    idType: 'integer',
    direction,
    value: (row) => row.occurredOn,
    idOf: (row) => row.id,
  };
}

/** The events of one agreement (`agreementId`, an SQL expression), to select from and page by linkKey. */
export function eventsOfAgreement(db: Kysely<DB>, agreementId: RawBuilder<number>) {
  return db
    .selectFrom('timelineEventAgreements as link')
    .innerJoin('timelineEvents', 'timelineEvents.id', 'link.eventId')
    .where('link.agreementId', '=', agreementId);
}

/**
 * An agreement's events ordered by the link's copy of the date, which the link's (agreement_id,
 * occurred_on, event_id) index covers: each agreement's page is read off the index, not sorted
 * from all its events.
 */
export function linkKey(key: SortKey<TimelineEventRow>): SortKey<never> {
  return { ...key, expression: sql.ref('link.occurredOn'), id: sql.ref('link.eventId') } as SortKey<never>;
}

/** What Agreement.timeline asks of every agreement's page, for a statement that reads them with their agreements. */
export interface TimelinePages {
  readonly key: SortKey<TimelineEventRow>;
  readonly window: PageWindow;
  readonly properties: readonly string[] | undefined;
  readonly partnerProperties: readonly string[] | undefined;
}
