/**
 * The agreements' service: lists and pages by partner, lookups, and the writes with their checks,
 * transactions and events. Over 350 lines because it is the one domain with a state machine and
 * history as well as reads; split, its writes would share the validation helpers across files.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { LimitsConfig } from '../../config';
import { rethrowAsInputError } from '../../db/constraint-errors';
import type { AgreementStatus, Area } from '../../db/enums';
import { GroupCommit, type GroupCommitStats } from '../../db/group-commit';
import { parentColumns, prefixedColumns } from '../../db/projection';
import type { AgreementRow, AgreementUpdate, DB, PartnerRow, Person, TimelineEventRow } from '../../db/types';
import { InvalidInputError, InvalidTransitionError, NotFoundError, VersionConflictError } from '../../errors';
import { announcedWrites, appendEvents, written } from '../../events/event-log.repository';
import type { AgreementCreated, AgreementStatusChanged, LogEventOf } from '../../events/event-topics';
import { currentTraceParent, inSpan } from '../../observability/trace-context';
import { type Connection, pageTotal, toConnection } from '../../pagination/connection';
import { nestedConnections } from '../../pagination/nested';
import { type PageArgs, type PageWindow, pageWindow } from '../../pagination/page-window';
import { checkAsOf, recordFirstState, recordStatusChange, stampAsOf } from '../history/history.service';
import {
  countPartners,
  findPartnersByCodes,
  type PartnerFilter,
  type PartnerOrderField,
  partnerSortKey,
} from '../partners/partner.repository';
import type { PartnerService } from '../partners/partner.service';
import { checkDateRange, checkLength, checkText } from '../shared/validation';
import type { TimelinePages } from '../timeline/agreement-timeline.repository';
import { countTimelineOfAgreements, insertTimelineEvent } from '../timeline/timeline.repository';
import {
  type AgreementFilter,
  type AgreementOrderField,
  agreementSortKey,
  countAgreements,
  countAgreementsOfPartners,
  type Edit,
  type EditShape,
  EVENT_PREFIX,
  editReturning,
  editShapeKey,
  editsArgument,
  findAgreementById,
  findAgreementForUpdate,
  findAgreementsByIds,
  findAgreementVersion,
  findPartnerWithAgreements,
  insertAgreement,
  listAgreements,
  listAgreementsOfPartners,
  listPartnersWithAgreements,
  type TimelineShape,
  updateAgreement,
  updateAtVersions,
  withNestedPartner,
} from './agreement.repository';
import { canTransition, TRANSITIONS } from './agreement-status';

export interface AgreementOrder {
  field: AgreementOrderField;
  direction: 'asc' | 'desc';
}

export interface ExpectedWindowInput {
  from: string;
  to: string;
  statedOn?: string | null | undefined;
  label?: string | null | undefined;
  sources?: readonly string[] | null | undefined;
}

export interface AgreementFieldsInput {
  title?: string | null | undefined;
  titleVerbatim?: boolean | null | undefined;
  place?: string | null | undefined;
  durationYears?: number | null | undefined;
  areas?: readonly Area[] | null | undefined;
  areasDetail?: string | null | undefined;
  expectedWindow?: ExpectedWindowInput | null | undefined;
  framework?: string | null | undefined;
  notes?: string | null | undefined;
  sources?: readonly string[] | null | undefined;
}

export interface CreateAgreementInput extends AgreementFieldsInput {
  partnerCode: string;
  title: string;
  reference?: string | null | undefined;
}

export interface UpdateAgreementInput extends AgreementFieldsInput {
  id: number;
  expectedVersion: number;
}

export interface TransitionAgreementInput {
  id: number;
  to: AgreementStatus;
  expectedVersion: number;
  effectiveDate?: string | null | undefined;
  note?: string | null | undefined;
  place?: string | null | undefined;
  partnerSignatories?: readonly Person[] | null | undefined;
  sources?: readonly string[] | null | undefined;
}

export interface StatusChange {
  agreement: AgreementRow;
  event: LogEventOf<'AGREEMENT_STATUS_CHANGED'>;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Input fields shared by create and update, checked and mapped to columns. */
