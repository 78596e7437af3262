/**
 * The agreements' SQL: lists and nested pages (with the partner joined, the total counted, or the
 * parent read alongside where a query allows), lookups by id, writes. Over 350 lines because every
 * read path of one table shares its column list, projections and filters, which belong together.
 */
import { type AliasedRawBuilder, type Kysely, type QueryCreator, type RawBuilder, sql, type Transaction } from 'kysely';
import { columnName } from '../../db/camel-case';
import type { AgreementStatus, Area, Membership } from '../../db/enums';
import { asParentColumns, asPrefixedColumns, parentOfPage, projector } from '../../db/projection';
import { type Arg, statement } from '../../db/statement';
import type { AgreementRow, AgreementUpdate, DB, NewAgreementRow, PartnerRow } from '../../db/types';
import { countRows, totalColumn } from '../../pagination/connection';
import type { KeyValue } from '../../pagination/cursor';
import {
  applyKeyset,
  keyedOrder,
  keyedPage,
  lateralPages,
  type PageBelow,
  type ParentsSql,
  type SortKey,
} from '../../pagination/keyset';
import { pageStatement } from '../../pagination/page-statement';
import type { PageWindow } from '../../pagination/page-window';
import { tablesAsOf } from '../history/history.repository';
import {
  filtered as filteredPartners,
  type PartnerFilter,
  partnerColumns,
  selected as partnerPageColumns,
} from '../partners/partner.repository';
import {
  embeddedPartners,
  eventsOfAgreement,
  linkKey,
  selectedEventColumns,
  timelineSortKey,
  withPartners,
} from '../timeline/agreement-timeline.repository';

export interface AgreementFilter {
  status?: readonly AgreementStatus[] | null | undefined;
  partnerCode?: readonly string[] | null | undefined;
  area?: Area | null | undefined;
  membership?: Membership | null | undefined;
  signedFrom?: string | null | undefined;
  signedTo?: string | null | undefined;
  search?: string | null | undefined;
  countedInOfficialList?: boolean | null | undefined;
}

export type AgreementOrderField = 'ID' | 'SIGNED_ON' | 'TITLE';

/** Every column but the generated search vector, which is only for filtering. */
const columns = [
  'agreements.id',
  'agreements.reference',
  'agreements.partnerCode',
  'agreements.title',
  'agreements.titleVerbatim',
  'agreements.titleNote',
  'agreements.status',
  'agreements.signedOn',
  'agreements.place',
  'agreements.ukraineSignatory',
  'agreements.partnerSignatories',
  'agreements.durationYears',
  'agreements.durationNote',
  'agreements.areas',
  'agreements.areasDetail',
  'agreements.expectedFrom',
  'agreements.expectedTo',
  'agreements.expectedLabel',
  'agreements.expectedSources',
  'agreements.expectedStatedOn',
  'agreements.framework',
  'agreements.sequenceReported',
  'agreements.sequenceNote',
  'agreements.countedInOfficialList',
  'agreements.classificationDisputed',
  'agreements.confidence',
  'agreements.notes',
  'agreements.sources',
  'agreements.version',
  'agreements.createdAt',
  'agreements.updatedAt',
] as const;

type AgreementColumn = (typeof columns)[number];
type PartnerColumn = (typeof partnerColumns)[number];

// A joined partner's columns come back beside the agreement's as `partner$<property>`.
const PARTNER_PREFIX = 'partner$';
const joinedAs = new WeakMap<readonly PartnerColumn[], AliasedRawBuilder<unknown, string>[]>();

/** These partner columns, aliased to come back beside an agreement's. */
function joinedPartner(columns: readonly PartnerColumn[]): AliasedRawBuilder<unknown, string>[] {
  let aliased = joinedAs.get(columns);
  if (!aliased) {
    aliased = columns.map((column) => sql.ref(column).as(`${PARTNER_PREFIX}${column.slice(column.indexOf('.') + 1)}`));
    joinedAs.set(columns, aliased);
  }
  return aliased;
}

