/** Imports every type module (for their side effects on the builder) and builds the schema. */
import { builder } from './builder';
import { withDirectResolvers } from './direct-resolvers';
import './common';
import './errors.schema';
import '../modules/partners/partner.schema';
import '../modules/agreements/agreement.schema';
import '../modules/timeline/timeline.schema';
import '../modules/stats/stats.schema';
import '../modules/history/history.schema';
import '../events/events.schema';

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const schema = withDirectResolvers(builder.toSchema({ sortSchema: true }));
