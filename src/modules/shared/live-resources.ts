/**
 * What each event of the log touches, named as live queries name what they read
 * (server/live-queries.ts): the objects by their global ID's `Type:id`, lists and figures by root
 * field. Every list a change can enter or leave is named, so a list query never misses one.
 */
import type { LogEvent } from '../../events/event-topics';

export function liveResourcesOf(event: LogEvent): string[] {
  switch (event.topic) {
    case 'AGREEMENT_STATUS_CHANGED':
      return [
        `Agreement:${event.agreementId}`,
        `Partner:${event.payload.partnerCode}`,
        'Query.stats',
        'Query.agreements',
        'Query.partners',
      ];
    case 'TIMELINE_EVENT_ADDED':
      return [
        `TimelineEvent:${event.timelineEventId}`,
        ...(event.agreementId === null ? [] : [`Agreement:${event.agreementId}`]),
        ...event.payload.partnerCodes.map((code) => `Partner:${code}`),
        'Query.timeline',
      ];
  }
}
