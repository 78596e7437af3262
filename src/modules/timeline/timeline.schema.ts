/**
 * TimelineEvent in the schema: the type, Query.timeline, Agreement.timeline (with the loaders that
 * read an event's partners and each agreement's page), addTimelineEvent and its subscription. Over
 * 350 lines as one domain type's schema, laid out as Pothos lays one out (see agreement.schema.ts).
 */
import { pathDataloaderGetter } from '@pothos/plugin-dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { DATE_PRECISIONS, TIMELINE_EVENT_KINDS } from '../../db/enums';
import type { AgreementRow, PartnerRow, TimelineEventRow } from '../../db/types';
import { InvalidInputError, NotFoundError } from '../../errors';
import { allows, eventCursor } from '../../events/subscription.service';
import type { Connection } from '../../pagination/connection';
import { pageArgs } from '../../pagination/page-window';
import { type BuilderTypes, builder } from '../../schema/builder';
import { Confidence, OrderDirection } from '../../schema/common';
import { attachedPage, registerPagesBelow, registerParentWithPage } from '../../schema/preload';
import { nodeColumns, reads, selectedColumns } from '../../schema/selection';
import { Agreement, rowId } from '../agreements/agreement.schema';
import { Partner } from '../partners/partner.schema';
import type { DeliveredEventOf } from '../shared/delivered-event';
import type { TimelinePages } from './agreement-timeline.repository';

export const TimelineEventKind = builder.enumType('TimelineEventKind', {
  description: 'What kind of event a timeline entry records.',
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
  description: 'How precisely the sources date an event.',
  values: {
    DAY: { description: 'The day is known: occurredOn is that day.' },
    MONTH: { description: 'Only the month is known; occurredOn is the first of that month.' },
  } as const satisfies Record<(typeof DATE_PRECISIONS)[number], object>,
});

export const TimelineEvent = builder.loadableNode('TimelineEvent', {
  description:
    'Something that happened around the agreements (a framework, talks, a statement, a signing), with the partners and ' +
    'agreements it concerns and its sources.',
  id: { resolve: (event) => event.id, parse: (id) => rowId('id', id), extensions: reads<TimelineEventRow>('id') },
  load: (ids: number[], context) => context.services.timeline.byIds(ids),
  sort: (event: TimelineEventRow) => event.id,
  fields: (t) => ({
    reference: t.exposeString('reference', {
      nullable: true,
      description: 'Stable reference from the seed data, e.g. EV-2023-07-12-G7; null for events added through the API.',
    }),
    occurredOn: t.expose('occurredOn', {
      type: 'Date',
      description: 'When it happened; with MONTH precision, the first of the month (see dateText).',
    }),
    datePrecision: t.expose('datePrecision', {
      type: DatePrecision,
      description: 'Whether occurredOn is a day or a month.',
    }),
    dateText: t.exposeString('dateText', {
      nullable: true,
      description: 'The date as the sources give it, where imprecise.',
    }),
    kind: t.expose('kind', { type: TimelineEventKind, description: 'What kind of event it is.' }),
    title: t.exposeString('title', {
      description: 'A one-line summary, e.g. "G7 Joint Declaration of Support for Ukraine".',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What happened, in a few sentences (for a status change, the note given to transitionAgreement).',
    }),
    place: t.exposeString('place', {
      nullable: true,
      description: 'Where it happened, e.g. "Vilnius, Lithuania (NATO summit)".',
    }),
    confidence: t.expose('confidence', {
      type: Confidence,
      nullable: true,
      description: 'How well the event is sourced; null for events recorded through the API.',
    }),
    notes: t.exposeString('notes', { nullable: true, description: 'Caveats and disagreements between sources.' }),
    sources: t.expose('sources', {
      type: ['URL'],
      description: 'The pages the event rests on (empty for a status change recorded without sources).',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the record was created in this database.',
    }),
    partners: t.field({
      type: [Partner],
      description: 'The partners it concerns, by code (every G7 member for the G7 declaration); may be empty.',
      // A listed event may carry its partners, read with the page (timeline.repository.ts);
      // others are loaded for every event at that place in the query at once.
      extensions: reads<TimelineEventRow>('id', 'partners'),
      resolve: (event, args, context, info) => event.partners ?? partnersOfEvents(args, context, info).load(event.id),
    }),
    agreements: t.field({
      type: [Agreement],
      description: 'The agreements it concerns, in creation order; empty for events about no agreement in particular.',
      // A listed event may carry its agreements' ids, read with the page when they are all that is
      // read of them (Query.timeline); others are loaded for every event at that place at once.
      extensions: reads<TimelineEventRow>('id', 'agreementIds'),
      resolve: (event, args, context, info) =>
        event.agreementIds?.map((id) => ({ id }) as AgreementRow) ??
        agreementsOfEvents(args, context, info).load(event.id),
    }),
  }),
});

