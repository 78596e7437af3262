/**
 * Subscriptions. Each reads the event log through the bus: `after` (or SSE's Last-Event-ID)
 * replays every committed event after that cursor, in order, then continues live with no gap and
 * no duplicate at the seam.
 */
import type { AgreementRow, EventLogRow } from '../db/types';
import { InvalidInputError } from '../errors';
import { builder } from '../graphql/builder';
import type { GraphQLContext } from '../context';
import { AgreementStatusChange, AgreementStatusEnum } from '../modules/agreements/agreement.schema';
import { TimelineEvent, TimelineEventKind } from '../modules/timeline/timeline.schema';
import type { Topic } from './event-log.repository';

function parseCursor(field: string, cursor: string | null | undefined): number | null {
  if (cursor == null) return null;
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidInputError(field, 'is not a valid event cursor');
  return Number(cursor);
}

function subscribe(
  context: GraphQLContext,
  topic: Topic,
  after: string | null | undefined,
  matches: (row: EventLogRow) => boolean,
) {
  const explicit = parseCursor('after', after);
  // A reconnecting EventSource repeats its original request, `after` included, and adds the id of
  // the last event it received: resume after the later one, or it gets that stretch twice.
  const lastSeen = parseCursor('Last-Event-ID', context.lastEventId);
  const resumeFrom = explicit === null || lastSeen === null ? (explicit ?? lastSeen) : Math.max(explicit, lastSeen);
  return context.services.events.subscribe({ topic, after: resumeFrom, matches });
}

interface StatusPayload {
  partnerCode: string;
  from: string;
  to: string;
  effectiveDate: string;
}

const toStatusChange = (row: EventLogRow) => {
  const payload = row.payload as unknown as StatusPayload;
  return {
    agreement: row.agreementId!,
    sequence: row.sequence,
    from: payload.from,
    to: payload.to,
    effectiveDate: payload.effectiveDate,
    occurredAt: row.createdAt,
  };
};

// FAN-OUT PROTOTYPE (bench/results/fanout-latest.md): the bus hands the same row object to every
// live subscriber, so the agreement is loaded once per event, not once per subscriber's context.
const agreementOfRow = new WeakMap<EventLogRow, Promise<AgreementRow | number>>();

function sharedAgreement(row: EventLogRow, context: GraphQLContext): Promise<AgreementRow | number> {
  let agreement = agreementOfRow.get(row);
  if (!agreement) {
    const id = row.agreementId!;
    // Not found: hand the id on, and the field's loader answers as it did before.
    agreement = context.services.agreements.byIds([id]).then(
      (rows) => rows[0] ?? id,
      (error: unknown) => {
        agreementOfRow.delete(row);
        throw error;
      },
    );
    // Awaited only where `agreement` is selected: a failure must not become an unhandled rejection.
    agreement.catch(() => {});
    agreementOfRow.set(row, agreement);
  }
  return agreement;
}

const toSharedStatusChange = (row: EventLogRow, _args: unknown, context: GraphQLContext) => ({
  ...toStatusChange(row),
  // The dataloader plugin awaits a promise here like a row, so a failed load still errors at
  // `agreement`, as the per-subscriber load did.
  agreement: sharedAgreement(row, context) as unknown as AgreementRow,
});

const StatusChangeFilter = builder.inputType('AgreementStatusChangeFilter', {
  fields: (t) => ({
    partnerCode: t.field({ type: ['CountryCode'] }),
    from: t.field({ type: [AgreementStatusEnum] }),
    to: t.field({ type: [AgreementStatusEnum] }),
  }),
});

const TimelineEventAdded = builder
  .objectRef<{ sequence: number; timelineEvent: number; occurredAt: Date }>('TimelineEventAdded')
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

const oneOf = (allowed: readonly string[] | null | undefined, value: string) => !allowed?.length || allowed.includes(value);

builder.subscriptionFields((t) => ({
  agreementStatusChanged: t.field({
    type: AgreementStatusChange,
    description: 'Every committed status change. Pass the last cursor you saw as `after` to resume without gaps.',
    args: { filter: t.arg({ type: StatusChangeFilter }), after: t.arg.string() },
    subscribe: (_root, { filter, after }, context) =>
      subscribe(context, 'AGREEMENT_STATUS_CHANGED', after, (row) => {
        const payload = row.payload as unknown as StatusPayload;
        return (
          oneOf(filter?.partnerCode, payload.partnerCode) && oneOf(filter?.from, payload.from) && oneOf(filter?.to, payload.to)
        );
      }),
    resolve: toSharedStatusChange,
  }),
  agreementSigned: t.field({
    type: AgreementStatusChange,
    description: 'Only signings: an agreement moving from NEGOTIATING to SIGNED.',
    args: { partnerCode: t.arg({ type: 'CountryCode' }), after: t.arg.string() },
    subscribe: (_root, { partnerCode, after }, context) =>
      subscribe(context, 'AGREEMENT_STATUS_CHANGED', after, (row) => {
        const payload = row.payload as unknown as StatusPayload;
        return payload.from === 'NEGOTIATING' && payload.to === 'SIGNED' && (!partnerCode || payload.partnerCode === partnerCode);
      }),
    resolve: toSharedStatusChange,
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
    resolve: (row) => ({ sequence: row.sequence, timelineEvent: row.timelineEventId!, occurredAt: row.createdAt }),
  }),
}));
