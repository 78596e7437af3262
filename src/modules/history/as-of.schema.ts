import type { ArgBuilder } from '@pothos/core';
import type { BuilderTypes } from '../../schema/builder';

/**
 * The `asOf` argument of agreement(s), partner(s) and stats, defined once. Its own file, so the
 * schema files that take it need not import history.schema.ts (which imports theirs).
 */
export const asOfArg = (arg: ArgBuilder<BuilderTypes>) =>
  arg({
    type: 'Date',
    description:
      'As things stood at the end of this day, from the status history (at most today): agreements and partners ' +
      'not yet on record are left out; status, signedOn and the expected signing windows still open are those of that day.',
  });