/**
 * TimelineEvent.agreements where the event came without their ids: one loader per place in the
 * query (`byPath`), so that `load` selects only the columns that place reads.
 */
const agreementsOfEvents = pathDataloaderGetter<number, AgreementRow[], number, object>(
  { maxBatchSize: 1000 },
  (ids, context, _args, info) =>
    (context as BuilderTypes['Context']).services.timeline.agreementsOfEvents(ids, selectedColumns(info, [])),
  undefined,
  false,
  true,
);

/**
 * The properties read of listed events. `agreementIds` (asked for by TimelineEvent.agreements)
 * stays among them only when the ids are all that is read of those agreements: the page then
 * carries them (timeline.repository.ts), and no agreement row is read.
 */
function listedEventProperties(info: GraphQLResolveInfo): readonly string[] | undefined {
  const properties = nodeColumns(info);
  if (!properties?.includes('agreementIds')) return properties;
  const agreement = nodeColumns(info, ['agreements']);
  if (agreement?.every((property) => property === 'id')) return properties;
  let without = withoutAgreementIds.get(properties);
  if (!without) {
    without = properties.filter((property) => property !== 'agreementIds');
    withoutAgreementIds.set(properties, without);
  }
  return without;
}
// Per selection (nodeColumns caches its lists per parsed document).
const withoutAgreementIds = new WeakMap<readonly string[], readonly string[]>();

/**
 * TimelineEvent.partners where the event came without them: one loader per place in the query
 * (`byPath`), so that `load` selects only the columns that place reads.
 */
const partnersOfEvents = pathDataloaderGetter<number, PartnerRow[], number, object>(
  { maxBatchSize: 1000 },
  // The plugin types the context as its own (an empty object); ours is what Pothos hands it.
  (ids, context, _args, info) =>
    (context as BuilderTypes['Context']).services.timeline.partnersOfEvents(ids, selectedColumns(info, [])),
  undefined,
  false,
  true,
);

const TimelineOrder = builder.inputType('TimelineOrder', {
  description: 'The order of a timeline: by date, ties broken by ID. Cursors belong to one direction.',
  fields: (t) => ({
    field: t.field({
      type: builder.enumType('TimelineOrderField', {
        description: 'What a timeline is sorted by.',
        values: { DATE: { description: 'occurredOn, then ID.' } } as const,
      }),
      defaultValue: 'DATE',
      description: 'What to sort by (only DATE so far).',
    }),
    direction: t.field({ type: OrderDirection, defaultValue: 'asc', description: 'Oldest first unless DESC.' }),
  }),
});

const TimelineFilter = builder.inputType('TimelineFilter', {
  description: 'Which events to list: every condition given must hold; a condition left out (or null) does not filter.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'On or after this date.' }),
    to: t.field({ type: 'Date', description: 'On or before this date.' }),
    kind: t.field({ type: [TimelineEventKind], description: 'Of any of these kinds.' }),
    partnerCode: t.field({
      type: ['CountryCode'],
      description: 'Concerning any of these partners; unknown codes are BAD_USER_INPUT.',
    }),
    agreementId: t.globalID({ for: Agreement, description: 'Concerning this agreement (its global ID).' }),
  }),
});