function toColumns(input: AgreementFieldsInput): AgreementUpdate {
  checkText('title', input.title, 500);
  checkText('place', input.place, 500);
  checkText('areasDetail', input.areasDetail, 5000);
  checkText('framework', input.framework, 500);
  checkText('notes', input.notes, 5000);
  if (input.durationYears != null && (input.durationYears < 1 || input.durationYears > 100)) {
    throw new InvalidInputError('durationYears', 'must be between 1 and 100');
  }
  if (input.expectedWindow) checkDateRange('expectedWindow.from', input.expectedWindow.from, input.expectedWindow.to);
  const statedOn = input.expectedWindow?.statedOn;
  if (statedOn && statedOn > today())
    throw new InvalidInputError('expectedWindow.statedOn', `${statedOn} is in the future`);
  const columns: AgreementUpdate = {};
  if (input.title !== undefined) columns.title = input.title;
  if (input.titleVerbatim != null) columns.titleVerbatim = input.titleVerbatim;
  if (input.place !== undefined) columns.place = input.place;
  if (input.durationYears !== undefined) columns.durationYears = input.durationYears;
  if (input.areas != null) columns.areas = [...new Set(input.areas)];
  if (input.areasDetail !== undefined) columns.areasDetail = input.areasDetail;
  if (input.framework !== undefined) columns.framework = input.framework;
  if (input.notes !== undefined) columns.notes = input.notes;
  if (input.sources != null) columns.sources = [...new Set(input.sources)];
  if (input.expectedWindow !== undefined) {
    const window = input.expectedWindow;
    columns.expectedFrom = window?.from ?? null;
    columns.expectedTo = window?.to ?? null;
    columns.expectedLabel = window?.label ?? null;
    columns.expectedSources = window?.sources ? [...window.sources] : [];
    columns.expectedStatedOn = window?.statedOn ?? null;
  }
  return columns;
}

/** The log's announcement of a created agreement, for live queries that read it. */
async function announceCreated(trx: Transaction<DB>, agreement: AgreementRow): Promise<void> {
  const event: AgreementCreated = {
    topic: 'AGREEMENT_CREATED',
    agreementId: agreement.id,
    timelineEventId: null,
    payload: { partnerCode: agreement.partnerCode, version: agreement.version },
  };
  await appendEvents(trx, [event], currentTraceParent());
}

/** Edits and their announcements (AgreementUpdated, built in SQL from each row written), one statement. */
const updateAnnounced = announcedWrites<{ edits: string }, AgreementRow, EditShape>(
  updateAtVersions,
  {
    topic: 'AGREEMENT_UPDATED',
    agreementId: written('id'),
    timelineEventId: null,
    payload: sql`jsonb_build_object('partnerCode', ${written('partnerCode')}, 'version', ${written('version')})`,
  },
  editShapeKey,
);

/** An edit waiting for its batch (see db/group-commit.ts), with what shapes its statement. */
interface QueuedEdit {
  edit: Edit;
  shape: EditShape;
  traceParent: string | null;
}

/** The most edits in one statement: enough to take a burst, few enough to keep each commit short. */
const MAX_EDITS_PER_STATEMENT = 64;

/** Commits edits of one shape in one statement; each resolves to its row, or undefined if its version moved on. */
function commitEdits(db: Kysely<DB>) {
  return async (queued: readonly QueuedEdit[]): Promise<(AgreementRow | undefined)[]> => {
    const { shape } = queued[0]!;
    // By id, so that batches lock their rows in one order and do not deadlock each other.
    const order = queued.map((_, index) => index).sort((a, b) => queued[a]!.edit.id - queued[b]!.edit.id);
    const rows = await updateAnnounced(
      db,
      {
        edits: editsArgument(
          order.map((index) => queued[index]!.edit),
          shape.set,
        ),
        traceParents: order.map((index) => queued[index]!.traceParent),
      },
      shape,
    );
    const results: (AgreementRow | undefined)[] = new Array(queued.length).fill(undefined);
    for (const { ordinal, ...row } of rows) results[order[ordinal - 1]!] = row as unknown as AgreementRow;
    return results;
  };
}

/** The agreement, locked until commit, if it is still at the version the client read. */
async function lockAtVersion(trx: Transaction<DB>, id: number, expectedVersion: number): Promise<AgreementRow> {
  const current = await findAgreementForUpdate(trx, id);
  if (!current) throw new NotFoundError('Agreement', String(id));
  if (current.version !== expectedVersion) throw new VersionConflictError(expectedVersion, current.version);
  return current;
}

/** Rows a page's statement fetches: the page, and one more when it probes for another page. */
const fetchOf = (window: PageWindow) => window.limit + (window.probe ? 1 : 0);

