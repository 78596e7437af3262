import { type Kysely, sql, type Transaction } from 'kysely';
import type { TimelineEventKind } from '../../db/enums';
import { asParentColumns, parentOfPage } from '../../db/projection';
import { keyedStatement, statement } from '../../db/statement';
import type { AgreementRow, DB, NewTimelineEventRow, PartnerRow, TimelineEventRow } from '../../db/types';
import { countRows } from '../../pagination/connection';
import { applyKeyset, lateralPages, type ParentsSql, type SortKey } from '../../pagination/keyset';
import { pageStatement } from '../../pagination/page-statement';
import type { PageWindow } from '../../pagination/page-window';
import { agreementColumns } from '../agreements/agreement.repository';
import type { partnerColumns } from '../partners/partner.repository';
import {
  embeddedPartners,
  eventColumns,
  eventsOfAgreement,
  linkKey,
  partnerColumnsOf,
  selectedEventColumns as selected,
  withAgreementIds,
  withPartners,
} from './agreement-timeline.repository';

type PartnerColumn = (typeof partnerColumns)[number];

export interface TimelineFilter {
  from?: string | null | undefined;
  to?: string | null | undefined;
  kind?: readonly TimelineEventKind[] | null | undefined;
  partnerCode?: readonly string[] | null | undefined;
  agreementId?: number | null | undefined;
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

/**
 * A page of events; with `properties`, rows hold those (and the keys) only, with `partners` and
 * `agreementIds` among them read with the page (see embeddedPartners, withAgreementIds).
 */
export const listTimelineEvents = pageStatement<TimelineEventRow, TimelineFilter, TimelineEventRow>(
  (db, page, _parents, { filter, key, properties, joinedProperties }) => {
    let query = filtered(db, filter).select(selected(properties));
    const partners = embeddedPartners(properties, joinedProperties);
    if (partners) query = query.select(withPartners(partners));
    if (properties?.includes('agreementIds')) query = query.select(withAgreementIds);
    return applyKeyset(query, key, page);
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
  const found = parentOfPage<AgreementRow, TimelineEventRow & { agreementId: number }>(rows);
  return found && { agreement: found.parent, rows: found.rows };
}

const timelineOfAgreements = pageStatement<TimelineEventRow & { agreementId: number }, null, TimelineEventRow>(
  (db, page, parents, { key, properties, joinedProperties, parentProperties }) =>
    lateralPages<TimelineEventRow & { agreementId: number }, number>(
      parents as ParentsSql<number>,
      'integer',
      (agreementId) => {
        const query = eventsOfAgreement(db, agreementId).select(selected(properties)).select('link.agreementId');
        const partners = embeddedPartners(properties, joinedProperties);
        return partners ? query.select(withPartners(partners)) : query;
      },
      linkKey(key),
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
  db
    .selectFrom('timelineEvents')
    .select(eventColumns)
    .where('timelineEvents.id', '=', sql<number>`any(${ids}::integer[])`),
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