/** Moves the `partner$` columns of a row into `row.partner`. */
function nestPartner(row: Record<string, unknown>): AgreementRow {
  const agreement: Record<string, unknown> = {};
  const partner: Record<string, unknown> = {};
  for (const name in row) {
    if (name.startsWith(PARTNER_PREFIX)) partner[name.slice(PARTNER_PREFIX.length)] = row[name];
    else agreement[name] = row[name];
  }
  agreement.partner = partner;
  return agreement as AgreementRow;
}

/**
 * What an agreement always carries: its id and its partner (the parent of Partner.agreements). A
 * listed one carries its page's sort key too (SortKey.property).
 */
const KEY_PROPERTIES = ['id', 'partnerCode'];

/** The columns for the properties a query reads; `partner` comes from a join, not a column. */
export const agreementColumns = projector(columns, KEY_PROPERTIES, ['partner']);
/** A joined partner's columns for the properties a query reads of it (always its code). */
const partnerColumnsOf = projector(partnerColumns, ['code']);

// The key expressions match the indexes in the first migration.
const keys = {
  ID: { expression: sql.ref('agreements.id'), keyType: 'integer', value: (row: AgreementRow) => row.id },
  SIGNED_ON: {
    expression: sql`coalesce(agreements.signed_on, 'infinity'::date)`,
    keyType: 'date',
    property: 'signedOn',
    value: (row: AgreementRow) => row.signedOn ?? 'infinity',
  },
  TITLE: {
    expression: sql`coalesce(agreements.title, '')`,
    keyType: 'text',
    property: 'title',
    value: (row: AgreementRow) => row.title ?? '',
  },
} satisfies Record<AgreementOrderField, Pick<SortKey<AgreementRow>, 'expression' | 'keyType' | 'property' | 'value'>>;

export function agreementSortKey(field: AgreementOrderField, direction: 'asc' | 'desc'): SortKey<AgreementRow> {
  return {
    name: `agreement:${field}:${direction}`,
    ...keys[field],
    id: sql.ref('agreements.id'),
    idType: 'integer',
    direction,
    idOf: (row) => row.id,
  };
}

/** `db` may be the tables as of a date (history.repository.ts): the filters then apply to that day's state. */
function filtered(db: QueryCreator<DB>, filter: AgreementFilter) {
  let query = db.selectFrom('agreements');
  if (filter.status?.length) query = query.where('agreements.status', 'in', filter.status);
  if (filter.partnerCode?.length) query = query.where('agreements.partnerCode', 'in', filter.partnerCode);
  if (filter.area) query = query.where(sql<boolean>`agreements.areas @> array[${filter.area}]::text[]`);
  if (filter.membership) {
    query = query.where('agreements.partnerCode', 'in', (eb) =>
      eb
        .selectFrom('partners')
        .select('partners.code')
        .where(sql<boolean>`partners.memberships @> array[${filter.membership}]::text[]`),
    );
  }
  if (filter.signedFrom) query = query.where('agreements.signedOn', '>=', filter.signedFrom);
  if (filter.signedTo) query = query.where('agreements.signedOn', '<=', filter.signedTo);
  if (filter.search) {
    query = query.where(sql<boolean>`agreements.search_vector @@ websearch_to_tsquery('simple', ${filter.search})`);
  }
  if (filter.countedInOfficialList != null) {
    query = query.where('agreements.countedInOfficialList', '=', filter.countedInOfficialList);
  }
  return query;
}

/**
 * A page of agreements. With `properties`, rows hold those (and the keys) only; when they include
 * `partner`, the partner is joined into `row.partner` (with `partnerProperties` only, when given)
 * instead of being looked up on its own. With `timeline`, each agreement's first (or last)
 * `timeline.fetch` events come along, as listPartnersWithAgreements reads them: a row per event
 * (`event$…`, with `eventId`), the agreement repeated (with `pageId`), or the agreement
 * alone when it has none; the partner is then left in its `partner$…` columns (see nestPartner).
 */