/** What of Agreement.timeline's pages shapes the SQL that reads them with their agreements. */
const timelineShape = (timeline: TimelinePages): TimelineShape => ({
  direction: timeline.key.direction,
  backward: timeline.window.backward,
  properties: timeline.properties,
  partnerProperties: timeline.partnerProperties,
});

/**
 * The agreements among rows read with each one's page of events (a row per event, the agreement
 * repeated: see listPartnersWithAgreements), and with `timeline`, those events with their
 * agreement's id. Rows of a partner with no agreement (pageId null) hold none.
 */
function agreementsAndEvents(rows: readonly Record<string, unknown>[], timeline: boolean) {
  const agreements: AgreementRow[] = [];
  const events: Array<TimelineEventRow & { agreementId: number }> = [];
  let agreement: Record<string, unknown> | undefined;
  for (const row of rows) {
    if (row.pageId === null) continue;
    if (!agreement || row.pageId !== agreement.pageId || row.partnerId !== agreement.partnerId) {
      agreement = row;
      agreements.push(row as unknown as AgreementRow);
    }
    if (timeline && row.eventId !== null) {
      events.push({ ...prefixedColumns<TimelineEventRow>(row, EVENT_PREFIX), agreementId: agreement.id as number });
    }
  }
  return { agreements, events };
}

/** Query.partners' totalCount as the statement read it beside the partners (or `count` when it did not). */
function partnersTotal(rows: readonly Record<string, unknown>[], count: () => Promise<number>) {
  const total = rows[0]?.partnersTotal;
  return total == null ? count : () => Promise.resolve(Number(total));
}

export class AgreementService {
  /** Edits that arrive while others commit go together (see update). */
  private readonly edits: GroupCommit<QueuedEdit, AgreementRow | undefined>;

  get editCommits(): GroupCommitStats {
    return this.edits;
  }

  constructor(
    private readonly db: Kysely<DB>,
    private readonly limits: LimitsConfig,
    private readonly partners: PartnerService,
  ) {
    this.edits = new GroupCommit(commitEdits(db), {
      batchKey: ({ shape }) => editShapeKey(shape),
      rowKey: ({ edit }) => edit.id,
      maxBatch: MAX_EDITS_PER_STATEMENT,
    });
  }

  private checkFilter(filter: AgreementFilter) {
    checkDateRange('filter.signedFrom', filter.signedFrom, filter.signedTo);
    checkText('filter.search', filter.search, 200);
  }

  /**
   * Filters name partners by code, and an unknown one is an error. A listed agreement shows its
   * partner exists, so only the codes the page does not show are looked up: none, most often.
   */
  private async checkPartnerCodes(filter: AgreementFilter, rows: readonly AgreementRow[]) {
    if (!filter.partnerCode?.length) return;
    const shown = new Set(rows.map((row) => row.partnerCode));
    const unseen = filter.partnerCode.filter((code) => !shown.has(code));
    if (unseen.length) await this.partners.assertExist('filter.partnerCode', unseen);
  }

