import type { AgreementRow, TimelineEventRow } from '../../db/types';
import type { LogEvent, Topic } from '../../events/event-topics';

/**
 * What a subscriber receives: an event with the rows it names, loaded with the event, once for
 * every subscriber (services.ts wires the loader into the bus). Resolving a delivery then needs no
 * database round trip, so a busy or restarting database can delay an event (the read is retried)
 * but never turn it into an error in the stream. A row that is not there is loaded by its id when
 * the field is resolved.
 */
export type DeliveredEvent = LogEvent & {
  agreement?: AgreementRow | undefined;
  timelineEvent?: TimelineEventRow | undefined;
};
export type DeliveredEventOf<T extends Topic> = Extract<DeliveredEvent, { topic: T }>;
