import type { Kysely } from 'kysely';
import type { LimitsConfig } from '../../config';
import { rethrowAsInputError } from '../../db/constraint-errors';
import type { DatePrecision, TimelineEventKind } from '../../db/enums';
import type { AgreementRow, DB, PartnerRow, TimelineEventRow } from '../../db/types';
import { InvalidInputError, NotFoundError } from '../../errors';
import { appendEvents } from '../../events/event-log.repository';
import { currentTraceParent } from '../../observability/trace-context';
import { type Connection, toConnection } from '../../pagination/connection';
import { groupBy, nestedConnections } from '../../pagination/nested';
import { type PageArgs, pageWindow } from '../../pagination/page-window';
import { findAgreementsByIds, findAgreementsOfEvents } from '../agreements/agreement.repository';
import { findPartnersByCodes } from '../partners/partner.repository';
import type { PartnerService } from '../partners/partner.service';
import { checkDateRange, checkLength, checkName } from '../shared/validation';
import { type TimelinePages, timelineSortKey } from './agreement-timeline.repository';
import {
  countTimelineEvents,
  countTimelineOfAgreements,
  findAgreementWithTimeline,
  findPartnersOfEvents,
  findTimelineEventsByIds,
  insertTimelineEvent,
  listTimelineEvents,
  listTimelineOfAgreements,
  type TimelineFilter,
} from './timeline.repository';

export interface AddTimelineEventInput {
  occurredOn: string;
  datePrecision: DatePrecision;
  kind: TimelineEventKind;
  title: string;
  description?: string | null | undefined;
  place?: string | null | undefined;
  partnerCodes?: readonly string[] | null | undefined;
  agreementIds?: readonly number[] | null | undefined;
  sources: readonly string[];
}