export async function listAgreements(
  db: Kysely<DB>,
  filter: AgreementFilter,
  key: SortKey<AgreementRow>,
  window: PageWindow,
  properties?: readonly string[],
  partnerProperties?: readonly string[],
  asOf?: string,
  timeline?: { shape: TimelineShape; fetch: number },
): Promise<AgreementRow[]> {
  const values: Record<string, KeyValue> = {};
  if (asOf !== undefined) values.asOf = asOf;
  if (timeline) values.timelineFetch = timeline.fetch;
  const rows = await agreementsPage(db, window, {
    filter: timeline ? { ...filter, timeline: timeline.shape } : filter,
    key,
    properties,
    joinedProperties: partnerProperties,
    values: asOf === undefined && !timeline ? undefined : values,
  });
  return properties?.includes('partner') && !timeline ? rows.map(nestPartner) : (rows as AgreementRow[]);
}

const agreementsPage = pageStatement<
  Record<string, unknown>,
  AgreementFilter & { timeline?: TimelineShape },
  AgreementRow
>((db, page, _parents, { filter, key, properties, joinedProperties }, args) => {
  const tables = tablesAsOf(db, args.asOf);
  let listed = filtered(tables, filter).select(agreementColumns(properties, key.property));
  if (page.count) listed = listed.select(totalColumn(filtered(tables, filter)));
  const query = properties?.includes('partner')
    ? listed
        .innerJoin('partners', 'partners.code', 'agreements.partnerCode')
        .select(joinedPartner(partnerColumnsOf(joinedProperties)))
    : listed;
  if (!filter.timeline) return applyKeyset(query, key, page);
  const events = timelineOfPaged(db, filter.timeline, args.timelineFetch as RawBuilder<number>);
  return sql<Record<string, unknown>>`select paged.*, events.* from (${keyedPage(query, key, page, 'page')}) as paged
    left join lateral (${events.query}) as events on true
    order by ${keyedOrder(key, page, 'paged', 'page')}, ${events.order('events')}`;
});

/** An agreement row of listAgreements with a timeline: its partner, joined, moved into `row.partner`. */
export const withNestedPartner = (row: AgreementRow): AgreementRow =>
  nestPartner(row as unknown as Record<string, unknown>);

export function countAgreements(db: Kysely<DB>, filter: AgreementFilter, asOf?: string): Promise<number> {
  return countRows(filtered(tablesAsOf(db, asOf), filter));
}

/** One page of agreements for each of several partners, in one statement; `properties` as above. */
export async function listAgreementsOfPartners(
  db: Kysely<DB>,
  partnerCodes: readonly string[],
  filter: AgreementFilter,
  key: SortKey<AgreementRow>,
  window: PageWindow,
  properties?: readonly string[],
  asOf?: string,
): Promise<AgreementRow[]> {
  const values = asOf === undefined ? undefined : { asOf };
  return agreementsOfPartners(db, window, { filter, key, properties, values }, partnerCodes);
}

/**
 * A partner with one page of its agreements, in one statement (undefined when there is no such
 * partner); `partnerProperties`: what is read of the partner, the rest as in listAgreementsOfPartners.
 * With `timeline`, each agreement's first (or last) `timeline.fetch` events too, as
 * listPartnersWithAgreements reads them (a row per event, `event$…`).
 */
export async function findPartnerWithAgreements(
  db: Kysely<DB>,
  partnerCode: string,
  filter: AgreementFilter,
  key: SortKey<AgreementRow>,
  window: PageWindow,
  properties: readonly string[] | undefined,
  partnerProperties: readonly string[] | undefined,
  timeline?: { shape: TimelineShape; fetch: number },
): Promise<{ partner: PartnerRow; rows: AgreementRow[] } | undefined> {
  const rows = await agreementsOfPartners(
    db,
    window,
    {
      filter: timeline ? { ...filter, timeline: timeline.shape } : filter,
      key,
      properties,
      parentProperties: partnerProperties ?? null,
      values: timeline && { timelineFetch: timeline.fetch },
    },
    [partnerCode],
  );
  const found = parentOfPage<PartnerRow, AgreementRow>(rows);
  return found && { partner: found.parent, rows: found.rows };
}

