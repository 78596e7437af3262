import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { LimitsConfig } from './config';
import type { Database } from './db/database';
import type { DB } from './db/types';
import { EventBus, type EventBusOptions, type EventLoader } from './events/event-bus';
import type { Topic } from './events/event-topics';
import { SubscriptionService } from './events/subscription.service';
import { AgreementService } from './modules/agreements/agreement.service';
import { HistoryService } from './modules/history/history.service';
import { PartnerService } from './modules/partners/partner.service';
import type { DeliveredEvent } from './modules/shared/delivered-event';
import { SnapshotService } from './modules/snapshot/snapshot.service';
import { StatsService } from './modules/stats/stats.service';
import { TimelineService } from './modules/timeline/timeline.service';

/** The services that read and write through one handle: the pool, or an operation's snapshot. */
export interface DataServices {
  readonly partners: PartnerService;
  readonly agreements: AgreementService;
  readonly timeline: TimelineService;
  readonly stats: StatsService;
  readonly history: HistoryService;
  readonly snapshot: SnapshotService;
}

/**
 * The application's services, built once per process and shared by every request (an operation
 * that selects `cursor` gets the data services again, bound to its snapshot: see app.ts).
 */
export interface Services extends DataServices {
  readonly events: EventBus<DeliveredEvent>;
  readonly subscriptions: SubscriptionService<DeliveredEvent>;
}

/** The bus is built here but started by the caller (app.ts), which also stops it. */
export function createServices(
  database: Database,
  limits: LimitsConfig,
  logger: Logger,
  eventBus: EventBusOptions,
): Services {
  const data = dataServices(database.db, limits);
  const events = new EventBus(database, logger, eventBus, loadNamedRows(data.agreements, data.timeline));
  return { ...data, events, subscriptions: new SubscriptionService(database.db, events) };
}

/** Plain objects over `db`: cheap enough to build once per snapshot transaction. */
export function dataServices(db: Kysely<DB>, limits: LimitsConfig): DataServices {
  const partners = new PartnerService(db, limits);
  return {
    partners,
    agreements: new AgreementService(db, limits, partners),
    timeline: new TimelineService(db, limits, partners),
    stats: new StatsService(db),
    history: new HistoryService(db),
    snapshot: new SnapshotService(db),
  };
}

/**
 * The topics whose rows a subscriber receives. Edits (AGREEMENT_CREATED, AGREEMENT_UPDATED,
 * PARTNER_CHANGED) only invalidate live queries, which read again what they select.
 */
const DELIVERED_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['AGREEMENT_STATUS_CHANGED', 'TIMELINE_EVENT_ADDED']);

/** One statement per table for a whole read of the log, whatever the number of events; none for edits only. */
function loadNamedRows(agreements: AgreementService, timeline: TimelineService): EventLoader<DeliveredEvent> {
  return async (events) => {
    const delivered = events.filter((event) => DELIVERED_TOPICS.has(event.topic));
    const ids = (key: 'agreementId' | 'timelineEventId') => [
      ...new Set(delivered.map((event) => event[key]).filter((id) => id !== null)),
    ];
    const [agreementRows, timelineRows] = await Promise.all([
      agreements.byIds(ids('agreementId')),
      timeline.byIds(ids('timelineEventId')),
    ]);
    const agreementById = new Map(agreementRows.map((row) => [row.id, row]));
    const timelineEventById = new Map(timelineRows.map((row) => [row.id, row]));
    return events.map((event) => ({
      ...event,
      agreement: event.agreementId === null ? undefined : agreementById.get(event.agreementId),
      timelineEvent: event.timelineEventId === null ? undefined : timelineEventById.get(event.timelineEventId),
    }));
  };
}
