import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { TimelineEventKind } from '../../db/enums';
import { asParentColumns, parentOfPage, projector } from '../../db/projection';
import { keyedStatement, statement } from '../../db/statement';
import type { AgreementRow, DB, NewTimelineEventRow, PartnerRow, TimelineEventRow } from '../../db/types';
import { countRows } from '../../pagination/connection';
import { applyKeyset, lateralPages, type ParentsSql, type SortKey } from '../../pagination/keyset';
import { pageStatement } from '../../pagination/page-statement';
import type { PageWindow } from '../../pagination/page-window';
import { agreementColumns } from '../agreements/agreement.repository';
import { partnerColumns } from '../partners/partner.repository';

export interface TimelineFilter {
  from?: string | null | undefined;
  to?: string | null | undefined;
  kind?: readonly TimelineEventKind[] | null | undefined;
  partnerCode?: readonly string[] | null | undefined;
  agreementId?: number | null | undefined;
}

const columns = [
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
/** The columns for the properties a query reads; `partners` is embedded (see withPartners), not a column. */
const selected = projector(columns, KEY_PROPERTIES, ['partners']);

type PartnerColumn = (typeof partnerColumns)[number];
const partnerColumnsOf = projector(partnerColumns, ['code']);
/**
 * Partner columns that JSON carries as the row would: not the timestamps, which would come back as
 * text rather than Date. A query asking for one reads partners through the loader instead.
 */
const JSON_SAFE = new Set<PartnerColumn>(partnerColumns.filter((column) => !/At$/.test(column)));

/**
 * The partner columns to embed in each listed event's row for these properties (`partners` among
 * them, `partnerProperties` of each partner), or undefined when the partners are not embedded.
 */
function embeddedPartners(
  properties: readonly string[] | undefined,
  partnerProperties: readonly string[] | undefined,
): readonly PartnerColumn[] | undefined {
  if (!properties?.includes('partners')) return undefined;
  const wanted = partnerColumnsOf(partnerProperties);
  return wanted.every((column) => JSON_SAFE.has(column)) ? wanted : undefined;
}

const embedded = new WeakMap<readonly PartnerColumn[], RawBuilder<unknown>>();

/**
 * Each event's partners (by code) as a JSON array of these columns, selected beside the event: a
 * page of events and their partners in one statement, where a loader would send a second.
 */
function withPartners(partnerCols: readonly PartnerColumn[]) {
  let json = embedded.get(partnerCols);
  if (!json) {
    // Snake-case keys, as columns come back: the rows plugin camel-cases nested objects too.
    const fields = partnerCols.map((column) => {
      const name = column.slice(column.indexOf('.') + 1).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      return sql`${sql.lit(name)}, ${sql.ref(column)}`;
    });
    json = sql`(select coalesce(json_agg(json_build_object(${sql.join(fields)}) order by partners.code), '[]'::json)
      from timeline_event_partners as event_partner join partners on partners.code = event_partner.partner_code
      where event_partner.event_id = timeline_events.id)`;
    embedded.set(partnerCols, json);
  }
  return json.as('partners');
}

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

function filtered(db: Kysely<DB>, filter: TimelineFilter) {
  let query = db.selectFrom('timelineEvents');
  if (filter.from) query = query.where('timelineEvents.occurredOn', '>=', filter.from);
  if (filter.to) query = query.where('timelineEvents.occurredOn', '<=', filter.to);
  if (filter.kind?.length) query = query.where('timelineEvents.kind', 'in', filter.kind);
  if (filter.partnerCode?.length) {
    const codes = filter.partnerCode;
    query = query.where('timelineEvents.id', 'in', (eb) =>
      eb.selectFrom('timelineEventPartners').select('eventId').where('partnerCode', 'in', codes),
    );
  }
  if (filter.agreementId != null) {
    const agreementId = filter.agreementId;
    query = query.where('timelineEvents.id', 'in', (eb) =>
      eb.selectFrom('timelineEventAgreements').select('eventId').where('agreementId', '=', agreementId),
    );
  }
  return query;
}

/** A page of events; with `properties`, rows hold those (and the keys) only. */
export const listTimelineEvents = pageStatement<TimelineEventRow, TimelineFilter, TimelineEventRow>(
  (db, page, _parents, { filter, key, properties, joinedProperties }) => {
    const query = filtered(db, filter).select(selected(properties));
    const partners = embeddedPartners(properties, joinedProperties);
    return applyKeyset(partners ? query.select(withPartners(partners)) : query, key, page);
  },
);

export function countTimelineEvents(db: Kysely<DB>, filter: TimelineFilter): Promise<number> {
  return countRows(filtered(db, filter));
}

/** One page of events for each of several agreements, in one statement; `properties` as above. */
export async function listTimelineOfAgreements(
  db: Kysely<DB>,
  agreementIds: readonly number[],
  key: SortKey<TimelineEventRow>,
  window: PageWindow,
  properties?: readonly string[],
  partnerProperties?: readonly string[],
): Promise<Array<TimelineEventRow & { agreementId: number }>> {
  return timelineOfAgreements(
    db,
    window,
    { filter: null, key, properties, joinedProperties: partnerProperties },
    agreementIds,
  );
}

/**
 * An agreement with one page of its events, in one statement (undefined when there is no such
 * agreement); `agreementProperties`: what is read of the agreement, the rest as in listTimelineOfAgreements.
 */
export async function findAgreementWithTimeline(
  db: Kysely<DB>,
  agreementId: number,
  key: SortKey<TimelineEventRow>,
  window: PageWindow,
  properties: readonly string[] | undefined,
  partnerProperties: readonly string[] | undefined,
  agreementProperties: readonly string[] | undefined,
): Promise<{ agreement: AgreementRow; rows: Array<TimelineEventRow & { agreementId: number }> } | undefined> {
  const rows = await timelineOfAgreements(
    db,
    window,
    {
      filter: null,
      key,
      properties,
      joinedProperties: partnerProperties,
      parentProperties: agreementProperties ?? null,
    },
    [agreementId],
  );
  const found = parentOfPage<AgreementRow, TimelineEventRow & { agreementId: number; pageRow: number | null }>(rows);
  return found && { agreement: found.parent, rows: found.rows };
}

const timelineOfAgreements = pageStatement<
  TimelineEventRow & { agreementId: number; pageRow: number | null },
  null,
  TimelineEventRow
>((db, page, parents, { key, properties, joinedProperties, parentProperties }) =>
  lateralPages<TimelineEventRow & { agreementId: number }, number>(
    parents as ParentsSql<number>,
    'integer',
    (agreementId) => {
      const query = db
        .selectFrom('timelineEventAgreements as link')
        .innerJoin('timelineEvents', 'timelineEvents.id', 'link.eventId')
        .select(selected(properties))
        .select('link.agreementId')
        .where('link.agreementId', '=', agreementId);
      const partners = embeddedPartners(properties, joinedProperties);
      return partners ? query.select(withPartners(partners)) : query;
    },
    // Ordered by the link's copy of the date, which the link's (agreement_id, occurred_on,
    // event_id) index covers: each agreement's page is read off the index, not sorted from all
    // its events.
    { ...key, expression: sql.ref('link.occurredOn'), id: sql.ref('link.eventId') },
    page,
    parentProperties === undefined
      ? undefined
      : (agreementId) =>
          db
            .selectFrom('agreements')
            .select(asParentColumns(agreementColumns(parentProperties ?? undefined)))
            .where('agreements.id', '=', agreementId),
  ),
);

export function countTimelineOfAgreements(db: Kysely<DB>, agreementIds: readonly number[]) {
  return db
    .selectFrom('timelineEventAgreements')
    .select(['agreementId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('agreementId', 'in', agreementIds)
    .groupBy('agreementId')
    .execute();
}

export const findTimelineEventsByIds = keyedStatement<number, TimelineEventRow>((db: Kysely<DB>, ids) =>
  db.selectFrom('timelineEvents').select(columns).where('timelineEvents.id', '=', sql<number>`any(${ids}::integer[])`),
);

const partnersOfEvents = statement<
  { eventIds: readonly number[] },
  PartnerRow & { eventId: number },
  readonly PartnerColumn[]
>(
  (db: Kysely<DB>, arg, selectedColumns) =>
    db
      .selectFrom('timelineEventPartners as link')
      .innerJoin('partners', 'partners.code', 'link.partnerCode')
      .select(selectedColumns)
      .select('link.eventId')
      .where('link.eventId', '=', sql<number>`any(${arg('eventIds')}::integer[])`)
      .orderBy('partners.code'),
  (selectedColumns) => selectedColumns.join(),
);

/**
 * The partners of several events, with the event each row is of, by code; with `properties`,
 * rows hold those (and the code) only.
 */
export function findPartnersOfEvents(
  db: Kysely<DB>,
  eventIds: readonly number[],
  properties?: readonly string[],
): Promise<Array<PartnerRow & { eventId: number }>> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return partnersOfEvents(db, { eventIds }, partnerColumnsOf(properties));
}

/** The event and its links: several statements, so the caller's transaction makes them one change. */
export async function insertTimelineEvent(
  trx: Transaction<DB>,
  row: NewTimelineEventRow,
  links: { partnerCodes: readonly string[]; agreementIds: readonly number[] },
): Promise<TimelineEventRow> {
  const event = await trx.insertInto('timelineEvents').values(row).returningAll().executeTakeFirstOrThrow();
  if (links.partnerCodes.length) {
    await trx
      .insertInto('timelineEventPartners')
      .values([...new Set(links.partnerCodes)].map((partnerCode) => ({ eventId: event.id, partnerCode })))
      .execute();
  }
  if (links.agreementIds.length) {
    await trx
      .insertInto('timelineEventAgreements')
      .values([...new Set(links.agreementIds)].map((agreementId) => ({ eventId: event.id, agreementId })))
      .execute();
  }
  return event;
}
