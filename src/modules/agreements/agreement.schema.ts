/**
 * Agreement in the schema: the type, its enums, filter and order, the root fields that return it,
 * Partner.agreements, and the three mutations with their inputs. Over 350 lines because it is one
 * domain type with some thirty fields; kept whole, as Pothos lays a schema out (one file per type,
 * queries beside the type they return), rather than split by GraphQL operation kind.
 */
import { type AgreementStatus, AREAS } from '../../db/enums';
import type { AgreementRow, PartnerRow } from '../../db/types';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../../errors';
import { pageArgs } from '../../pagination/page-window';
import { type BuilderTypes, builder } from '../../schema/builder';
import { Confidence, Membership, OrderDirection, Person } from '../../schema/common';
import { nodeColumns, reads, selectedColumns } from '../../schema/selection';
import { asOfArg, loadPerDay, type OnDay, onDayCacheKey } from '../history/as-of.schema';
import { Partner } from '../partners/partner.schema';
import { TRANSITIONS } from './agreement-status';

export const AgreementStatusEnum = builder.enumType('AgreementStatus', {
  description: 'NEGOTIATING → SIGNED | STALLED | ABANDONED; STALLED → NEGOTIATING | SIGNED | ABANDONED.',
  values: {
    NEGOTIATING: { description: 'Under negotiation (including negotiations only reported by the sources).' },
    STALLED: { description: 'A planned signing did not take place and is pending.' },
    SIGNED: { description: 'Signed: signedOn is set.' },
    ABANDONED: { description: 'Negotiations ended without an agreement.' },
  } as const satisfies Record<AgreementStatus, object>,
});

export const AgreementArea = builder.enumType('AgreementArea', {
  description:
    'Areas of cooperation, the controlled vocabulary of the seed data (not an exhaustive reading of each text).',
  values: Object.fromEntries(AREAS.map((area) => [area.toUpperCase(), { value: area }])) as Record<
    Uppercase<(typeof AREAS)[number]>,
    { value: (typeof AREAS)[number] }
  >,
});

const ExpectedWindow = builder
  .objectRef<{ from: string; to: string; statedOn: string | null; label: string | null; sources: string[] }>(
    'ExpectedSigningWindow',
  )
  .implement({
    description: 'When a signing was expected, as a leader or government named it, with the source of that statement.',
    fields: (t) => ({
      from: t.expose('from', { type: 'Date' }),
      to: t.expose('to', { type: 'Date' }),
      statedOn: t.expose('statedOn', {
        type: 'Date',
        nullable: true,
        description: 'The day the window was named (null when unknown); asOf answers show it from then on.',
      }),
      label: t.exposeString('label', { nullable: true, description: 'As it was said, e.g. "May–June 2024".' }),
      sources: t.expose('sources', { type: ['URL'] }),
    }),
  });

