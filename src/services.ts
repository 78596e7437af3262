import type { Kysely } from 'kysely';
import type { LimitsConfig } from './config';
import type { DB } from './db/types';
import type { EventBus } from './events/event-bus';
import { AgreementService } from './modules/agreements/agreement.service';
import { HistoryService } from './modules/history/history.service';
import { PartnerService } from './modules/partners/partner.service';
import { StatsService } from './modules/stats/stats.service';
import { TimelineService } from './modules/timeline/timeline.service';

/** The application's services, built once per process and shared by every request. */
export interface Services {
  readonly partners: PartnerService;
  readonly agreements: AgreementService;
  readonly timeline: TimelineService;
  readonly stats: StatsService;
  readonly history: HistoryService;
  readonly events: EventBus;
}

export function createServices(db: Kysely<DB>, limits: LimitsConfig, events: EventBus): Services {
  const partners = new PartnerService(db, limits);
  return {
    partners,
    agreements: new AgreementService(db, limits, partners),
    timeline: new TimelineService(db, limits, partners),
    stats: new StatsService(db),
    history: new HistoryService(db),
    events,
  };
}
