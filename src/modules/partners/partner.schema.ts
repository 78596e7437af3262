import type { GraphQLResolveInfo } from 'graphql';
import type { PARTNER_KINDS } from '../../db/enums';
import type { PartnerRow } from '../../db/types';
import { InvalidInputError, NotFoundError } from '../../errors';
import { pageArgs } from '../../pagination/page-window';
import { type BuilderTypes, builder } from '../../schema/builder';
import { Confidence, Membership, OrderDirection } from '../../schema/common';
import { registerNodeLookup } from '../../schema/node-lookup';
import { listWithPages, parentWithPage } from '../../schema/preload';
import { nodeColumns, reads } from '../../schema/selection';
import { asOfArg } from '../history/as-of.schema';

export const PartnerKind = builder.enumType('PartnerKind', {
  description: 'Whether a partner is a state or an organisation.',
  values: {
    STATE: { description: 'A sovereign state.' },
    ORGANISATION: { description: 'An international organisation: the European Union.' },
  } as const satisfies Record<(typeof PARTNER_KINDS)[number], object>,
});

export const Partner = builder.loadableNode('Partner', {
  description: 'A state or organisation (the EU) that concluded, or negotiates, a security agreement with Ukraine.',
  id: { resolve: (partner) => partner.code, extensions: reads<PartnerRow>('code') },
  load: (codes: string[], context) => context.services.partners.byCodes(codes),
  sort: (partner: PartnerRow) => partner.code,
  fields: (t) => ({
    code: t.expose('code', {
      type: 'CountryCode',
      description:
        'ISO 3166-1 alpha-2 code (GB, not UK), EU for the European Union; what partner(code:) and filters take.',
    }),
    name: t.exposeString('name', { description: 'English short name, e.g. "United Kingdom".' }),
    kind: t.expose('kind', { type: PartnerKind, description: 'State or organisation (the EU).' }),
    memberships: t.expose('memberships', {
      type: [Membership],
      description: 'At the signing date, or the latest negotiation event (see membershipsAsOf). Empty for the EU.',
    }),
    membershipsAsOf: t.expose('membershipsAsOf', {
      type: 'Date',
      nullable: true,
      description: 'The day memberships describes; null where not recorded.',
    }),
    confidence: t.expose('confidence', {
      type: Confidence,
      nullable: true,
      description: 'How well the record is sourced; null for partners recorded through the API.',
    }),
    notes: t.exposeString('notes', { nullable: true, description: 'Caveats, e.g. about the code or the memberships.' }),
    sources: t.expose('sources', { type: ['URL'], description: 'The pages the record rests on.' }),
  }),
});

const PartnerOrderField = builder.enumType('PartnerOrderField', {
  description: 'What a list of partners is sorted by.',
  values: {
    CODE: { description: 'The code, alphabetically (AL, BE, BG, ...).' },
    NAME: { description: 'The English name, alphabetically; ties broken by code.' },
  } as const,
});

const PartnerOrder = builder.inputType('PartnerOrder', {
  description: 'The order of a list of partners. Cursors belong to one order: change it and start from the first page.',
  fields: (t) => ({
    field: t.field({ type: PartnerOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'asc', description: 'Ascending unless given.' }),
  }),
});

const PartnerFilter = builder.inputType('PartnerFilter', {
  description:
    'Which partners to list: every condition given must hold; a condition left out (or null) does not filter.',
  fields: (t) => ({
    kind: t.field({ type: PartnerKind, description: 'Of this kind.' }),
    membership: t.field({ type: Membership, description: 'Members of this group (see Partner.memberships).' }),
    search: t.string({ description: 'Case-insensitive substring of the name (at most 200 characters).' }),
  }),
});