export class TimelineService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly limits: LimitsConfig,
    private readonly partners: PartnerService,
  ) {}

  /**
   * `properties`: the row properties the caller reads (rows hold only those and the keys); all when
   * absent. With `partners` among them, each row carries its partners (`partnerProperties` of each)
   * where they can be read in the same statement.
   */
  async list(
    filter: TimelineFilter,
    direction: 'asc' | 'desc',
    args: PageArgs,
    properties?: readonly string[],
    partnerProperties?: readonly string[],
  ): Promise<Connection<TimelineEventRow>> {
    const key = timelineSortKey(direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    checkDateRange('filter.from', filter.from, filter.to);
    if (filter.partnerCode?.length) await this.partners.assertExist('filter.partnerCode', filter.partnerCode);
    const rows = await listTimelineEvents(this.db, window, {
      filter,
      key,
      properties,
      joinedProperties: partnerProperties,
    });
    return toConnection(rows, key, window, () => countTimelineEvents(this.db, filter));
  }

  byIds(ids: readonly number[]): Promise<TimelineEventRow[]> {
    return findTimelineEventsByIds(this.db, ids);
  }

  /**
   * Agreement.timeline for every agreement on a page: one statement, and one more for their totals;
   * `properties` and `partnerProperties` as in list.
   */
  async pagesOfAgreements(
    agreementIds: readonly number[],
    direction: 'asc' | 'desc',
    args: PageArgs,
    properties?: readonly string[],
    partnerProperties?: readonly string[],
  ): Promise<Connection<TimelineEventRow>[]> {
    const key = timelineSortKey(direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    const rows = await listTimelineOfAgreements(this.db, agreementIds, key, window, properties, partnerProperties);
    return nestedConnections(
      agreementIds,
      rows,
      (row) => row.agreementId,
      key,
      window,
      async () => {
        const counts = await countTimelineOfAgreements(this.db, agreementIds);
        return new Map(counts.map((row) => [row.agreementId, Number(row.count)]));
      },
    );
  }

  /**
   * What Agreement.timeline asks of every agreement's page at one place in a query, for a statement
   * that reads the pages with their agreements (AgreementService.partnersWithPages); undefined when
   * they need the loader (a cursor). Arguments pagesOfAgreements would refuse throw here too.
   */
  pagesRequest(
    direction: 'asc' | 'desc',
    args: PageArgs,
    properties: readonly string[] | undefined,
    partnerProperties: readonly string[] | undefined,
  ): TimelinePages | undefined {
    if (args.after != null || args.before != null) return undefined;
    const key = timelineSortKey(direction);
    return { key, window: pageWindow(args, key, this.limits.maxPageSize), properties, partnerProperties };
  }

  /**
   * An agreement with its Agreement.timeline page, in one statement (undefined when there is no
   * such agreement); `agreementProperties`: what is read of the agreement, the rest as in pagesOfAgreements.
   */
  async agreementWithPage(
    agreementId: number,
    direction: 'asc' | 'desc',
    args: PageArgs,
    properties: readonly string[] | undefined,
    partnerProperties: readonly string[] | undefined,
    agreementProperties: readonly string[] | undefined,
  ): Promise<{ parent: AgreementRow; page: Connection<TimelineEventRow> } | undefined> {
    const key = timelineSortKey(direction);
    const window = pageWindow(args, key, this.limits.maxPageSize);
    const found = await findAgreementWithTimeline(
      this.db,
      agreementId,
      key,
      window,
      properties,
      partnerProperties,
      agreementProperties,
    );
    if (!found) return undefined;
    const [page] = nestedConnections(
      [agreementId],
      found.rows,
      (row) => row.agreementId,
      key,
      window,
      async () => {
        const counts = await countTimelineOfAgreements(this.db, [agreementId]);
        return new Map(counts.map((row) => [row.agreementId, Number(row.count)]));
      },
    );
    return { parent: found.agreement, page: page! };
  }

  /** The partners of each event, in the order of `eventIds`; with `properties`, rows hold those (and the code) only. */
  async partnersOfEvents(eventIds: readonly number[], properties?: readonly string[]): Promise<PartnerRow[][]> {
    return groupBy(eventIds, await findPartnersOfEvents(this.db, eventIds, properties), (row) => row.eventId);
  }

  /** The agreements of each event, in the order of `eventIds`. */
  async agreementsOfEvents(eventIds: readonly number[], properties?: readonly string[]): Promise<AgreementRow[][]> {
    return groupBy(eventIds, await findAgreementsOfEvents(this.db, eventIds, properties), (row) => row.eventId);
  }

  async add(input: AddTimelineEventInput): Promise<TimelineEventRow> {
    checkName('title', input.title, 500);
    checkLength('description', input.description, 5000);
    if (input.datePrecision === 'MONTH' && !input.occurredOn.endsWith('-01')) {
      throw new InvalidInputError('occurredOn', 'a MONTH-precision date is given as the first of its month');
    }
    if (input.kind === 'SIGNING' || input.kind === 'STATUS_CHANGE') {
      throw new InvalidInputError('kind', `${input.kind} events are recorded by transitionAgreement`);
    }
    const partnerCodes = [...new Set(input.partnerCodes ?? [])];
    const agreementIds = [...new Set(input.agreementIds ?? [])];
    if (partnerCodes.length) {
      const found = new Set((await findPartnersByCodes(this.db, partnerCodes)).map((row) => row.code));
      const missing = partnerCodes.find((code) => !found.has(code));
      if (missing) throw new NotFoundError('Partner', missing);
    }
    if (agreementIds.length) {
      const found = new Set((await findAgreementsByIds(this.db, agreementIds)).map((row) => row.id));
      const missing = agreementIds.find((id) => !found.has(id));
      if (missing !== undefined) throw new NotFoundError('Agreement', String(missing));
    }
    return this.db
      .transaction()
      .execute(async (trx) => {
        const event = await insertTimelineEvent(
          trx,
          {
            occurredOn: input.occurredOn,
            datePrecision: input.datePrecision,
            kind: input.kind,
            title: input.title,
            description: input.description ?? null,
            place: input.place ?? null,
            sources: [...new Set(input.sources)],
          },
          { partnerCodes, agreementIds },
        );
        await appendEvents(
          trx,
          [
            {
              topic: 'TIMELINE_EVENT_ADDED',
              agreementId: null,
              timelineEventId: event.id,
              payload: { kind: event.kind, partnerCodes, agreementIds },
            },
          ],
          currentTraceParent(),
        );
        return event;
      })
      .catch((error) => rethrowAsInputError(error, 'input'));
  }
}