export const Agreement = builder.loadableNode('Agreement', {
  description: 'A bilateral security agreement (signed, or still being negotiated) between Ukraine and a partner.',
  // Parsed once at the boundary, so node(id:) and every Agreement ID argument load by number.
  id: { resolve: (agreement) => agreement.id, parse: (id) => rowId('id', id), extensions: reads<AgreementRow>('id') },
  load: (ids: number[], context) => context.services.agreements.byIds(ids),
  sort: (agreement: AgreementRow) => agreement.id,
  fields: (t) => ({
    reference: t.exposeString('reference', {
      nullable: true,
      description: 'Stable reference from the seed data, e.g. UA-GB-2024.',
    }),
    title: t.exposeString('title', { nullable: true, description: 'Null where no source gives a title.' }),
    titleVerbatim: t.exposeBoolean('titleVerbatim', {
      description: 'True only where the heading of the text itself was read.',
    }),
    titleNote: t.exposeString('titleNote', { nullable: true }),
    status: t.expose('status', { type: AgreementStatusEnum }),
    allowedTransitions: t.field({
      type: [AgreementStatusEnum],
      extensions: reads<AgreementRow>('status'),
      resolve: (agreement) => TRANSITIONS[agreement.status],
    }),
    signedOn: t.expose('signedOn', { type: 'Date', nullable: true }),
    place: t.exposeString('place', { nullable: true }),
    ukraineSignatory: t.expose('ukraineSignatory', { type: Person, nullable: true }),
    partnerSignatories: t.expose('partnerSignatories', { type: [Person] }),
    durationYears: t.exposeInt('durationYears', { nullable: true }),
    durationNote: t.exposeString('durationNote', { nullable: true }),
    areas: t.expose('areas', { type: [AgreementArea] }),
    areasDetail: t.exposeString('areasDetail', { nullable: true }),
    expectedSigningWindow: t.field({
      type: ExpectedWindow,
      nullable: true,
      extensions: reads<AgreementRow>(
        'expectedFrom',
        'expectedTo',
        'expectedStatedOn',
        'expectedLabel',
        'expectedSources',
      ),
      resolve: (agreement) =>
        agreement.expectedFrom && agreement.expectedTo
          ? {
              from: agreement.expectedFrom,
              to: agreement.expectedTo,
              statedOn: agreement.expectedStatedOn,
              label: agreement.expectedLabel,
              sources: agreement.expectedSources,
            }
          : null,
    }),
    framework: t.exposeString('framework', { nullable: true }),
    sequenceReported: t.exposeInt('sequenceReported', {
      nullable: true,
      description: 'Order reported by the Presidential Office; not unique (see sequenceNote).',
    }),
    sequenceNote: t.exposeString('sequenceNote', { nullable: true }),
    countedInOfficialList: t.exposeBoolean('countedInOfficialList', {
      description: "Whether Ukraine's official enumerations (Presidential Office, MoD) list it.",
    }),
    classificationDisputed: t.exposeBoolean('classificationDisputed', {
      description: 'Signed, but sources disagree whether it is one of the G7-framework agreements (Croatia).',
    }),
    confidence: t.expose('confidence', { type: Confidence, nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    sources: t.expose('sources', { type: ['URL'] }),
    version: t.exposeInt('version', { description: 'Bumped on every change; pass it back as expectedVersion.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    partner: t.field({
      type: Partner,
      // The partner itself when the query joined it, else its code for the Partner loader; read
      // as of a day, the partner carries the day too (its agreements are then as of that day).
      extensions: reads<AgreementRow>('partnerCode', 'partner'),
      resolve: (agreement, _args, context) =>
        agreement.partner ??
        (agreement.asOf === undefined
          ? agreement.partnerCode
          : Partner.getDataloader(context)
              .load(agreement.partnerCode)
              .then((partner) => ({ ...partner, asOf: agreement.asOf }))),
    }),
  }),
});

const AgreementOrderField = builder.enumType('AgreementOrderField', {
  values: {
    ID: { description: 'Creation order.' },
    SIGNED_ON: { description: 'Signing date; agreements not signed come last in ascending order.' },
    TITLE: {},
  } as const,
});

export const AgreementOrder = builder.inputType('AgreementOrder', {
  fields: (t) => ({
    field: t.field({ type: AgreementOrderField, required: true }),
    direction: t.field({ type: OrderDirection, defaultValue: 'asc' }),
  }),
});

const AgreementFilter = builder.inputType('AgreementFilter', {
  fields: (t) => ({
    status: t.field({ type: [AgreementStatusEnum] }),
    partnerCode: t.field({
      type: ['CountryCode'],
      description: 'One or more partner codes; unknown codes are an error.',
    }),
    area: t.field({ type: AgreementArea }),
    membership: t.field({ type: Membership, description: 'Agreements with partners in this group.' }),
    signedFrom: t.field({ type: 'Date', description: 'Signed on or after this date.' }),
    signedTo: t.field({ type: 'Date', description: 'Signed on or before this date.' }),
    search: t.string({
      description: 'Words in the title, place, areas detail or notes (web search syntax, at most 200 characters).',
    }),
    countedInOfficialList: t.boolean(),
  }),
});

const orderOf = (
  order: { field: typeof AgreementOrderField.$inferType; direction?: 'asc' | 'desc' | null } | null | undefined,
) => ({
  field: order?.field ?? 'ID',
  direction: order?.direction ?? 'asc',
});

/** Global IDs carry the row id as text; anything but a positive integer is a forged ID. */
export function rowId(field: string, id: string): number {
  const value = Number(id);
  if (!/^[1-9]\d{0,9}$/.test(id) || !Number.isSafeInteger(value) || value > 2_147_483_647) {
    throw new InvalidInputError(field, `is not a valid ID (its key "${id.slice(0, 32)}" is not a positive integer)`);
  }
  return value;
}

// One connection type for every list of agreements (Query.agreements, Partner.agreements), so a
// client writes one fragment and one edge type name for all of them.
const AgreementConnection = builder.connectionObject(
  { type: Agreement, name: 'AgreementConnection' },
  { name: 'AgreementEdge' },
);

builder.queryFields((t) => ({
  agreements: t.connection(
    {
      type: Agreement,
      args: {
        filter: t.arg({ type: AgreementFilter }),
        orderBy: t.arg({ type: AgreementOrder, defaultValue: { field: 'ID', direction: 'asc' } }),
        asOf: asOfArg(t.arg),
      },
      resolve: (_root, args, context, info) =>
        context.services.agreements.list(
          args.filter ?? {},
          orderOf(args.orderBy),
          pageArgs(args, info),
          nodeColumns(info),
          nodeColumns(info, ['partner']),
          args.asOf,
        ),
    },
    AgreementConnection,
  ),
  agreement: t.field({
    type: Agreement,
    nullable: true,
    args: { id: t.arg.globalID({ for: Agreement, required: true }), asOf: asOfArg(t.arg) },
    resolve: async (_root, args, context, info) =>
      (await context.services.agreements.byId(
        args.id.id,
        selectedColumns(info, []),
        selectedColumns(info, ['partner']),
        args.asOf,
      )) ?? null,
  }),
}));

builder.objectField(Partner, 'agreements', (t) =>
  t.loadable({
    type: AgreementConnection,
    // One loader per place in the query, so that `load` reads that place's arguments and selection.
    byPath: true,
    args: {
      ...t.arg.connectionArgs(),
      status: t.arg({ type: [AgreementStatusEnum] }),
      orderBy: t.arg({ type: AgreementOrder, defaultValue: { field: 'ID', direction: 'asc' } }),
    },
    extensions: reads<PartnerRow>('code'),
    // A partner read as of a day lists its agreements as of that day.
    loaderOptions: { maxBatchSize: 1000, cacheKeyFn: onDayCacheKey },
    load: (keys: OnDay<string>[], context, args, info) =>
      loadPerDay(keys, (codes, asOf) =>
        context.services.agreements.pagesOfPartners(
          codes,
          { status: args.status },
          orderOf(args.orderBy),
          pageArgs(args, info),
          nodeColumns(info),
          asOf,
        ),
      ),
    resolve: (partner) => ({ key: partner.code, asOf: partner.asOf }),
  }),
);

// --- Mutations -------------------------------------------------------------------------------

const ExpectedWindowInput = builder.inputType('ExpectedSigningWindowInput', {
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true }),
    to: t.field({ type: 'Date', required: true }),
    statedOn: t.field({
      type: 'Date',
      description: 'The day the window was named, if known; asOf answers show the window from then on.',
    }),
    label: t.string(),
    sources: t.field({ type: ['URL'] }),
  }),
});

const agreementFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  titleVerbatim: t.boolean(),
  place: t.string(),
  durationYears: t.int(),
  areas: t.field({ type: [AgreementArea] }),
  areasDetail: t.string(),
  expectedSigningWindow: t.field({ type: ExpectedWindowInput }),
  framework: t.string(),
  notes: t.string(),
  sources: t.field({ type: ['URL'] }),
});

const CreateAgreementInput = builder.inputType('CreateAgreementInput', {
  fields: (t) => ({
    partnerCode: t.field({ type: 'CountryCode', required: true }),
    title: t.string({ required: true }),
    reference: t.string({ description: 'Optional stable reference, e.g. UA-XX-2026.' }),
    ...agreementFields(t),
  }),
});

const UpdateAgreementInput = builder.inputType('UpdateAgreementInput', {
  description: 'Fields left out are unchanged; status changes go through transitionAgreement.',
  fields: (t) => ({
    id: t.globalID({ for: Agreement, required: true }),
    expectedVersion: t.int({ required: true }),
    title: t.string(),
    ...agreementFields(t),
  }),
});

const AgreementPayload = builder.objectRef<{ agreement: AgreementRow }>('AgreementPayload').implement({
  fields: (t) => ({ agreement: t.field({ type: Agreement, resolve: (payload) => payload.agreement }) }),
});

/** What a write to an existing agreement can fail with, whatever it writes. */
export const writeErrors = [NotFoundError, InvalidInputError, VersionConflictError];

builder.mutationFields((t) => ({
  createAgreement: t.field({
    type: AgreementPayload,
    description: 'Records a new agreement in NEGOTIATING.',
    authScopes: { editor: true },
    errors: { types: [NotFoundError, InvalidInputError] },
    args: { input: t.arg({ type: CreateAgreementInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      agreement: await context.services.agreements.create({
        ...input,
        expectedWindow: input.expectedSigningWindow,
      }),
    }),
  }),
  updateAgreement: t.field({
    type: AgreementPayload,
    authScopes: { editor: true },
    errors: { types: writeErrors },
    args: { input: t.arg({ type: UpdateAgreementInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      agreement: await context.services.agreements.update({
        ...input,
        id: input.id.id,
        expectedWindow: input.expectedSigningWindow,
      }),
    }),
  }),
}));
