/**
 * The schema, built: imports every module's type file (for their side effects on the builder) and
 * calls toSchema(). A composition root beside services.ts: the modules import the builder from
 * schema/, and only this file imports the modules, so the folders depend one way.
 */
import { GraphQLLiveDirective } from '@n1ru4l/graphql-live-query';
import { specifiedDirectives } from 'graphql';
import { builder } from './schema/builder';
import { withDirectResolvers } from './schema/direct-resolvers';
import { checkExposedFieldMarks } from './schema/selection';
import './schema/common';
import './schema/errors.schema';
import './modules/partners/partner.schema';
import './modules/agreements/agreement.schema';
import './modules/timeline/timeline.schema';
import './modules/stats/stats.schema';
import './modules/history/history.schema';
import './modules/agreements/agreement-status-change.schema';
import './modules/snapshot/snapshot.schema';

builder.queryType({
  description:
    "Reads: Ukraine's bilateral security agreements, their partners and timeline, as they are now or (asOf) on a past day.",
});
builder.mutationType({
  description:
    'Writes, with a bearer token of the editor or admin role. Each returns its payload or a typed error (branch on __typename).',
});
builder.subscriptionType({
  description:
    'Changes as they commit, over graphql-ws or Server-Sent Events; resume with `after` = the last cursor seen.',
});

export const schema = withDirectResolvers(
  checkExposedFieldMarks(
    builder.toSchema({ sortSchema: true, directives: [...specifiedDirectives, GraphQLLiveDirective] }),
  ),
);
