import { builder } from '../../schema/builder';
import { Membership } from '../../schema/common';
import { AgreementStatusEnum } from '../agreements/agreement.schema';
import { asOfArg } from '../history/as-of.schema';
import type { StatsScope } from './stats.service';

const StatusCount = builder
  .objectRef<{ status: typeof AgreementStatusEnum.$inferType; count: number }>('StatusCount')
  .implement({
    fields: (t) => ({
      status: t.expose('status', { type: AgreementStatusEnum }),
      count: t.exposeInt('count'),
    }),
  });

const MembershipCount = builder
  .objectRef<{ membership: typeof Membership.$inferType; partners: number; signed: number }>('MembershipCount')
  .implement({
    fields: (t) => ({
      membership: t.expose('membership', { type: Membership }),
      partners: t.exposeInt('partners', { description: 'Partners in the group.' }),
      signed: t.exposeInt('signed', { description: 'Signed agreements with partners in the group.' }),
    }),
  });

const MonthCount = builder.objectRef<{ month: string; count: number }>('MonthCount').implement({
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM' }),
    count: t.exposeInt('count'),
  }),
});

const Stats = builder.objectRef<StatsScope>('Stats').implement({
  description: 'Aggregates for dashboards; each field is one query, run only when selected.',
  fields: (t) => ({
    totals: t.field({
      type: builder
        .objectRef<{ partners: number; agreements: number; countedInOfficialList: number }>('Totals')
        .implement({
          fields: (f) => ({
            partners: f.exposeInt('partners'),
            agreements: f.exposeInt('agreements'),
            countedInOfficialList: f.exposeInt('countedInOfficialList', {
              description: "Agreements in Ukraine's official enumeration (28 as of November 2025).",
            }),
          }),
        }),
      resolve: (stats, _args, context) => context.services.stats.totals(stats),
    }),
    byStatus: t.field({ type: [StatusCount], resolve: (stats, _a, context) => context.services.stats.byStatus(stats) }),
    byMembership: t.field({
      type: [MembershipCount],
      resolve: (stats, _a, context) => context.services.stats.byMembership(stats),
    }),
    signingsByMonth: t.field({
      type: [MonthCount],
      resolve: (stats, _a, context) => context.services.stats.signingsByMonth(stats),
    }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    type: Stats,
    args: { asOf: asOfArg(t.arg) },
    resolve: (_root, args, context) => context.services.stats.scope(args.asOf),
  }),
);