const agreementsOfPartners = pageStatement<AgreementRow, AgreementFilter & { timeline?: TimelineShape }, AgreementRow>(
  (db, page, parents, { filter, key, properties, parentProperties }, args) =>
    lateralPages<AgreementRow, string>(
      parents as ParentsSql<string>,
      'text',
      (partnerCode) =>
        filtered(tablesAsOf(db, args.asOf), filter)
          .select(agreementColumns(properties, key.property))
          .where('agreements.partnerCode', '=', partnerCode),
      key,
      page,
      parentProperties === undefined
        ? undefined
        : (partnerCode) =>
            db
              .selectFrom('partners')
              .select(asParentColumns(partnerColumnsOf(parentProperties ?? undefined)))
              .where('partners.code', '=', partnerCode),
      filter.timeline && timelineOfPaged(db, filter.timeline, args.timelineFetch as RawBuilder<number>),
    ),
);

/** What shapes a page of partners with a page of each one's agreements, besides the partners' page. */
export interface PartnersWithAgreementsShape {
  readonly partners: PartnerFilter;
  readonly agreements: AgreementFilter;
  readonly order: AgreementOrderField;
  readonly direction: 'asc' | 'desc';
  /** Whether the agreements' pages are the last rows (`last`) rather than the first. */
  readonly backward: boolean;
  /** Whether each partner's agreements are counted too (totalCount), beside its page. */
  readonly count: boolean;
  /** Each agreement's page of events too (Agreement.timeline), where the query asks for it. */
  readonly timeline?: TimelineShape | undefined;
}

/** What shapes each agreement's page of events, read with the agreements (see PartnersWithAgreementsShape). */
export interface TimelineShape {
  readonly direction: 'asc' | 'desc';
  readonly backward: boolean;
  /** What is read of an event, and of its partners (embedded where they can be). */
  readonly properties: readonly string[] | undefined;
  readonly partnerProperties: readonly string[] | undefined;
}

/** The prefix of an event's columns in the rows of listPartnersWithAgreements. */
export const EVENT_PREFIX = 'event$';

/**
 * A page of partners, each with the first (or last) `agreementsFetch` of its agreements, in one
 * statement: every row is an agreement with its partner's columns (`parent$…`), or a partner alone
 * (page columns null) when it has none; in the partners' order (each row with its partner's key and
 * code, `partnerKey` and `partnerId`), then each page's (`pageKey`, `pageId`). The agreements'
 * pages take no cursor (their keyset starts at an end). `properties`: what is read of a partner;
 * `agreementProperties`: of an agreement.
 *
 * With `shape.timeline`, each agreement's first (or last) `timelineFetch` events come along too: a
 * row per event (its columns `event$…`, with `eventKey` and `eventId`), its agreement and
 * partner repeated, or the agreement alone (event columns null) when it has none.
 */
export function listPartnersWithAgreements(
  db: Kysely<DB>,
  shape: PartnersWithAgreementsShape,
  key: SortKey<PartnerRow>,
  window: PageWindow,
  agreementsFetch: number,
  properties: readonly string[] | undefined,
  agreementProperties: readonly string[] | undefined,
  timelineFetch?: number,
): Promise<Record<string, unknown>[]> {
  return partnersWithAgreements(db, window, {
    filter: shape,
    key: key as SortKey<never>,
    properties,
    joinedProperties: agreementProperties,
    values: shape.timeline ? { agreementsFetch, timelineFetch: timelineFetch! } : { agreementsFetch },
  });
}

