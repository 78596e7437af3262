/**
 * Subscriptions. Each reads the event log through the bus: `after` (or SSE's Last-Event-ID)
 * replays every committed event after that cursor, in order, then continues live with no gap and
 * no duplicate at the seam.
 */
import type { GraphQLContext } from '../context';
import type { TimelineEventRow } from '../db/types';
import { InvalidInputError } from '../errors';
import { builder } from '../schema/builder';
import { AgreementStatusChange, AgreementStatusEnum } from '../modules/agreements/agreement.schema';
import { TimelineEvent, TimelineEventKind } from '../modules/timeline/timeline.schema';
import { type LoggedEvent, latestSequence, type Topic } from './event-log.repository';

function parseCursor(field: string, cursor: string | null | undefined): number | null {
  if (cursor == null) return null;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidInputError(field, 'is not a valid event cursor');
  return Number(cursor);
}

async function subscribe(
  context: GraphQLContext,
  topic: Topic,
  after: string | null | undefined,
  matches: (row: LoggedEvent) => boolean,
) {
  const explicit = parseCursor('after', after);
  // A reconnecting EventSource repeats its original request, `after` included, and adds the id of
  // the last event it received: resume after the later one, or it gets that stretch twice.
  const lastSeen = parseCursor('Last-Event-ID', context.lastEventId);
  const resumeFrom = explicit === null || lastSeen === null ? (explicit ?? lastSeen) : Math.max(explicit, lastSeen);
  const events = context.services.events;
  // A cursor past the end of the log was never handed out; accepting it would silently skip
  // the events up to it. (The database, not this instance's bus, knows the true end.)
  if (resumeFrom !== null && resumeFrom > events.position && resumeFrom > (await latestSequence(events.db))) {
    throw new InvalidInputError(explicit === resumeFrom ? 'after' : 'Last-Event-ID', 'is ahead of the event log');
  }
  return events.subscribe({ topic, after: resumeFrom, matches });
}

interface StatusPayload {
  partnerCode: string;
  from: string;
  to: string;
  effectiveDate: string;
  version: number;
}

const toStatusChange = (row: LoggedEvent) => {
  const payload = row.payload as unknown as StatusPayload;
  return {
    // Loaded by the bus once for every subscriber; the id is the fallback if the row is gone.
    agreement: row.agreement ?? row.agreementId!,
    sequence: row.sequence,
    from: payload.from,
    to: payload.to,
    effectiveDate: payload.effectiveDate,
    version: payload.version,
    occurredAt: row.createdAt,
  };
};

const StatusChangeFilter = builder.inputType('AgreementStatusChangeFilter', {
  fields: (t) => ({
    partnerCode: t.field({ type: ['CountryCode'] }),
    from: t.field({ type: [AgreementStatusEnum] }),
    to: t.field({ type: [AgreementStatusEnum] }),
  }),
});

const TimelineEventAdded = builder
  .objectRef<{ sequence: number; timelineEvent: TimelineEventRow | number; occurredAt: Date }>('TimelineEventAdded')
  .implement({
    fields: (t) => ({
      cursor: t.string({ resolve: (added) => String(added.sequence) }),
      sequence: t.exposeInt('sequence'),
      timelineEvent: t.field({ type: TimelineEvent, resolve: (added) => added.timelineEvent }),
      occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    }),
  });

const TimelineEventAddedFilter = builder.inputType('TimelineEventAddedFilter', {
  fields: (t) => ({
    kind: t.field({ type: [TimelineEventKind] }),
    partnerCode: t.field({ type: ['CountryCode'] }),
  }),
});

const oneOf = (allowed: readonly string[] | null | undefined, value: string) =>
  !allowed?.length || allowed.includes(value);

builder.subscriptionFields((t) => ({
  agreementStatusChanged: t.field({
    type: AgreementStatusChange,
    description: 'Every committed status change. Pass the last cursor you saw as `after` to resume without gaps.',
    args: { filter: t.arg({ type: StatusChangeFilter }), after: t.arg.string() },
    subscribe: (_root, { filter, after }, context) =>
      subscribe(context, 'AGREEMENT_STATUS_CHANGED', after, (row) => {
        const payload = row.payload as unknown as StatusPayload;
        return (
          oneOf(filter?.partnerCode, payload.partnerCode) &&
          oneOf(filter?.from, payload.from) &&
          oneOf(filter?.to, payload.to)
        );
      }),
    resolve: toStatusChange,
  }),
  agreementSigned: t.field({
    type: AgreementStatusChange,
    description: 'Only signings: an agreement moving from NEGOTIATING to SIGNED.',
    args: { partnerCode: t.arg({ type: 'CountryCode' }), after: t.arg.string() },
    subscribe: (_root, { partnerCode, after }, context) =>
      subscribe(context, 'AGREEMENT_STATUS_CHANGED', after, (row) => {
        const payload = row.payload as unknown as StatusPayload;
        return (
          payload.from === 'NEGOTIATING' &&
          payload.to === 'SIGNED' &&
          (!partnerCode || payload.partnerCode === partnerCode)
        );
      }),
    resolve: toStatusChange,
  }),
  timelineEventAdded: t.field({
    type: TimelineEventAdded,
    args: { filter: t.arg({ type: TimelineEventAddedFilter }), after: t.arg.string() },
    subscribe: (_root, { filter, after }, context) =>
      subscribe(context, 'TIMELINE_EVENT_ADDED', after, (row) => {
        const payload = row.payload as { kind: string; partnerCodes: string[] };
        return (
          oneOf(filter?.kind, payload.kind) &&
          (!filter?.partnerCode?.length || payload.partnerCodes.some((code) => filter.partnerCode!.includes(code)))
        );
      }),
    resolve: (row) => ({
      sequence: row.sequence,
      timelineEvent: row.timelineEvent ?? row.timelineEventId!,
      occurredAt: row.createdAt,
    }),
  }),
}));