// One connection type for every list of timeline events (Query.timeline, Agreement.timeline), so a
// client writes one fragment and one edge type name for both.
const TimelineConnection = builder.connectionObject(
  {
    type: TimelineEvent,
    name: 'TimelineConnection',
    description: 'A page of timeline events, with the total across pages.',
  },
  { name: 'TimelineEdge', description: 'A timeline event in a page, with its cursor.' },
);

builder.queryField('timeline', (t) =>
  t.connection(
    {
      type: TimelineEvent,
      description:
        'Every event around the agreements, by date (oldest first unless orderBy says DESC), a page at a time.',
      args: {
        filter: t.arg({ type: TimelineFilter, description: 'Conditions every listed event meets; none: all.' }),
        orderBy: t.arg({
          type: TimelineOrder,
          defaultValue: { field: 'DATE', direction: 'asc' },
          description: 'By date; ascending unless given.',
        }),
      },
      resolve: (_root, args, context, info) => {
        const { agreementId, ...filter } = args.filter ?? {};
        return context.services.timeline.list(
          { ...filter, agreementId: agreementId ? agreementId.id : null },
          args.orderBy?.direction ?? 'asc',
          pageArgs(args, info),
          listedEventProperties(info),
          nodeColumns(info, ['partners']),
        );
      },
    },
    TimelineConnection,
  ),
);

/** The arguments of Agreement.timeline. */
export interface AgreementTimelineArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  orderBy?: { direction?: 'asc' | 'desc' | null } | null;
}

/**
 * Agreement.timeline for every agreement at one place in the query (`byPath`), so that `load`
 * reads that place's arguments and selection.
 */
const timelinesOfAgreements = pathDataloaderGetter<number, Connection<TimelineEventRow>, number, AgreementTimelineArgs>(
  { maxBatchSize: 1000 },
  (ids, context, args, info) =>
    (context as BuilderTypes['Context']).services.timeline.pagesOfAgreements(
      ids,
      args.orderBy?.direction ?? 'asc',
      pageArgs(args, info),
      nodeColumns(info),
      nodeColumns(info, ['partners']),
    ),
  undefined,
  false,
  true,
);

builder.objectField(Agreement, 'timeline', (t) =>
  t.field({
    type: TimelineConnection,
    description: 'The events concerning this agreement, by date, paginated like Query.timeline.',
    args: {
      ...t.arg.connectionArgs(),
      orderBy: t.arg({
        type: TimelineOrder,
        defaultValue: { field: 'DATE', direction: 'asc' },
        description: 'By date; ascending unless given (DESC for the latest first).',
      }),
    },
    extensions: reads<AgreementRow>('id'),
    // The page read with the agreement (Query.agreement, or Query.partners with their agreements),
    // else loaded with every agreement's at this place.
    resolve: (agreement, args, context, info) =>
      attachedPage<Connection<TimelineEventRow>>(agreement, info) ??
      timelinesOfAgreements(args, context, info).load(agreement.id),
  }),
);

// Query.agreement reads the agreement and its timeline in one statement (schema/preload.ts).
registerParentWithPage<number, BuilderTypes['Context']>(
  'Agreement',
  'timeline',
  (id, args: AgreementTimelineArgs, info, context, rootInfo) =>
    context.services.timeline.agreementWithPage(
      id,
      args.orderBy?.direction ?? 'asc',
      pageArgs(args, info),
      nodeColumns(info),
      nodeColumns(info, ['partners']),
      selectedColumns(rootInfo, []),
    ),
);

// Query.partners reads each listed agreement's timeline with the partners and their agreements (schema/preload.ts).
registerPagesBelow<AgreementTimelineArgs, BuilderTypes['Context'], TimelinePages>(
  'Agreement',
  'timeline',
  (args, info, context) =>
    context.services.timeline.pagesRequest(
      args.orderBy?.direction ?? 'asc',
      pageArgs(args, info),
      nodeColumns(info),
      nodeColumns(info, ['partners']),
    ),
);

