import type { DATE_PRECISIONS, TIMELINE_EVENT_KINDS } from '../../db/enums';
import type { AgreementRow, TimelineEventRow } from '../../db/types';
import { InvalidInputError, NotFoundError } from '../../errors';
import { allows, eventCursor } from '../../events/subscription.service';
import { pageArgs } from '../../pagination/page-window';
import { builder } from '../../schema/builder';
import { Confidence, OrderDirection } from '../../schema/common';
import { nodeColumns, reads, selectedColumns } from '../../schema/selection';
import { Agreement, rowId } from '../agreements/agreement.schema';
import { Partner } from '../partners/partner.schema';
import type { DeliveredEventOf } from '../shared/delivered-event';

export const TimelineEventKind = builder.enumType('TimelineEventKind', {
  values: {
    FRAMEWORK: { description: 'A multilateral framework: the G7 declaration, the Ukraine Compact.' },
    NEGOTIATION: { description: 'Talks, consultations, a planned signing that did not happen.' },
    STATEMENT: { description: 'A leader or ministry saying where things stand or what to expect.' },
    SIGNING: { description: 'An agreement was signed (recorded by transitionAgreement, or seeded).' },
    STATUS_CHANGE: { description: 'Another move along the state machine (recorded by transitionAgreement).' },
    RELATED: { description: 'A related agreement outside the G7 framework.' },
  } as const satisfies Record<(typeof TIMELINE_EVENT_KINDS)[number], object>,
});

const DatePrecision = builder.enumType('DatePrecision', {
  values: {
    DAY: {},
    MONTH: { description: 'Only the month is known; occurredOn is the first of that month.' },
  } as const satisfies Record<(typeof DATE_PRECISIONS)[number], object>,
});

export const TimelineEvent = builder.loadableNode('TimelineEvent', {
  id: { resolve: (event) => event.id, parse: (id) => rowId('id', id), extensions: reads<TimelineEventRow>('id') },
  load: (ids: number[], context) => context.services.timeline.byIds(ids),
  sort: (event: TimelineEventRow) => event.id,
  fields: (t) => ({
    reference: t.exposeString('reference', { nullable: true }),
    occurredOn: t.expose('occurredOn', { type: 'Date' }),
    datePrecision: t.expose('datePrecision', { type: DatePrecision }),
    dateText: t.exposeString('dateText', {
      nullable: true,
      description: 'The date as the sources give it, where imprecise.',
    }),
    kind: t.expose('kind', { type: TimelineEventKind }),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    place: t.exposeString('place', { nullable: true }),
    confidence: t.expose('confidence', { type: Confidence, nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    sources: t.expose('sources', { type: ['URL'] }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    partners: t.loadableList({
      type: Partner,
      extensions: reads<TimelineEventRow>('id'),
      loaderOptions: { maxBatchSize: 1000 },
      load: (ids: number[], context) => context.services.timeline.partnersOfEvents(ids),
      resolve: (event) => event.id,
    }),
    agreements: t.loadableList({
      type: Agreement,
      extensions: reads<TimelineEventRow>('id'),
      // One loader per place in the query, so that `load` selects only what that place reads.
      byPath: true,
      loaderOptions: { maxBatchSize: 1000 },
      load: (ids: number[], context, _args, info) =>
        context.services.timeline.agreementsOfEvents(ids, selectedColumns(info, [])),
      resolve: (event) => event.id,
    }),
  }),
});

const TimelineOrder = builder.inputType('TimelineOrder', {
  fields: (t) => ({
    field: t.field({
      type: builder.enumType('TimelineOrderField', { values: ['DATE'] as const }),
      defaultValue: 'DATE',
    }),
    direction: t.field({ type: OrderDirection, defaultValue: 'asc' }),
  }),
});

const TimelineFilter = builder.inputType('TimelineFilter', {
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'On or after this date.' }),
    to: t.field({ type: 'Date', description: 'On or before this date.' }),
    kind: t.field({ type: [TimelineEventKind] }),
    partnerCode: t.field({ type: ['CountryCode'] }),
    agreementId: t.globalID({ for: Agreement }),
  }),
});

builder.queryField('timeline', (t) =>
  t.connection(
    {
      type: TimelineEvent,
      args: {
        filter: t.arg({ type: TimelineFilter }),
        orderBy: t.arg({ type: TimelineOrder, defaultValue: { field: 'DATE', direction: 'asc' } }),
      },
      resolve: (_root, args, context, info) => {
        const { agreementId, ...filter } = args.filter ?? {};
        return context.services.timeline.list(
          { ...filter, agreementId: agreementId ? agreementId.id : null },
          args.orderBy?.direction ?? 'asc',
          pageArgs(args, info),
          nodeColumns(info),
        );
      },
    },
    { name: 'TimelineConnection' },
    { name: 'TimelineEdge' },
  ),
);

