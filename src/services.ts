import type { Logger } from 'pino';
import type { LimitsConfig } from './config';
import type { Database } from './db/database';
import { EventBus, type EventBusOptions, type EventLoader } from './events/event-bus';
import { SubscriptionService } from './events/subscription.service';
import { AgreementService } from './modules/agreements/agreement.service';
import { HistoryService } from './modules/history/history.service';
import { PartnerService } from './modules/partners/partner.service';
import type { DeliveredEvent } from './modules/shared/delivered-event';
import { StatsService } from './modules/stats/stats.service';
import { TimelineService } from './modules/timeline/timeline.service';

/** The application's services, built once per process and shared by every request. */
export interface Services {
  readonly partners: PartnerService;
  readonly agreements: AgreementService;
  readonly timeline: TimelineService;
  readonly stats: StatsService;
  readonly history: HistoryService;
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
  const { db } = database;
  const partners = new PartnerService(db, limits);
  const agreements = new AgreementService(db, limits, partners);
  const timeline = new TimelineService(db, limits, partners);
  const events = new EventBus(database, logger, eventBus, loadNamedRows(agreements, timeline));
  return {
    partners,
    agreements,
    timeline,
    stats: new StatsService(db),
    history: new HistoryService(db),
    events,
    subscriptions: new SubscriptionService(db, events),
  };
}

/** One statement per table for a whole read of the log, whatever the number of events. */
function loadNamedRows(agreements: AgreementService, timeline: TimelineService): EventLoader<DeliveredEvent> {
  return async (events) => {
    const ids = (key: 'agreementId' | 'timelineEventId') => [
      ...new Set(events.map((event) => event[key]).filter((id) => id !== null)),
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
      timelineEvent: timelineEventById.get(event.timelineEventId),
    }));
  };
}
