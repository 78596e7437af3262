/**
 * Agreement in the schema: the type, its enums, filter and order, the root fields that return it,
 * Partner.agreements, and the three mutations with their inputs. Over 350 lines because it is one
 * domain type with some thirty fields; kept whole, as Pothos lays a schema out (one file per type,
 * queries beside the type they return), rather than split by GraphQL operation kind.
 */
import { pathDataloaderGetter } from '@pothos/plugin-dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { type AgreementStatus, AREAS } from '../../db/enums';
import type { AgreementRow, PartnerRow } from '../../db/types';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../../errors';
import type { Connection } from '../../pagination/connection';
import { pageArgs } from '../../pagination/page-window';
import { type BuilderTypes, builder } from '../../schema/builder';
import { Confidence, Membership, OrderDirection, Person } from '../../schema/common';
import { registerNodeLookup } from '../../schema/node-lookup';
import {
  attachedPage,
  listWithPages,
  parentWithPage,
  registerListWithPages,
  registerParentWithPage,
} from '../../schema/preload';
import { memberColumns, nodeColumns, reads, selectedColumns } from '../../schema/selection';
import { asOfArg, loadPerDay, type OnDay, onDayCacheKey } from '../history/as-of.schema';
import type { PartnerFilter, PartnerOrderField } from '../partners/partner.repository';
import { Partner } from '../partners/partner.schema';
import type { TimelinePages } from '../timeline/agreement-timeline.repository';
import type { AgreementTimelineArgs } from '../timeline/timeline.schema';
import { TRANSITIONS } from './agreement-status';

export const AgreementStatusEnum = builder.enumType('AgreementStatus', {
  description: 'NEGOTIATING → SIGNED | STALLED | ABANDONED; STALLED → NEGOTIATING | SIGNED | ABANDONED.',
  values: {
    NEGOTIATING: {
      description:
        'Under negotiation (including negotiations only reported by the sources); every new agreement starts here.',
    },
    STALLED: { description: 'A planned signing did not take place and is pending (Bulgaria, December 2024).' },
    SIGNED: { description: 'Signed: signedOn is set. Final.' },
    ABANDONED: { description: 'Negotiations ended without an agreement. Final.' },
  } as const satisfies Record<AgreementStatus, object>,
});

/** What each area of the seed report's vocabulary stands for. */
const AREA_DESCRIPTIONS: Record<(typeof AREAS)[number], string> = {
  accountability: 'Holding Russia to account: investigating war crimes, a special tribunal.',
  air_force_air_defence: 'Air force and air defence: combat aircraft, air-defence systems.',
  cbrn: 'Protection against chemical, biological, radiological and nuclear threats.',
  children_return: 'Returning Ukrainian children deported by Russia.',
  compensation: "Compensation for the damage of Russia's aggression (register of damage, Russian assets).",
  consultation_mechanism_24h: 'Consultations within 24 hours in case of a future armed attack on Ukraine.',
  critical_infrastructure: 'Protecting and restoring critical infrastructure.',
  cultural_heritage: 'Protecting cultural heritage.',
  cyber: 'Cyber defence and cyber security.',
  defence_industry: "Defence-industrial cooperation: joint production, investment in Ukraine's defence industry.",
  demining: 'Humanitarian demining.',
  disinformation: 'Countering disinformation.',
  economic: 'Economic support and stability.',
  energy: 'Energy security and support for the energy system.',
  eu_nato_integration: "Support for Ukraine's way into the EU and NATO.",
  financial: 'Financial and budget support, including multi-year military funding.',
  humanitarian: 'Humanitarian aid.',
  hybrid_threats: 'Countering hybrid threats.',
  intelligence: 'Intelligence sharing and cooperation.',
  maritime: 'Maritime security (the Maritime Capability Coalition, the Black Sea).',
  medical: 'Medical support: treatment and rehabilitation of the wounded.',
  military: 'Military aid: weapons, equipment, ammunition.',
  organized_crime: 'Cooperation against organised crime.',
  peace_formula: "Support for Ukraine's Peace Formula.",
  reconstruction: 'Recovery and reconstruction.',
  reforms: 'Support for reforms (rule of law, governance).',
  sanctions: 'Sanctions on Russia and their enforcement.',
  training: 'Training of Ukrainian forces.',
  veterans: 'Support for veterans.',
};

