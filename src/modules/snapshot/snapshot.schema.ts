import { builder } from '../../schema/builder';

builder.queryField('cursor', (t) =>
  t.string({
    description:
      'The event-log position this whole answer reflects: every field of an operation that selects `cursor` reads one consistent snapshot. Subscribe with `after: <cursor>` to receive exactly the changes made after it.',
    resolve: (_root, _args, context) => context.services.snapshot.cursor(),
  }),
);