/** Each agreement's page of events (`paged.id`) as listPartnersWithAgreements reads them. */
function timelineOfPaged(db: Kysely<DB>, timeline: TimelineShape, fetch: RawBuilder<number>): PageBelow {
  const query = eventsOfAgreement(db, sql.ref<number>('paged.id')).select(
    asPrefixedColumns(selectedEventColumns(timeline.properties), EVENT_PREFIX),
  );
  const partners = embeddedPartners(timeline.properties, timeline.partnerProperties);
  const key = linkKey(timelineSortKey(timeline.direction));
  const page = { fetch, backward: timeline.backward, count: false, after: undefined, before: undefined };
  return {
    query: keyedPage(
      partners ? query.select(withPartners(partners, `${EVENT_PREFIX}partners`)) : query,
      key,
      page,
      'event',
    ),
    order: (alias) => keyedOrder(key, page, alias, 'event'),
  };
}

const partnersWithAgreements = pageStatement<Record<string, unknown>, PartnersWithAgreementsShape, never>(
  (db, page, _parents, { filter, key, properties, joinedProperties }, args) => {
    const partners = keyedPage(
      filteredPartners(db, filter.partners)
        .select(asParentColumns(partnerPageColumns(properties)))
        // The partners' own total (Query.partners' totalCount), named apart from each page's.
        .$if(page.count, (query) =>
          query.select(
            sql<number>`(${filteredPartners(db, filter.partners).select(sql`count(*)`.as('count'))})`.as(
              'partnersTotal',
            ),
          ),
        ),
      key,
      page,
      'partner',
    );
    const agreementKey = agreementSortKey(filter.order, filter.direction);
    const agreementPage = {
      fetch: args.agreementsFetch as RawBuilder<number>,
      backward: filter.backward,
      count: false,
      after: undefined,
      before: undefined,
    };
    const agreements = keyedPage(
      filtered(db, filter.agreements)
        .select(agreementColumns(joinedProperties, agreementKey.property))
        .where('agreements.partnerCode', '=', sql.ref<string>('parent_row.parent$code')),
      agreementKey,
      agreementPage,
      'page',
    );
    const order = sql`${keyedOrder(key, page, 'parent_row', 'partner')}, ${keyedOrder(agreementKey, agreementPage, 'paged', 'page')}`;
    // Each partner's total rides on the rows of its page, as keyset.ts lateralPages puts it.
    const counted = filter.count
      ? sql`cross join lateral (${filtered(db, filter.agreements)
          .select(sql<number>`count(*)`.as('totalCount'))
          .where('agreements.partnerCode', '=', sql.ref<string>('parent_row.parent$code'))}) as counted`
      : sql``;
    const total = filter.count ? sql`, counted.total_count` : sql``;
    if (!filter.timeline) {
      return sql<Record<string, unknown>>`select parent_row.*, paged.*${total} from (${partners}) as parent_row
        left join lateral (${agreements}) as paged on true ${counted}
        order by ${order}`;
    }
    const events = timelineOfPaged(db, filter.timeline, args.timelineFetch as RawBuilder<number>);
    return sql<Record<string, unknown>>`select parent_row.*, paged.*, events.*${total} from (${partners}) as parent_row
      left join lateral (${agreements}) as paged on true
      left join lateral (${events.query}) as events on true ${counted}
      order by ${order}, ${events.order('events')}`;
  },
);

export function countAgreementsOfPartners(
  db: Kysely<DB>,
  partnerCodes: readonly string[],
  filter: AgreementFilter,
  asOf?: string,
) {
  return filtered(tablesAsOf(db, asOf), filter)
    .select(['agreements.partnerCode', (eb) => eb.fn.countAll<number>().as('count')])
    .where('agreements.partnerCode', 'in', partnerCodes)
    .groupBy('agreements.partnerCode')
    .execute();
}

// Shaped by whether a date is given: loaders by id run on every request and keep their one statement.
const agreementsByIds = statement<{ ids: readonly number[]; asOf?: string }, AgreementRow, boolean | undefined>(
  (db: Kysely<DB>, arg, asOf) =>
    tablesAsOf(db, asOf ? arg('asOf') : undefined)
      .selectFrom('agreements')
      .select(columns)
      .where('agreements.id', '=', sql<number>`any(${arg('ids')}::integer[])`),
  (asOf) => (asOf ? 'asOf' : ''),
);