export const AgreementArea = builder.enumType('AgreementArea', {
  description:
    'Areas of cooperation, the controlled vocabulary of the seed data (not an exhaustive reading of each text).',
  values: Object.fromEntries(
    AREAS.map((area) => [area.toUpperCase(), { value: area, description: AREA_DESCRIPTIONS[area] }]),
  ) as Record<Uppercase<(typeof AREAS)[number]>, { value: (typeof AREAS)[number]; description: string }>,
});

const ExpectedWindow = builder
  .objectRef<{ from: string; to: string; statedOn: string | null; label: string | null; sources: string[] }>(
    'ExpectedSigningWindow',
  )
  .implement({
    description: 'When a signing was expected, as a leader or government named it, with the source of that statement.',
    fields: (t) => ({
      from: t.expose('from', {
        type: 'Date',
        description: 'First day of the window, e.g. 2024-05-01 for "May–June 2024".',
      }),
      to: t.expose('to', { type: 'Date', description: 'Last day of the window (inclusive), e.g. 2024-06-30.' }),
      statedOn: t.expose('statedOn', {
        type: 'Date',
        nullable: true,
        description: 'The day the window was named (null when unknown); asOf answers show it from then on.',
      }),
      label: t.exposeString('label', { nullable: true, description: 'As it was said, e.g. "May–June 2024".' }),
      sources: t.expose('sources', {
        type: ['URL'],
        description: 'Where the statement naming the window is reported.',
      }),
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
    titleNote: t.exposeString('titleNote', {
      nullable: true,
      description:
        'How sources word the title where they differ, or why the exact wording is unknown; null when nothing to add.',
    }),
    status: t.expose('status', {
      type: AgreementStatusEnum,
      description:
        'Where the agreement stands now (or at the end of the asOf day); change it with transitionAgreement.',
    }),
    allowedTransitions: t.field({
      type: [AgreementStatusEnum],
      description:
        'The statuses transitionAgreement can move it to from its current status; empty once SIGNED or ABANDONED.',
      extensions: reads<AgreementRow>('status'),
      resolve: (agreement) => TRANSITIONS[agreement.status],
    }),
    signedOn: t.expose('signedOn', {
      type: 'Date',
      nullable: true,
      description: 'The signing date; set exactly when status is SIGNED, null otherwise.',
    }),
    place: t.exposeString('place', {
      nullable: true,
      description:
        'Where it was signed, as the sources give it, e.g. "Kyiv, Ukraine (Mariinskyi Palace)"; null if unknown.',
    }),
    ukraineSignatory: t.expose('ukraineSignatory', {
      type: Person,
      nullable: true,
      description:
        'Who signed for Ukraine (President Zelensky, for every seeded signing); null where not signed or not recorded.',
    }),
    partnerSignatories: t.expose('partnerSignatories', {
      type: [Person],
      description: 'Who signed for the partner (two for the EU); empty until signed.',
    }),
    durationYears: t.exposeInt('durationYears', {
      nullable: true,
      description:
        'How many years it is valid (10 for most); null where the text sets none (the EU) or no source says.',
    }),
    durationNote: t.exposeString('durationNote', {
      nullable: true,
      description: 'Extension, early end or review clauses, e.g. that it ends if Ukraine joins NATO earlier.',
    }),
    areas: t.expose('areas', {
      type: [AgreementArea],
      description: 'Areas of cooperation it covers, from the official summaries; empty where none is sourced.',
    }),
    areasDetail: t.exposeString('areasDetail', {
      nullable: true,
      description: 'Free text on what it commits to (amounts, programmes), as summarised from the sources.',
    }),
    expectedSigningWindow: t.field({
      type: ExpectedWindow,
      nullable: true,
      description:
        'When a leader said it would be signed; null if nobody named a window (with asOf: only once named and until it passed).',
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
    framework: t.exposeString('framework', {
      nullable: true,
      description:
        'The multilateral framework it falls under, e.g. "G7 Joint Declaration of Support for Ukraine (Vilnius, 2023-07-12)".',
    }),
    sequenceReported: t.exposeInt('sequenceReported', {
      nullable: true,
      description: 'Order reported by the Presidential Office; not unique (see sequenceNote).',
    }),
    sequenceNote: t.exposeString('sequenceNote', {
      nullable: true,
      description:
        'Why sequenceReported is disputed or shared, where it is (Croatia and Greece are both reported 27th).',
    }),
    countedInOfficialList: t.exposeBoolean('countedInOfficialList', {
      description: "Whether Ukraine's official enumerations (Presidential Office, MoD) list it.",
    }),
    classificationDisputed: t.exposeBoolean('classificationDisputed', {
      description: 'Signed, but sources disagree whether it is one of the G7-framework agreements (Croatia).',
    }),
    confidence: t.expose('confidence', {
      type: Confidence,
      nullable: true,
      description: 'How well the record is sourced; null for agreements recorded through the API.',
    }),
    notes: t.exposeString('notes', {
      nullable: true,
      description: 'Caveats and disagreements between sources, in prose.',
    }),
    sources: t.expose('sources', { type: ['URL'], description: 'The pages the facts of this record rest on.' }),
    version: t.exposeInt('version', { description: 'Bumped on every change; pass it back as expectedVersion.' }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the record was created in this database.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the record last changed.' }),
    partner: t.field({
      type: Partner,
      description: 'The partner state or organisation (read with asOf, as of the same day).',
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
  description: 'What a list of agreements is sorted by; ties are broken by ID.',
  values: {
    ID: { description: 'Creation order.' },
    SIGNED_ON: { description: 'Signing date; agreements not signed come last in ascending order.' },
    TITLE: { description: 'Title, alphabetically; agreements without a title come last in ascending order.' },
  } as const,
});

export const AgreementOrder = builder.inputType('AgreementOrder', {
  description:
    'The order of a list of agreements. Cursors belong to one order: change it and start from the first page.',
  fields: (t) => ({
    field: t.field({ type: AgreementOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'asc', description: 'Ascending unless given.' }),
  }),
});

const AgreementFilter = builder.inputType('AgreementFilter', {
  description:
    'Which agreements to list: every condition given must hold; a condition left out (or null) does not filter.',
  fields: (t) => ({
    status: t.field({ type: [AgreementStatusEnum], description: 'In any of these statuses.' }),
    partnerCode: t.field({
      type: ['CountryCode'],
      description: 'One or more partner codes; unknown codes are an error.',
    }),
    area: t.field({ type: AgreementArea, description: 'Covering this area of cooperation.' }),
    membership: t.field({ type: Membership, description: 'Agreements with partners in this group.' }),
    signedFrom: t.field({ type: 'Date', description: 'Signed on or after this date.' }),
    signedTo: t.field({ type: 'Date', description: 'Signed on or before this date.' }),
    search: t.string({
      description: 'Words in the title, place, areas detail or notes (web search syntax, at most 200 characters).',
    }),
    countedInOfficialList: t.boolean({
      description: "True: only those Ukraine's official enumeration counts (28); false: only the others.",
    }),
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
  { type: Agreement, name: 'AgreementConnection', description: 'A page of agreements, with the total across pages.' },
  { name: 'AgreementEdge', description: 'An agreement in a page, with its cursor.' },
);

builder.queryFields((t) => ({
  agreements: t.connection(
    {
      type: Agreement,
      description:
        'Agreements, a page at a time (`first`/`after` forward, `last`/`before` backward), filtered and ordered; ' +
        '`totalCount` counts every match.',
      args: {
        filter: t.arg({ type: AgreementFilter, description: 'Conditions every listed agreement meets; none: all.' }),
        orderBy: t.arg({
          type: AgreementOrder,
          defaultValue: { field: 'ID', direction: 'asc' },
          description: 'Sort order; creation order unless given.',
        }),
        asOf: asOfArg(t.arg),
      },
      resolve: (_root, args, context, info) => {
        const list = () =>
          context.services.agreements.list(
            args.filter ?? {},
            orderOf(args.orderBy),
            pageArgs(args, info),
            nodeColumns(info),
            nodeColumns(info, ['partner']),
            args.asOf,
          );
        return args.asOf == null ? listWithPages(args, info, context, list) : list();
      },
    },
    AgreementConnection,
  ),
  agreement: t.field({
    type: Agreement,
    nullable: true,
    description: 'One agreement by its ID; null if there is none (or, with asOf, none on record that day).',
    args: {
      id: t.arg.globalID({ for: Agreement, required: true, description: 'The agreement’s global ID (Agreement.id).' }),
      asOf: asOfArg(t.arg),
    },
    resolve: async (_root, args, context, info) => (await agreementById(args.id.id, args.asOf, context, info)) ?? null,
  }),
}));

/**
 * Query.agreement: only the columns selected, the partner joined when asked for, and the timeline's
 * page in the same statement where the query asks for one (schema/preload.ts).
 */
function agreementById(
  id: number,
  asOf: string | null | undefined,
  context: BuilderTypes['Context'],
  info: GraphQLResolveInfo,
): Promise<AgreementRow | undefined> {
  const byId = () =>
    context.services.agreements.byId(id, selectedColumns(info, []), selectedColumns(info, ['partner']), asOf);
  return asOf == null ? parentWithPage<AgreementRow>(id, info, context, byId) : byId();
}

// node(id:) with an Agreement's ID reads it as Query.agreement does.
registerNodeLookup<number, BuilderTypes['Context']>('Agreement', (id, context, info) =>
  agreementById(id, null, context, info),
);

/** The arguments of Partner.agreements. */
interface PartnerAgreementsArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  status?: AgreementStatus[] | null;
  orderBy?: { field: typeof AgreementOrderField.$inferType; direction?: 'asc' | 'desc' | null } | null;
}

/**
 * Partner.agreements for every partner at one place in the query (`byPath`), so that `load` reads
 * that place's arguments and selection; a partner read as of a day lists its agreements as of that day.
 */
const agreementsOfPartners = pathDataloaderGetter<
  OnDay<string>,
  Connection<AgreementRow>,
  string,
  PartnerAgreementsArgs
>(
  { maxBatchSize: 1000, cacheKeyFn: onDayCacheKey },
  (keys, context, args, info) =>
    loadPerDay(keys, (codes, asOf) =>
      (context as BuilderTypes['Context']).services.agreements.pagesOfPartners(
        codes,
        { status: args.status },
        orderOf(args.orderBy),
        pageArgs(args, info),
        nodeColumns(info),
        asOf,
      ),
    ),
  undefined,
  false,
  true,
);

builder.objectField(Partner, 'agreements', (t) =>
  t.field({
    type: AgreementConnection,
    description: 'The partner’s agreements (one for most; the US has two), paginated like Query.agreements.',
    args: {
      ...t.arg.connectionArgs(),
      status: t.arg({ type: [AgreementStatusEnum], description: 'Only agreements in any of these statuses.' }),
      orderBy: t.arg({
        type: AgreementOrder,
        defaultValue: { field: 'ID', direction: 'asc' },
        description: 'Sort order; creation order unless given.',
      }),
    },
    extensions: reads<PartnerRow>('code'),
    // The page read with the partner (Query.partner), else loaded with every partner's at this place.
    resolve: (partner, args, context, info) =>
      attachedPage<Connection<AgreementRow>>(partner, info) ??
      agreementsOfPartners(args, context, info).load({ key: partner.code, asOf: partner.asOf }),
  }),
);

// Query.partner reads the partner and its agreements in one statement, each agreement's timeline
// too where the query asks for it (schema/preload.ts).
registerParentWithPage<string, BuilderTypes['Context'], TimelinePages>(
  'Partner',
  'agreements',
  async (code, args: PartnerAgreementsArgs, info, context, rootInfo, timeline) => {
    const found = await context.services.agreements.partnerWithPage(
      code,
      { status: args.status },
      orderOf(args.orderBy),
      pageArgs(args, info),
      nodeColumns(info),
      selectedColumns(rootInfo, []),
      timeline,
    );
    return found && { parent: found.parent, page: found.page, pagesBelow: found.timelines };
  },
);

/** The arguments of Query.partners that partnersWithPages reads. */
interface PartnersArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  filter?: PartnerFilter | null;
  orderBy?: { field: PartnerOrderField; direction?: 'asc' | 'desc' | null } | null;
}

// Query.partners reads its page of partners and each one's agreements in one statement, each
// agreement's timeline too where the query asks for it (schema/preload.ts).
registerListWithPages<PartnersArgs, BuilderTypes['Context'], PartnerRow, TimelinePages>(
  'Partner',
  'agreements',
  async (partnersArgs, args: PartnerAgreementsArgs, info, context, rootInfo, timeline) => {
    const found = await context.services.agreements.partnersWithPages(
      partnersArgs.filter ?? {},
      { field: partnersArgs.orderBy?.field ?? 'CODE', direction: partnersArgs.orderBy?.direction ?? 'asc' },
      pageArgs(partnersArgs, rootInfo),
      nodeColumns(rootInfo),
      { status: args.status },
      orderOf(args.orderBy),
      pageArgs(args, info),
      nodeColumns(info),
      timeline,
    );
    return (
      found && {
        list: found.partners,
        pageOf: (partner) => found.pages.get(partner.code),
        pagesBelow: found.timelines,
      }
    );
  },
);

/** The arguments of Query.agreements that listWithTimelines reads. */
interface AgreementsArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  filter?: typeof AgreementFilter.$inferInput | null;
  orderBy?: typeof AgreementOrder.$inferInput | null;
}

// Query.agreements reads its page and each agreement's timeline in one statement (schema/preload.ts).
registerListWithPages<AgreementsArgs, BuilderTypes['Context'], AgreementRow>(
  'Agreement',
  'timeline',
  async (agreementsArgs, args: AgreementTimelineArgs, info, context, rootInfo) => {
    const timeline = context.services.timeline.pagesRequest(
      args.orderBy?.direction ?? 'asc',
      pageArgs(args, info),
      nodeColumns(info),
      nodeColumns(info, ['partners']),
    );
    if (!timeline) return undefined;
    const found = await context.services.agreements.listWithTimelines(
      agreementsArgs.filter ?? {},
      orderOf(agreementsArgs.orderBy),
      pageArgs(agreementsArgs, rootInfo),
      nodeColumns(rootInfo),
      nodeColumns(rootInfo, ['partner']),
      timeline,
    );
    return { list: found.list, pageOf: (agreement) => found.timelines.get(agreement) };
  },
);

// --- Mutations -------------------------------------------------------------------------------

const ExpectedWindowInput = builder.inputType('ExpectedSigningWindowInput', {
  description: 'When a leader or government said the agreement would be signed.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: 'First day of the window.' }),
    to: t.field({
      type: 'Date',
      required: true,
      description: 'Last day of the window (inclusive), not before `from`.',
    }),
    statedOn: t.field({
      type: 'Date',
      description: 'The day the window was named, if known; asOf answers show the window from then on.',
    }),
    label: t.string({ description: 'The window as it was said, e.g. "May–June 2024".' }),
    sources: t.field({ type: ['URL'], description: 'Where the statement is reported.' }),
  }),
});

const agreementFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  titleVerbatim: t.boolean({ description: 'True if the title is copied from the heading of the text itself.' }),
  place: t.string({ description: 'Where it was (or will be) signed.' }),
  durationYears: t.int({ description: 'Years it is valid, 1 to 100.' }),
  areas: t.field({
    type: [AgreementArea],
    description: 'Areas of cooperation (replaces the list; duplicates are dropped).',
  }),
  areasDetail: t.string({ description: 'Free text on what it commits to.' }),
  expectedSigningWindow: t.field({
    type: ExpectedWindowInput,
    description: 'When its signing is expected; null removes the window.',
  }),
  framework: t.string({ description: 'The multilateral framework it falls under.' }),
  notes: t.string({ description: 'Caveats, in prose.' }),
  sources: t.field({ type: ['URL'], description: 'Sources of the record (replaces the list).' }),
});

const CreateAgreementInput = builder.inputType('CreateAgreementInput', {
  description: 'A new agreement; it starts in NEGOTIATING (sign it with transitionAgreement).',
  fields: (t) => ({
    partnerCode: t.field({ type: 'CountryCode', required: true, description: 'The partner, which must exist.' }),
    title: t.string({ required: true, description: 'Its title.' }),
    reference: t.string({ description: 'Optional stable reference, e.g. UA-XX-2026.' }),
    ...agreementFields(t),
  }),
});

const UpdateAgreementInput = builder.inputType('UpdateAgreementInput', {
  description: 'Fields left out are unchanged; status changes go through transitionAgreement.',
  fields: (t) => ({
    id: t.globalID({ for: Agreement, required: true, description: 'The agreement to change.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you read; a stale one is a VersionConflictError and changes nothing.',
    }),
    title: t.string({ description: 'A new title (it cannot be removed).' }),
    ...agreementFields(t),
  }),
});

const AgreementPayload = builder.objectRef<{ agreement: AgreementRow }>('AgreementPayload').implement({
  description: 'A successful write to an agreement.',
  fields: (t) => ({
    agreement: t.field({
      type: Agreement,
      description: 'The agreement as written, with its new version.',
      resolve: (payload) => payload.agreement,
    }),
  }),
});

/** What a write to an existing agreement can fail with, whatever it writes. */
export const writeErrors = [NotFoundError, InvalidInputError, VersionConflictError];

builder.mutationFields((t) => ({
  createAgreement: t.field({
    type: AgreementPayload,
    description: 'Records a new agreement in NEGOTIATING. Needs an editor or admin token.',
    authScopes: { editor: true },
    errors: {
      types: [NotFoundError, InvalidInputError],
      union: { description: 'The new agreement, or why it was not created (unknown partner, invalid input).' },
    },
    args: { input: t.arg({ type: CreateAgreementInput, required: true, description: 'The agreement to record.' }) },
    resolve: async (_root, { input }, context) => ({
      agreement: await context.services.agreements.create({
        ...input,
        expectedWindow: input.expectedSigningWindow,
      }),
    }),
  }),
  updateAgreement: t.field({
    type: AgreementPayload,
    description:
      'Changes the fields given of an agreement, if it is still at expectedVersion. Needs an editor or admin token.',
    authScopes: { editor: true },
    errors: {
      types: writeErrors,
      union: { description: 'The changed agreement, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: UpdateAgreementInput, required: true, description: 'The agreement and the changes.' }),
    },
    resolve: async (_root, { input }, context, info) => ({
      agreement: await context.services.agreements.update(
        { ...input, id: input.id.id, expectedWindow: input.expectedSigningWindow },
        memberColumns(info, 'AgreementPayload', ['agreement']),
      ),
    }),
  }),
}));
