import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { TimelineEventKind } from '../../db/enums';
import { projector } from '../../db/projection';
import { keyedStatement } from '../../db/statement';
import type { DB, NewTimelineEventRow, TimelineEventRow } from '../../db/types';
import { countRows } from '../../pagination/connection';
import { applyKeyset, lateralPages, type SortKey } from '../../pagination/keyset';
import { pageStatement } from '../../pagination/page-statement';
import type { PageWindow } from '../../pagination/page-window';

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
const selected = projector(columns, KEY_PROPERTIES);

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
  (db, page, _parents, { filter, key, properties }) =>
    applyKeyset(filtered(db, filter).select(selected(properties)), key, page),
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
): Promise<Array<TimelineEventRow & { agreementId: number }>> {
  return timelineOfAgreements(db, window, { filter: null, key, properties }, agreementIds);
}

const timelineOfAgreements = pageStatement<TimelineEventRow & { agreementId: number }, null, TimelineEventRow>(
  (db, page, parents, { key, properties }) =>
    lateralPages<TimelineEventRow & { agreementId: number }, number>(
      parents as RawBuilder<readonly number[]>,
      'integer',
      (agreementId) =>
        db
          .selectFrom('timelineEventAgreements as link')
          .innerJoin('timelineEvents', 'timelineEvents.id', 'link.eventId')
          .select(selected(properties))
          .select('link.agreementId')
          .where('link.agreementId', '=', agreementId),
      // Ordered by the link's copy of the date, which the link's (agreement_id, occurred_on,
      // event_id) index covers: each agreement's page is read off the index, not sorted from all
      // its events.
      { ...key, expression: sql.ref('link.occurredOn'), id: sql.ref('link.eventId') },
      page,
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

export function findPartnersOfEvents(db: Kysely<DB>, eventIds: readonly number[]) {
  return db
    .selectFrom('timelineEventPartners as link')
    .innerJoin('partners', 'partners.code', 'link.partnerCode')
    .selectAll('partners')
    .select('link.eventId')
    .where('link.eventId', 'in', eventIds)
    .orderBy('partners.code')
    .execute();
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
