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

/**
 * The key of a loader under an object read as of a day: fields below such an object answer for the
 * same day, so the day is part of the key (and of the loader's cache key).
 */
export interface OnDay<Key extends string | number> {
  key: Key;
  asOf?: string | undefined;
}

export const onDayCacheKey = (key: OnDay<string | number>) => `${key.key}@${key.asOf ?? ''}`;

/** Loads each day's keys together (in practice one day per place in a query), in key order. */
export async function loadPerDay<Key extends string | number, Value>(
  keys: readonly OnDay<Key>[],
  load: (keys: Key[], asOf: string | undefined) => Promise<readonly Value[]>,
): Promise<Value[]> {
  const values = new Map<OnDay<Key>, Value>();
  for (const asOf of new Set(keys.map((key) => key.asOf))) {
    const ofDay = keys.filter((key) => key.asOf === asOf);
    const loaded = await load(
      ofDay.map((key) => key.key),
      asOf,
    );
    for (const [index, key] of ofDay.entries()) values.set(key, loaded[index]!);
  }
  return keys.map((key) => values.get(key)!);
}