/** With `asOf`, as they stood then: an agreement not yet on record is not found. */
export function findAgreementsByIds(db: Kysely<DB>, ids: readonly number[], asOf?: string): Promise<AgreementRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return agreementsByIds(db, { ids, asOf }, asOf !== undefined);
}

const ofEvents = statement<{ eventIds: readonly number[] }, AgreementRow & { eventId: number }, readonly string[]>(
  (db: Kysely<DB>, arg, selected) => {
    const link = db
      .selectFrom('timelineEventAgreements as link')
      .select(['link.eventId', 'link.agreementId as id'])
      .where('link.eventId', '=', sql<number>`any(${arg('eventIds')}::integer[])`)
      .orderBy('link.agreementId');
    // The link holds the ids: an agreement row is read only for columns beyond them.
    if (selected.length === 1 && selected[0] === 'agreements.id') return link;
    return db
      .selectFrom('timelineEventAgreements as link')
      .innerJoin('agreements', 'agreements.id', 'link.agreementId')
      .select(selected as typeof columns)
      .select('link.eventId')
      .where('link.eventId', '=', sql<number>`any(${arg('eventIds')}::integer[])`)
      .orderBy('agreements.id');
  },
  (selected) => selected.join(','),
);

const selectedOfEvents = projector(columns, ['id']);

/**
 * The agreements of several timeline events, with the event each row is of (an agreement may
 * recur); with `properties`, rows hold those (and the id) only.
 */
export function findAgreementsOfEvents(
  db: Kysely<DB>,
  eventIds: readonly number[],
  properties?: readonly string[],
): Promise<Array<AgreementRow & { eventId: number }>> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return ofEvents(db, { eventIds }, selectedOfEvents(properties));
}

interface ByIdShape {
  readonly columns: readonly (typeof columns)[number][];
  /** The partner's columns to join, if it is read. */
  readonly partner: readonly PartnerColumn[] | undefined;
  readonly asOf: boolean;
}

const agreementById = statement<{ id: number; asOf?: string }, Record<string, unknown>, ByIdShape>(
  (db: Kysely<DB>, arg, shape) => {
    const query = tablesAsOf(db, shape.asOf ? arg('asOf') : undefined)
      .selectFrom('agreements')
      .select(shape.columns)
      .where('agreements.id', '=', arg('id'));
    return shape.partner
      ? query.innerJoin('partners', 'partners.code', 'agreements.partnerCode').select(joinedPartner(shape.partner))
      : query;
  },
  (shape) => `${shape.columns.join()}|${shape.partner?.join() ?? '-'}|${shape.asOf}`,
);

/**
 * One agreement, with only the columns for `properties` (all when absent); when they include
 * `partner`, the partner is joined into `row.partner` (`partnerProperties` as in listAgreements).
 */
export async function findAgreementById(
  db: Kysely<DB>,
  id: number,
  properties?: readonly string[],
  partnerProperties?: readonly string[],
  asOf?: string,
): Promise<AgreementRow | undefined> {
  const joined = properties?.includes('partner');
  const shape = {
    columns: agreementColumns(properties),
    partner: joined ? partnerColumnsOf(partnerProperties) : undefined,
    asOf: asOf !== undefined,
  };
  const [row] = await agreementById(db, { id, asOf }, shape);
  if (!row) return undefined;
  return joined ? nestPartner(row) : (row as AgreementRow);
}

/** Locks the row until the transaction ends. */
export function findAgreementForUpdate(trx: Transaction<DB>, id: number): Promise<AgreementRow | undefined> {
  return trx.selectFrom('agreements').select(columns).where('agreements.id', '=', id).forUpdate().executeTakeFirst();
}

export function insertAgreement(db: Kysely<DB>, row: NewAgreementRow): Promise<AgreementRow> {
  return db.insertInto('agreements').values(row).returning(columns).executeTakeFirstOrThrow();
}

