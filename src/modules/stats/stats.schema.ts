import { builder } from '../../schema/builder';
import { Membership } from '../../schema/common';
import { AgreementStatusEnum } from '../agreements/agreement.schema';

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

const Stats = builder.objectRef<object>('Stats').implement({
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
      resolve: (_stats, _args, context) => context.services.stats.totals(),
    }),
    byStatus: t.field({ type: [StatusCount], resolve: (_s, _a, context) => context.services.stats.byStatus() }),
    byMembership: t.field({
      type: [MembershipCount],
      resolve: (_s, _a, context) => context.services.stats.byMembership(),
    }),
    signingsByMonth: t.field({
      type: [MonthCount],
      resolve: (_s, _a, context) => context.services.stats.signingsByMonth(),
    }),
  }),
});

builder.queryField('stats', (t) => t.field({ type: Stats, resolve: () => ({}) }));