builder.queryFields((t) => ({
  partners: t.connection(
    {
      type: Partner,
      description: 'Partners, a page at a time, filtered and ordered (by code unless orderBy says otherwise).',
      args: {
        filter: t.arg({ type: PartnerFilter, description: 'Conditions every listed partner meets; none: all.' }),
        orderBy: t.arg({
          type: PartnerOrder,
          defaultValue: { field: 'CODE', direction: 'asc' },
          description: 'Sort order; by code unless given.',
        }),
        asOf: asOfArg(t.arg),
      },
      // With each partner's agreements in the same statement where the query asks for them (schema/preload.ts).
      resolve: (_root, args, context, info) => {
        const list = () =>
          context.services.partners.list(
            args.filter ?? {},
            { field: args.orderBy?.field ?? 'CODE', direction: args.orderBy?.direction ?? 'asc' },
            pageArgs(args, info),
            nodeColumns(info),
            args.asOf,
          );
        return args.asOf == null ? listWithPages(args, info, context, list) : list();
      },
    },
    { name: 'PartnerConnection', description: 'A page of partners, with the total across pages.' },
    { name: 'PartnerEdge', description: 'A partner in a page, with its cursor.' },
  ),
  partner: t.field({
    type: Partner,
    nullable: true,
    description:
      'One partner by its code; null if there is none (or, with asOf, it had no agreement on record that day).',
    args: {
      code: t.arg({ type: 'CountryCode', required: true, description: 'The partner’s code, e.g. "GB" or "EU".' }),
      asOf: asOfArg(t.arg),
    },
    resolve: async (_root, args, context, info) =>
      (args.asOf == null
        ? await partnerByCode(args.code, context, info)
        : await context.services.partners.byCode(args.code, args.asOf)) ?? null,
  }),
}));

/** With its agreements' page in the same statement where the query asks for one (schema/preload.ts). */
const partnerByCode = (code: string, context: BuilderTypes['Context'], info: GraphQLResolveInfo) =>
  parentWithPage<PartnerRow>(code, info, context, () => context.services.partners.byCode(code));

// node(id:) with a Partner's ID reads it as Query.partner does.
registerNodeLookup<string, BuilderTypes['Context']>('Partner', partnerByCode);

const partnerFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  memberships: t.field({ type: [Membership], description: 'Groups it belongs to (replaces the list).' }),
  membershipsAsOf: t.field({ type: 'Date', description: 'The day the memberships describe.' }),
  notes: t.string({ description: 'Caveats, at most 5000 characters.' }),
  sources: t.field({ type: ['URL'], description: 'Sources of the record (replaces the list).' }),
});

const CreatePartnerInput = builder.inputType('CreatePartnerInput', {
  description: 'A new partner.',
  fields: (t) => ({
    code: t.field({
      type: 'CountryCode',
      required: true,
      description: 'Its code; one already taken is InvalidInputError.',
    }),
    name: t.string({ required: true, description: 'English short name, at most 200 characters.' }),
    kind: t.field({ type: PartnerKind, required: true, description: 'State or organisation.' }),
    ...partnerFields(t),
  }),
});

const UpdatePartnerInput = builder.inputType('UpdatePartnerInput', {
  description: 'Fields left out are unchanged. The code identifies the partner and cannot change.',
  fields: (t) => ({
    code: t.field({ type: 'CountryCode', required: true, description: 'The partner to change.' }),
    name: t.string({ description: 'A new name (it cannot be removed).' }),
    kind: t.field({ type: PartnerKind, description: 'A new kind (it cannot be removed).' }),
    ...partnerFields(t),
  }),
});

const PartnerPayload = builder.objectRef<{ partner: PartnerRow }>('PartnerPayload').implement({
  description: 'A successful write to a partner.',
  fields: (t) => ({
    partner: t.field({ type: Partner, description: 'The partner as written.', resolve: (payload) => payload.partner }),
  }),
});

builder.mutationFields((t) => ({
  createPartner: t.field({
    type: PartnerPayload,
    description: 'Records a new partner. Needs an editor or admin token.',
    authScopes: { editor: true },
    errors: { types: [InvalidInputError], union: { description: 'The new partner, or why it was not created.' } },
    args: { input: t.arg({ type: CreatePartnerInput, required: true, description: 'The partner to record.' }) },
    resolve: async (_root, { input: { code, ...input } }, context) => ({
      partner: await context.services.partners.create(code, input),
    }),
  }),
  updatePartner: t.field({
    type: PartnerPayload,
    description: 'Changes the fields given of a partner. Needs an editor or admin token.',
    authScopes: { editor: true },
    errors: {
      types: [NotFoundError, InvalidInputError],
      union: { description: 'The changed partner, or why nothing changed.' },
    },
    args: { input: t.arg({ type: UpdatePartnerInput, required: true, description: 'The partner and the changes.' }) },
    resolve: async (_root, { input: { code, ...input } }, context) => ({
      partner: await context.services.partners.update(code, input),
    }),
  }),
}));