// The schema's names for this connection, as t.connection gave them before it became loadable.
const AgreementTimelineConnection = builder.connectionObject(
  { type: TimelineEvent, name: 'AgreementTimelineConnection' },
  { name: 'AgreementTimelineConnectionEdge' },
);

builder.objectField(Agreement, 'timeline', (t) =>
  t.loadable({
    type: AgreementTimelineConnection,
    // One loader per place in the query, so that `load` reads that place's arguments and selection.
    byPath: true,
    loaderOptions: { maxBatchSize: 1000 },
    args: {
      ...t.arg.connectionArgs(),
      orderBy: t.arg({ type: TimelineOrder, defaultValue: { field: 'DATE', direction: 'asc' } }),
    },
    extensions: reads<AgreementRow>('id'),
    load: (ids: number[], context, args, info) =>
      context.services.timeline.pagesOfAgreements(
        ids,
        args.orderBy?.direction ?? 'asc',
        pageArgs(args, info),
        nodeColumns(info),
      ),
    resolve: (agreement) => agreement.id,
  }),
);

const AddTimelineEventInput = builder.inputType('AddTimelineEventInput', {
  fields: (t) => ({
    occurredOn: t.field({ type: 'Date', required: true }),
    datePrecision: t.field({ type: DatePrecision, defaultValue: 'DAY' }),
    kind: t.field({
      type: TimelineEventKind,
      required: true,
      description: 'Not SIGNING or STATUS_CHANGE: those come from transitionAgreement.',
    }),
    title: t.string({ required: true }),
    description: t.string(),
    place: t.string(),
    partnerCodes: t.field({ type: ['CountryCode'] }),
    agreementIds: t.globalIDList({ for: Agreement }),
    sources: t.field({ type: ['URL'], required: true, description: 'Every fact needs a source: at least one URL.' }),
  }),
});

builder.mutationField('addTimelineEvent', (t) =>
  t.field({
    type: builder.objectRef<{ event: TimelineEventRow }>('AddTimelineEventPayload').implement({
      fields: (f) => ({ timelineEvent: f.field({ type: TimelineEvent, resolve: (payload) => payload.event }) }),
    }),
    authScopes: { editor: true },
    errors: { types: [NotFoundError, InvalidInputError] },
    args: { input: t.arg({ type: AddTimelineEventInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      if (input.sources.length === 0) throw new InvalidInputError('sources', 'needs at least one URL');
      const event = await context.services.timeline.add({
        ...input,
        datePrecision: input.datePrecision ?? 'DAY',
        agreementIds: input.agreementIds?.map((id) => id.id),
      });
      return { event };
    },
  }),
);

const TimelineEventAdded = builder.objectRef<DeliveredEventOf<'TIMELINE_EVENT_ADDED'>>('TimelineEventAdded').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: eventCursor }),
    sequence: t.exposeInt('sequence'),
    // Loaded with the event, once for every subscriber; the id is the fallback if the row is gone.
    timelineEvent: t.field({ type: TimelineEvent, resolve: (added) => added.timelineEvent ?? added.timelineEventId }),
    occurredAt: t.field({ type: 'DateTime', resolve: (added) => added.createdAt }),
  }),
});

const TimelineEventAddedFilter = builder.inputType('TimelineEventAddedFilter', {
  fields: (t) => ({
    kind: t.field({ type: [TimelineEventKind] }),
    partnerCode: t.field({ type: ['CountryCode'] }),
  }),
});

builder.subscriptionField('timelineEventAdded', (t) =>
  t.field({
    type: TimelineEventAdded,
    args: { filter: t.arg({ type: TimelineEventAddedFilter }), after: t.arg.string() },
    subscribe: (_root, { filter, after }, context) => {
      const partnerCodes = filter?.partnerCode;
      return context.services.subscriptions.subscribe(
        'TIMELINE_EVENT_ADDED',
        { after, lastEventId: context.lastEventId },
        ({ payload }) =>
          allows(filter?.kind, payload.kind) &&
          (!partnerCodes?.length || payload.partnerCodes.some((code) => partnerCodes.includes(code))),
      );
    },
    resolve: (added) => added,
  }),
);
