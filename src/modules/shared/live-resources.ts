/**
 * What each event of the log touches, named as live queries name what they read
 * (server/live-queries.ts): the objects by their global ID's `Type:id`, lists and figures by root
 * field. Every list a change can enter or leave is named, so a list query never misses one; a
 * list's members are named by their ids, so an edit reaches every list that shows the object.
 */
import type { LogEvent } from '../../events/event-topics';

export function liveResourcesOf(event: LogEvent): string[] {
  switch (event.topic) {
    case 'AGREEMENT_STATUS_CHANGED':
    case 'AGREEMENT_CREATED':
      // A partner enters `partners(asOf:)` with its first agreement on record.
      return [
        `Agreement:${event.agreementId}`,
        `Partner:${event.payload.partnerCode}`,
        'Query.stats',
        'Query.agreements',
        'Query.partners',
      ];
    case 'AGREEMENT_UPDATED':
      // Status, signing date and the official-list flag are not editable: no figure of `stats`
      // moves. A title, area or window edit can move the agreement in or out of a filtered list.
      return [`Agreement:${event.agreementId}`, `Partner:${event.payload.partnerCode}`, 'Query.agreements'];
    case 'TIMELINE_EVENT_ADDED':
      return [
        `TimelineEvent:${event.timelineEventId}`,
        // A transition's event names its agreement in both places; a name twice does no harm.
        ...(event.agreementId === null ? [] : [`Agreement:${event.agreementId}`]),
        ...event.payload.agreementIds.map((id) => `Agreement:${id}`),
        ...event.payload.partnerCodes.map((code) => `Partner:${code}`),
        'Query.timeline',
      ];
    case 'PARTNER_CHANGED':
      // Names and memberships order and filter both lists, and count in `stats` (by membership).
      return [`Partner:${event.payload.partnerCode}`, 'Query.partners', 'Query.agreements', 'Query.stats'];
  }
}
