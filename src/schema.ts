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

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = withDirectResolvers(
  checkExposedFieldMarks(
    builder.toSchema({ sortSchema: true, directives: [...specifiedDirectives, GraphQLLiveDirective] }),
  ),
);
