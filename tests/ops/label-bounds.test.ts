/**
 * Label values stay bounded: 2,000 operations with random names (twenty times the cap) grow
 * neither the set of operation-name label values nor the scrape past a fixed size; the names
 * counted first, and the persisted operations' names, keep their own series.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPERATION_NAME_CAP } from '../../src/observability/metrics';
import { type OpsApp, startOpsApp } from './support';

// Twenty times the cap: enough to show that nothing past it adds a series. (10,000 took 13 s on
// a quiet CI machine and timed out on a loaded one; the bound does not depend on the count.)
const RANDOM_OPERATIONS = 2_000;
const CONCURRENCY = 50;

let t: OpsApp;
beforeAll(async () => {
  t = await startOpsApp();
});
afterAll(() => t?.close());

const query = (name: string) => t.execute(`query ${name} { __typename }`);

it(`${RANDOM_OPERATIONS.toLocaleString('en')} random operation names keep the series bounded`, async () => {
  await query('KnownBeforeTheFlood');
  const names = Array.from({ length: RANDOM_OPERATIONS }, () => `Random_${crypto.randomUUID().replaceAll('-', '')}`);
  const half = RANDOM_OPERATIONS / 2;
  const run = async (batch: string[]) => {
    for (let i = 0; i < batch.length; i += CONCURRENCY) {
      const results = await Promise.all(batch.slice(i, i + CONCURRENCY).map(query));
      for (const result of results) expect(result.errors).toBeUndefined();
    }
  };

  await run(names.slice(0, half));
  const midway = await t.scrape();
  await run(names.slice(half));
  const after = await t.scrape();

  for (const family of ['graphql_envelop_phase_parse', 'graphql_envelop_phase_execute']) {
    const values = after.labelValues(family, 'operationName');
    expect(values.size).toBeLessThanOrEqual(OPERATION_NAME_CAP + 1);
    expect(values).toContain('other');
    expect(values).toContain('KnownBeforeTheFlood');
  }
  expect(after.labelValues('ua_http_request_duration_seconds', 'operation_name').size).toBeLessThanOrEqual(
    OPERATION_NAME_CAP + 1,
  );
  // The second 1,000 names added no series at all: everything past the cap is "other". (The
  // standard Node.js metrics may gain a series meanwhile, a new kind of GC say: not counted.)
  for (const prefix of ['graphql_', 'ua_']) expect(after.sampleCount(prefix)).toBe(midway.sampleCount(prefix));
  expect(after.count('graphql_envelop_phase_execute', { operationName: 'other' })).toBe(
    RANDOM_OPERATIONS - (OPERATION_NAME_CAP - 1),
  );
  // A name seen before the cap was reached keeps its own series.
  await query('KnownBeforeTheFlood');
  expect((await t.scrape()).count('graphql_envelop_phase_execute', { operationName: 'KnownBeforeTheFlood' })).toBe(2);
}, 120_000);