const AddTimelineEventInput = builder.inputType('AddTimelineEventInput', {
  description: 'A new timeline event (signings and status changes are recorded by transitionAgreement instead).',
  fields: (t) => ({
    occurredOn: t.field({
      type: 'Date',
      required: true,
      description: 'When it happened; with MONTH precision, the first of the month.',
    }),
    datePrecision: t.field({
      type: DatePrecision,
      defaultValue: 'DAY',
      description: 'DAY unless only the month is known.',
    }),
    kind: t.field({
      type: TimelineEventKind,
      required: true,
      description: 'Not SIGNING or STATUS_CHANGE: those come from transitionAgreement.',
    }),
    title: t.string({ required: true, description: 'A one-line summary, at most 500 characters.' }),
    description: t.string({ description: 'What happened, at most 5000 characters.' }),
    place: t.string({ description: 'Where it happened.' }),
    partnerCodes: t.field({
      type: ['CountryCode'],
      description: 'The partners it concerns; each must exist (else NotFoundError).',
    }),
    agreementIds: t.globalIDList({
      for: Agreement,
      description: 'The agreements it concerns, by global ID; each must exist (else NotFoundError).',
    }),
    sources: t.field({ type: ['URL'], required: true, description: 'Every fact needs a source: at least one URL.' }),
  }),
});

builder.mutationField('addTimelineEvent', (t) =>
  t.field({
    type: builder.objectRef<{ event: TimelineEventRow }>('AddTimelineEventPayload').implement({
      description: 'A timeline event that was recorded.',
      fields: (f) => ({
        timelineEvent: f.field({
          type: TimelineEvent,
          description: 'The new event.',
          resolve: (payload) => payload.event,
        }),
      }),
    }),
    description:
      'Records a timeline event; subscribers of timelineEventAdded hear of it once committed. Needs an editor or admin token.',
    authScopes: { editor: true },
    errors: {
      types: [NotFoundError, InvalidInputError],
      union: { description: 'The new event, or why it was not recorded.' },
    },
    args: { input: t.arg({ type: AddTimelineEventInput, required: true, description: 'The event to record.' }) },
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
  description:
    'A timeline event that was committed (added with addTimelineEvent, or by a transition), as the event log delivers it.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Pass as `after` to resume a subscription right after this event (SSE: the event’s `id:`).',
      resolve: eventCursor,
    }),
    sequence: t.exposeInt('sequence', {
      description: 'Position in the event log, increasing across topics; the cursor is this number as text.',
    }),
    // Loaded with the event, once for every subscriber; the id is the fallback if the row is gone.
    timelineEvent: t.field({
      type: TimelineEvent,
      description: 'The event as it is now.',
      resolve: (added) => added.timelineEvent ?? added.timelineEventId,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When it was committed (not when the event happened: see timelineEvent.occurredOn).',
      resolve: (added) => added.createdAt,
    }),
  }),
});

const TimelineEventAddedFilter = builder.inputType('TimelineEventAddedFilter', {
  description: 'Which new events to deliver; a condition left out does not filter.',
  fields: (t) => ({
    kind: t.field({ type: [TimelineEventKind], description: 'Of any of these kinds.' }),
    partnerCode: t.field({ type: ['CountryCode'], description: 'Concerning any of these partners.' }),
  }),
});

builder.subscriptionField('timelineEventAdded', (t) =>
  t.field({
    type: TimelineEventAdded,
    description:
      'Every timeline event committed from now on (or, with `after`, from just after that cursor: missed events first, in order).',
    args: {
      filter: t.arg({ type: TimelineEventAddedFilter, description: 'Which events to deliver; none: all.' }),
      after: t.arg.string({
        description:
          'The last cursor you saw: replays every later event, then continues live, with no gap or duplicate.',
      }),
    },
    subscribe: (_root, { filter, after }, context) => {
      const partnerCodes = filter?.partnerCode;
      return context.services.subscriptions.subscribe(
        'TIMELINE_EVENT_ADDED',
        { after, lastEventId: context.lastEventId, start: context.subscriptionStart },
        ({ payload }) =>
          allows(filter?.kind, payload.kind) &&
          (!partnerCodes?.length || payload.partnerCodes.some((code) => partnerCodes.includes(code))),
      );
    },
    resolve: (added) => added,
  }),
);
