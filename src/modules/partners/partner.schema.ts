import { PARTNER_KINDS } from '../../db/enums';
import type { PartnerRow } from '../../db/types';
import { InvalidInputError, NotFoundError } from '../../errors';
import { pageArgs } from '../../pagination/page-window';
import { type BuilderTypes, builder } from '../../schema/builder';
import { Confidence, Membership, OrderDirection } from '../../schema/common';
import { nodeColumns, reads } from '../../schema/selection';
import { asOfArg } from '../history/as-of.schema';

export const PartnerKind = builder.enumType('PartnerKind', { values: PARTNER_KINDS });

export const Partner = builder.loadableNode('Partner', {
  description: 'A state or organisation (the EU) that concluded, or negotiates, a security agreement with Ukraine.',
  id: { resolve: (partner) => partner.code, extensions: reads<PartnerRow>('code') },
  load: (codes: string[], context) => context.services.partners.byCodes(codes),
  sort: (partner: PartnerRow) => partner.code,
  fields: (t) => ({
    code: t.expose('code', { type: 'CountryCode' }),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: PartnerKind }),
    memberships: t.expose('memberships', {
      type: [Membership],
      description: 'At the signing date, or the latest negotiation event (see membershipsAsOf). Empty for the EU.',
    }),
    membershipsAsOf: t.expose('membershipsAsOf', { type: 'Date', nullable: true }),
    confidence: t.expose('confidence', { type: Confidence, nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    sources: t.expose('sources', { type: ['URL'] }),
  }),
});

const PartnerOrderField = builder.enumType('PartnerOrderField', { values: ['CODE', 'NAME'] as const });

const PartnerOrder = builder.inputType('PartnerOrder', {
  fields: (t) => ({
    field: t.field({ type: PartnerOrderField, required: true }),
    direction: t.field({ type: OrderDirection, defaultValue: 'asc' }),
  }),
});

const PartnerFilter = builder.inputType('PartnerFilter', {
  fields: (t) => ({
    kind: t.field({ type: PartnerKind }),
    membership: t.field({ type: Membership }),
    search: t.string({ description: 'Case-insensitive substring of the name (at most 200 characters).' }),
  }),
});

builder.queryFields((t) => ({
  partners: t.connection(
    {
      type: Partner,
      args: {
        filter: t.arg({ type: PartnerFilter }),
        orderBy: t.arg({ type: PartnerOrder, defaultValue: { field: 'CODE', direction: 'asc' } }),
        asOf: asOfArg(t.arg),
      },
      resolve: (_root, args, context, info) =>
        context.services.partners.list(
          args.filter ?? {},
          { field: args.orderBy?.field ?? 'CODE', direction: args.orderBy?.direction ?? 'asc' },
          pageArgs(args, info),
          nodeColumns(info),
          args.asOf,
        ),
    },
    { name: 'PartnerConnection' },
    { name: 'PartnerEdge' },
  ),
  partner: t.field({
    type: Partner,
    nullable: true,
    args: { code: t.arg({ type: 'CountryCode', required: true }), asOf: asOfArg(t.arg) },
    resolve: async (_root, args, context) => (await context.services.partners.byCode(args.code, args.asOf)) ?? null,
  }),
}));

const partnerFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  memberships: t.field({ type: [Membership] }),
  membershipsAsOf: t.field({ type: 'Date' }),
  notes: t.string(),
  sources: t.field({ type: ['URL'] }),
});

const CreatePartnerInput = builder.inputType('CreatePartnerInput', {
  fields: (t) => ({
    code: t.field({ type: 'CountryCode', required: true }),
    name: t.string({ required: true }),
    kind: t.field({ type: PartnerKind, required: true }),
    ...partnerFields(t),
  }),
});

const UpdatePartnerInput = builder.inputType('UpdatePartnerInput', {
  description: 'Fields left out are unchanged. The code identifies the partner and cannot change.',
  fields: (t) => ({
    code: t.field({ type: 'CountryCode', required: true }),
    name: t.string(),
    kind: t.field({ type: PartnerKind }),
    ...partnerFields(t),
  }),
});

const PartnerPayload = builder.objectRef<{ partner: PartnerRow }>('PartnerPayload').implement({
  fields: (t) => ({ partner: t.field({ type: Partner, resolve: (payload) => payload.partner }) }),
});

builder.mutationFields((t) => ({
  createPartner: t.field({
    type: PartnerPayload,
    authScopes: { editor: true },
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreatePartnerInput, required: true }) },
    resolve: async (_root, { input: { code, ...input } }, context) => ({
      partner: await context.services.partners.create(code, input),
    }),
  }),
  updatePartner: t.field({
    type: PartnerPayload,
    authScopes: { editor: true },
    errors: { types: [NotFoundError, InvalidInputError] },
    args: { input: t.arg({ type: UpdatePartnerInput, required: true }) },
    resolve: async (_root, { input: { code, ...input } }, context) => ({
      partner: await context.services.partners.update(code, input),
    }),
  }),
}));