/** An edit: the columns it sets, and the row and version it expects. */
export type Edit = AgreementUpdate & { id: number; expectedVersion: number; updatedAt: Date };

/** What shapes an edit's SQL: the columns it sets (sorted), and those it returns. */
export interface EditShape {
  set: readonly (keyof AgreementUpdate)[];
  returning: readonly AgreementColumn[];
}

/** Names an edit's shape: edits of one name share a statement's SQL. */
export const editShapeKey = ({ set, returning }: EditShape) => `${set.join()}|${returning.join()}`;

/** The columns an edit returns for the properties its caller reads, with the version its event carries. */
export function editReturning(properties: readonly string[] | undefined): readonly AgreementColumn[] {
  if (!properties) return columns;
  let returning = returningFor.get(properties);
  if (!returning) {
    returning = agreementColumns([...properties, 'version']);
    returningFor.set(properties, returning);
  }
  return returning;
}
// Per selection (cached per parsed document, as the properties are).
const returningFor = new WeakMap<readonly string[], readonly AgreementColumn[]>();

// A UTF-16 surrogate without its pair: no character, so jsonb refuses its escape.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as a text parameter would store it: a lone surrogate becomes U+FFFD, as Node's UTF-8
 * encoding makes it, where jsonb would refuse the whole batch. (NUL never gets here: the
 * operation guards refuse it.)
 */
const asText = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.replace(LONE_SURROGATE, '\ufffd')
    : Array.isArray(value)
      ? value.map(asText)
      : value;

/** Edits of one shape as updateAtVersions binds them: a JSON array of agreements rows by column name. */
export function editsArgument(edits: readonly Edit[], set: EditShape['set']): string {
  return JSON.stringify(
    edits.map((edit) => {
      const row: Record<string, unknown> = { id: edit.id, version: edit.expectedVersion, updated_at: edit.updatedAt };
      for (const column of set) row[columnName(column)] = asText(edit[column]);
      return row;
    }),
  );
}

/**
 * Applies each edit of `edits` (editsArgument: edits of one shape, to distinct rows) whose row is
 * still at the version it expects: sets its columns, bumps the version, and returns the row (the
 * columns `returning`) with the edit's 1-based `ordinal`; an edit whose row moved on gets none. It
 * locks, checks and writes at once: a concurrent writer of the same version waits for the row
 * lock, then finds the version moved on. Each edit is read into an agreements row by
 * jsonb_populate_record, so every column keeps its own type; one SQL text per shape.
 */
export function updateAtVersions(db: Kysely<DB>, arg: Arg<{ edits: string }>, { set, returning }: EditShape) {
  const edited = (column: string) => sql.ref<never>(`edited.${column}`);
  return db
    .updateTable('agreements')
    .from([
      sql`jsonb_array_elements(${arg('edits')}::jsonb) with ordinality`.as<'edit'>(sql`edit(value, ordinal)`),
      sql`lateral jsonb_populate_record(null::agreements, edit.value)`.as('edited'),
    ])
    .set((eb) => ({
      ...Object.fromEntries(set.map((column) => [column, edited(column)])),
      version: eb('agreements.version', '+', 1),
      updatedAt: edited('updatedAt'),
    }))
    .where('agreements.id', '=', edited('id'))
    .where('agreements.version', '=', edited('version'))
    .returning([sql<number>`edit.ordinal::integer`.as('ordinal'), ...returning]);
}

export async function findAgreementVersion(db: Kysely<DB>, id: number): Promise<number | undefined> {
  const row = await db.selectFrom('agreements').select('version').where('id', '=', id).executeTakeFirst();
  return row?.version;
}

/** Bumps the version; the caller has locked the row and checked the expected version. */
export function updateAgreement(trx: Transaction<DB>, id: number, patch: AgreementUpdate): Promise<AgreementRow> {
  return trx
    .updateTable('agreements')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow();
}
