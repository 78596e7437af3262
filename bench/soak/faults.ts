/**
 * The faults, drawn from a seeded schedule: every kind once in a shuffled round, then again, so
 * even a short run meets each kind. Each returns when the system is meant to be whole again.
 */
import pg from 'pg';
import type { PgCluster } from '../../tests/support/pg-cluster';
import { sleep } from '../lib/processes';
import type { Instance } from './instances';
import { FAULT_KINDS, type FaultKind } from './settings';

export interface FaultRecord {
  kind: FaultKind;
  target: string;
  start: number;
  end: number;
  detail: string;
  error?: string;
}

export function schedule(random: () => number, count: number): FaultKind[] {
  const kinds: FaultKind[] = [];
  while (kinds.length < count) {
    const round = [...FAULT_KINDS];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    kinds.push(...round);
  }
  return kinds.slice(0, count);
}

export interface FaultContext {
  cluster: PgCluster;
  databaseName: string;
  partitionMs: number;
  poolMax: number;
}

export async function inject(kind: FaultKind, instance: Instance, context: FaultContext): Promise<string> {
  switch (kind) {
    case 'sigkill':
      await instance.kill('SIGKILL');
      await instance.start();
      return `SIGKILL ${instance.name}, restarted`;
    case 'sigterm':
      await instance.kill('SIGTERM');
      await instance.start();
      return `SIGTERM ${instance.name} (drain), restarted`;
    case 'pg-fast':
    case 'pg-immediate':
      await context.cluster.restart(kind === 'pg-fast' ? 'fast' : 'immediate');
      return `PostgreSQL ${kind === 'pg-fast' ? 'fast' : 'immediate'} restart`;
    case 'listener-kill': {
      const rows = await context.cluster.query<{ pid: number }>(
        `select pg_terminate_backend(pid), pid from pg_stat_activity where application_name like 'ua-agreements:listener:%'`,
      );
      return `terminated ${rows.length} listener connection(s)`;
    }
    case 'db-partition':
      instance.dbProxy.pause();
      await sleep(context.partitionMs);
      instance.dbProxy.resume();
      return `${instance.name} partitioned from PostgreSQL for ${context.partitionMs} ms`;
    case 'client-partition':
      instance.clientProxy.pause();
      await sleep(context.partitionMs);
      instance.clientProxy.resume();
      return `clients partitioned from ${instance.name} for ${context.partitionMs} ms`;
    case 'pool-exhaustion':
      return exhaustPool(instance, context);
  }
}

/**
 * Long-running readers: a lock held on `partners` stalls every read that joins it, and twice the
 * pool's size of such reads is sent to one instance, so its pool is full of waiting queries.
 */
async function exhaustPool(instance: Instance, context: FaultContext): Promise<string> {
  const locker = new pg.Client({
    connectionString: context.cluster.urlFor(context.databaseName),
    application_name: 'soak-pool-exhaustion',
  });
  await locker.connect();
  try {
    await locker.query('begin');
    await locker.query('lock table partners in access exclusive mode');
    const query = JSON.stringify({ query: '{ partners(first: 5) { totalCount edges { node { code } } } }' });
    const readers = Array.from({ length: context.poolMax * 2 }, () =>
      fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
        signal: AbortSignal.timeout(context.partitionMs + 20_000),
      }).then(
        (response) => response.arrayBuffer(),
        () => undefined,
      ),
    );
    await sleep(context.partitionMs);
    await locker.query('rollback');
    await Promise.all(readers);
    return `${context.poolMax * 2} readers held on a lock for ${context.partitionMs} ms on ${instance.name}`;
  } finally {
    await locker.end().catch(() => {});
  }
}
