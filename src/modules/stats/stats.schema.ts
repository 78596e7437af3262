import { builder } from '../../schema/builder';
import { Membership } from '../../schema/common';
import { AgreementStatusEnum } from '../agreements/agreement.schema';
import { asOfArg } from '../history/as-of.schema';
import type { StatsScope } from './stats.service';

const StatusCount = builder
  .objectRef<{ status: typeof AgreementStatusEnum.$inferType; count: number }>('StatusCount')
  .implement({
    description: 'How many agreements are in one status.',
    fields: (t) => ({
      status: t.expose('status', { type: AgreementStatusEnum, description: 'The status.' }),
      count: t.exposeInt('count', { description: 'Agreements in it (at least 1: empty statuses are left out).' }),
    }),
  });

const MembershipCount = builder
  .objectRef<{ membership: typeof Membership.$inferType; partners: number; signed: number }>('MembershipCount')
  .implement({
    description: 'Partners in one membership group, and their signed agreements.',
    fields: (t) => ({
      membership: t.expose('membership', { type: Membership, description: 'The group.' }),
      partners: t.exposeInt('partners', { description: 'Partners in the group.' }),
      signed: t.exposeInt('signed', { description: 'Signed agreements with partners in the group.' }),
    }),
  });

const MonthCount = builder.objectRef<{ month: string; count: number }>('MonthCount').implement({
  description: 'Signings in one calendar month.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'The month, YYYY-MM, e.g. "2024-06".' }),
    count: t.exposeInt('count', { description: 'Agreements signed that month (at least 1).' }),
  }),
});

const Stats = builder.objectRef<StatsScope>('Stats').implement({
  description: 'Aggregates for dashboards; each field is one query, run only when selected.',
  fields: (t) => ({
    totals: t.field({
      description: 'Headline numbers.',
      type: builder
        .objectRef<{ partners: number; agreements: number; countedInOfficialList: number }>('Totals')
        .implement({
          description: 'How many partners and agreements there are.',
          fields: (f) => ({
            partners: f.exposeInt('partners', {
              description: 'Partners on record (with asOf: with an agreement on record).',
            }),
            agreements: f.exposeInt('agreements', { description: 'Agreements on record, in any status.' }),
            countedInOfficialList: f.exposeInt('countedInOfficialList', {
              description: "Agreements in Ukraine's official enumeration (28 as of November 2025).",
            }),
          }),
        }),
      resolve: (stats, _args, context) => context.services.stats.totals(stats),
    }),
    byStatus: t.field({
      type: [StatusCount],
      description: 'Agreements per status, in alphabetical order of status; statuses with none are left out.',
      resolve: (stats, _a, context) => context.services.stats.byStatus(stats),
    }),
    byMembership: t.field({
      type: [MembershipCount],
      description:
        'Per membership group (NATO, EU, ...): its partners and their signed agreements; a partner counts in each of its groups.',
      resolve: (stats, _a, context) => context.services.stats.byMembership(stats),
    }),
    signingsByMonth: t.field({
      type: [MonthCount],
      description: 'Signed agreements per month of signing, oldest first; months without a signing are left out.',
      resolve: (stats, _a, context) => context.services.stats.signingsByMonth(stats),
    }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    type: Stats,
    description: 'Numbers for a dashboard: totals, per status, per membership group, signings per month.',
    args: { asOf: asOfArg(t.arg) },
    resolve: (_root, args, context) => context.services.stats.scope(args.asOf),
  }),
);