  /**
   * `properties`: the row properties the caller reads (rows hold only those and the keys), all when
   * absent; `partner` among them joins the partner, of which the caller reads `partnerProperties`.
   * `asOf`: the agreements as they stood at the end of that day (see history.repository.ts).
   */
  async list(
    filter: AgreementFilter,
    order: AgreementOrder,
    args: PageArgs,
    properties?: readonly string[],
    partnerProperties?: readonly string[],
    asOf?: string | null,
  ): Promise<Connection<AgreementRow>> {
    const key = agreementSortKey(order.field, order.direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    const day = checkAsOf(asOf);
    this.checkFilter(filter);
    const rows = await listAgreements(this.db, filter, key, window, properties, partnerProperties, day);
    await this.checkPartnerCodes(filter, rows);
    return toConnection(
      stampAsOf(rows, day),
      key,
      window,
      pageTotal(rows, () => countAgreements(this.db, filter, day)),
    );
  }

  /**
   * Query.agreements with each listed agreement's Agreement.timeline page (`timeline`: what the
   * query asks of it, see TimelineService.pagesRequest), in one statement; the rest as in list.
   */
  async listWithTimelines(
    filter: AgreementFilter,
    order: AgreementOrder,
    args: PageArgs,
    properties: readonly string[] | undefined,
    partnerProperties: readonly string[] | undefined,
    timeline: TimelinePages,
  ): Promise<{ list: Connection<AgreementRow>; timelines: Map<AgreementRow, Connection<TimelineEventRow>> }> {
    const key = agreementSortKey(order.field, order.direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    this.checkFilter(filter);
    const rows = await listAgreements(this.db, filter, key, window, properties, partnerProperties, undefined, {
      shape: timelineShape(timeline),
      fetch: fetchOf(timeline.window),
    });
    const read = agreementsAndEvents(rows, true);
    const agreements = properties?.includes('partner') ? read.agreements.map(withNestedPartner) : read.agreements;
    await this.checkPartnerCodes(filter, agreements);
    return {
      list: toConnection(
        agreements,
        key,
        window,
        pageTotal(agreements, () => countAgreements(this.db, filter)),
      ),
      timelines: this.timelinePages(agreements, read.events, timeline),
    };
  }

  byIds(ids: readonly number[]): Promise<AgreementRow[]> {
    return findAgreementsByIds(this.db, ids);
  }

  /** One agreement; `properties`, `partnerProperties` and `asOf` as in list (not yet on record: undefined). */
  async byId(
    id: number,
    properties?: readonly string[],
    partnerProperties?: readonly string[],
    asOf?: string | null,
  ): Promise<AgreementRow | undefined> {
    const day = checkAsOf(asOf);
    const row = await findAgreementById(this.db, id, properties, partnerProperties, day);
    return row && stampAsOf([row], day)[0];
  }

  /** Partner.agreements for every partner on a page: one statement, and one more for their totals. */
  async pagesOfPartners(
    codes: readonly string[],
    filter: AgreementFilter,
    order: AgreementOrder,
    args: PageArgs,
    properties?: readonly string[],
    asOf?: string,
  ): Promise<Connection<AgreementRow>[]> {
    const key = agreementSortKey(order.field, order.direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    const rows = stampAsOf(await listAgreementsOfPartners(this.db, codes, filter, key, window, properties, asOf), asOf);
    return nestedConnections(
      codes,
      rows,
      (row) => row.partnerCode,
      key,
      window,
      async () => {
        const counts = await countAgreementsOfPartners(this.db, codes, filter, asOf);
        return new Map(counts.map((row) => [row.partnerCode, Number(row.count)]));
      },
    );
  }

  /**
   * A partner with its Partner.agreements page, in one statement (undefined when there is no such
   * partner); `partnerProperties`: what is read of the partner, the rest as in pagesOfPartners.
   * `timeline` as in partnersWithPages.
   */
  async partnerWithPage(
    code: string,
    filter: AgreementFilter,
    order: AgreementOrder,
    args: PageArgs,
    properties: readonly string[] | undefined,
    partnerProperties: readonly string[] | undefined,
    timeline?: TimelinePages,
  ): Promise<
    | { parent: PartnerRow; page: Connection<AgreementRow>; timelines: Map<AgreementRow, Connection<TimelineEventRow>> }
    | undefined
  > {
    const key = agreementSortKey(order.field, order.direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    const found = await findPartnerWithAgreements(
      this.db,
      code,
      filter,
      key,
      window,
      properties,
      partnerProperties,
      timeline && { shape: timelineShape(timeline), fetch: fetchOf(timeline.window) },
    );
    if (!found) return undefined;
    // Without timelines, a row per agreement (found.rows); with them, a row per event.
    const { agreements, events } = timeline
      ? agreementsAndEvents(found.rows, true)
      : { agreements: found.rows, events: [] };
    const [page] = nestedConnections(
      [code],
      agreements,
      (row) => row.partnerCode,
      key,
      window,
      async () => {
        const counts = await countAgreementsOfPartners(this.db, [code], filter);
        return new Map(counts.map((row) => [row.partnerCode, Number(row.count)]));
      },
    );
    return { parent: found.partner, page: page!, timelines: this.timelinePages(agreements, events, timeline) };
  }

  /** Each agreement's Agreement.timeline page from the events read with it (`timeline`: what was read). */
  private timelinePages(
    agreements: readonly AgreementRow[],
    events: readonly (TimelineEventRow & { agreementId: number })[],
    timeline: TimelinePages | undefined,
  ): Map<AgreementRow, Connection<TimelineEventRow>> {
    if (!timeline) return new Map();
    const ids = agreements.map((row) => row.id);
    const pages = nestedConnections(
      ids,
      events,
      (row) => row.agreementId,
      timeline.key,
      timeline.window,
      async () => {
        const counts = await countTimelineOfAgreements(this.db, ids);
        return new Map(counts.map((row) => [row.agreementId, Number(row.count)]));
      },
    );
    return new Map(pages.map((page, index) => [agreements[index]!, page]));
  }

  /**
   * A page of partners (as PartnerService.list reads it, without asOf) with each one's
   * Partner.agreements page, in one statement; undefined when the agreements' arguments need the
   * loader (a cursor). `pages`: each listed partner's, by code. With `timeline` (what
   * Agreement.timeline asks, see TimelineService.pagesRequest), each listed agreement's page of
   * events is read in the same statement: `timelines`, by agreement.
   */
  async partnersWithPages(
    partnerFilter: PartnerFilter,
    partnerOrder: { field: PartnerOrderField; direction: 'asc' | 'desc' },
    partnerArgs: PageArgs,
    partnerProperties: readonly string[] | undefined,
    filter: AgreementFilter,
    order: AgreementOrder,
    args: PageArgs,
    properties: readonly string[] | undefined,
    timeline?: TimelinePages,
  ): Promise<
    | {
        partners: Connection<PartnerRow>;
        pages: Map<string, Connection<AgreementRow>>;
        timelines: Map<AgreementRow, Connection<TimelineEventRow>>;
      }
    | undefined
  > {
    if (args.after != null || args.before != null) return undefined;
    checkLength('filter.search', partnerFilter.search, 200);
    const partnerKey = partnerSortKey(partnerOrder.field, partnerOrder.direction);
    const partnerWindow = pageWindow(partnerArgs, partnerKey, this.limits.maxPageSize);
    const key = agreementSortKey(order.field, order.direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    const shape = {
      partners: partnerFilter,
      agreements: filter,
      order: order.field,
      direction: order.direction,
      backward: window.backward,
      count: window.count,
      timeline: timeline && timelineShape(timeline),
    };
    const rows = await listPartnersWithAgreements(
      this.db,
      shape,
      partnerKey,
      partnerWindow,
      fetchOf(window),
      partnerProperties,
      properties,
      timeline && fetchOf(timeline.window),
    );
    // Rows in order: a partner's, each of its agreements', each of an agreement's events (see
    // listPartnersWithAgreements); a partner repeats on the rows of what it holds.
    const partners: PartnerRow[] = [];
    let partnerId: unknown;
    for (const row of rows) {
      if (row.partnerId !== partnerId) {
        partnerId = row.partnerId;
        partners.push(parentColumns<PartnerRow>(row));
      }
    }
    const { agreements, events } = agreementsAndEvents(rows, timeline !== undefined);
    const codes = partners.map((partner) => partner.code);
    const pages = nestedConnections(
      codes,
      agreements,
      (row) => row.partnerCode,
      key,
      window,
      async () => {
        const counts = await countAgreementsOfPartners(this.db, codes, filter);
        return new Map(counts.map((row) => [row.partnerCode, Number(row.count)]));
      },
    );
    return {
      partners: toConnection(
        partners,
        partnerKey,
        partnerWindow,
        partnersTotal(rows, () => countPartners(this.db, partnerFilter)),
      ),
      pages: new Map(codes.map((code, index) => [code, pages[index]!])),
      timelines: this.timelinePages(agreements, events, timeline),
    };
  }

  async create(input: CreateAgreementInput): Promise<AgreementRow> {
    const columns = toColumns(input);
    if (input.reference != null && !/^[A-Z0-9][A-Z0-9-]{1,62}$/.test(input.reference)) {
      throw new InvalidInputError('reference', 'must be 2-63 capital letters, digits and hyphens');
    }
    const [partner] = await findPartnersByCodes(this.db, [input.partnerCode]);
    if (!partner) throw new NotFoundError('Partner', input.partnerCode);
    try {
      return await this.db.transaction().execute(async (trx) => {
        const agreement = await insertAgreement(trx, {
          ...columns,
          partnerCode: input.partnerCode,
          title: input.title,
          reference: input.reference ?? null,
          status: 'NEGOTIATING',
          ukraineSignatory: null,
          partnerSignatories: '[]',
        } as Parameters<typeof insertAgreement>[1]);
        await recordFirstState(trx, agreement);
        await announceCreated(trx, agreement);
        return agreement;
      });
    } catch (error) {
      rethrowAsInputError(error, 'input');
    }
  }

  /**
   * The edit and its event are one statement, committed on its own: no transaction to open, and
   * the log's lock held for one round trip. Edits that arrive while one commits wait and go in the
   * next statement together (group commit), each with its own version check and event. A refused
   * edit wrote nothing, so reading the version afterwards, outside it, only words the error.
   * `properties`: what the caller reads of the row (undefined: everything), so the edit returns
   * only those columns.
   */
  async update(input: UpdateAgreementInput, properties?: readonly string[]): Promise<AgreementRow> {
    const columns = toColumns(input);
    if (input.title === null) throw new InvalidInputError('title', 'cannot be removed');
    const set = (Object.keys(columns) as (keyof AgreementUpdate)[]).sort();
    const agreement = await this.edits
      .submit({
        edit: { ...columns, id: input.id, expectedVersion: input.expectedVersion, updatedAt: new Date() },
        shape: { set, returning: editReturning(properties) },
        traceParent: currentTraceParent(),
      })
      .catch((error) => rethrowAsInputError(error, 'input'));
    if (agreement) return agreement;
    const version = await findAgreementVersion(this.db, input.id);
    if (version === undefined) throw new NotFoundError('Agreement', String(input.id));
    throw new VersionConflictError(input.expectedVersion, version);
  }

  /**
   * Moves an agreement along the state machine. The row, its timeline event and the event-log
   * rows commit together or not at all; subscribers learn of the change only from the log.
   */
  async transition(input: TransitionAgreementInput): Promise<StatusChange> {
    checkText('note', input.note, 5000);
    checkText('place', input.place, 500);
    if (input.to === 'SIGNED' && !input.effectiveDate) {
      throw new InvalidInputError('effectiveDate', 'a signing needs the date it was signed');
    }
    if (input.effectiveDate && input.effectiveDate > today()) {
      throw new InvalidInputError('effectiveDate', `${input.effectiveDate} is in the future`);
    }
    const transaction = () =>
      this.db.transaction().execute(async (trx) => {
        const current = await lockAtVersion(trx, input.id, input.expectedVersion);
        const from = current.status;
        if (!canTransition(from, input.to)) throw new InvalidTransitionError(from, input.to, TRANSITIONS[from]);
        const effectiveDate = input.effectiveDate ?? today();
        const signing = input.to === 'SIGNED';
        const patch: AgreementUpdate = { status: input.to };
        if (signing) patch.signedOn = effectiveDate;
        if (input.place != null) patch.place = input.place;
        if (input.partnerSignatories != null) patch.partnerSignatories = JSON.stringify(input.partnerSignatories);
        if (input.sources?.length) patch.sources = [...new Set([...current.sources, ...input.sources])];
        const agreement = await updateAgreement(trx, input.id, patch);

        const [partner] = await findPartnersByCodes(trx, [current.partnerCode]);
        const timelineEvent = await insertTimelineEvent(
          trx,
          {
            occurredOn: effectiveDate,
            datePrecision: 'DAY',
            kind: signing ? 'SIGNING' : 'STATUS_CHANGE',
            title: signing
              ? `Signing: Ukraine – ${partner!.name}`
              : `${partner!.name}: agreement ${from.toLowerCase()} → ${input.to.toLowerCase()}`,
            description: input.note ?? null,
            place: signing ? agreement.place : null,
            sources: input.sources ? [...new Set(input.sources)] : [],
          },
          { partnerCodes: [current.partnerCode], agreementIds: [current.id] },
        );
        const change: AgreementStatusChanged = {
          topic: 'AGREEMENT_STATUS_CHANGED',
          agreementId: current.id,
          timelineEventId: timelineEvent.id,
          payload: { partnerCode: current.partnerCode, from, to: input.to, effectiveDate, version: agreement.version },
        };
        const [committed] = await appendEvents(
          trx,
          [
            change,
            {
              topic: 'TIMELINE_EVENT_ADDED',
              agreementId: current.id,
              timelineEventId: timelineEvent.id,
              payload: { kind: timelineEvent.kind, partnerCodes: [current.partnerCode], agreementIds: [current.id] },
            },
          ],
          currentTraceParent(),
        );
        await recordStatusChange(trx, {
          agreementId: current.id,
          status: input.to,
          effectiveOn: effectiveDate,
          inferred: false,
          eventSequence: committed!.sequence,
          sources: timelineEvent.sources,
        });
        return { agreement, event: { ...change, ...committed! } };
      });
    // A span of its own (when traced): the statements and the event-log row's trace context hang off it.
    return inSpan('agreement.transition', { 'agreement.id': input.id, 'agreement.to': input.to }, transaction).catch(
      (error) => rethrowAsInputError(error, 'input'),
    );
  }
}
