/**
 * What an instance's RSS does as subscribers gather on it and leave, with glibc's default malloc
 * arenas and with MALLOC_ARENA_MAX=2, side by side in one run (so the ratio holds on a busy
 * machine): `npx tsx bench/soak/memory-experiment.ts` (after `npm run build`).
 * Two instances (x: default, y: MALLOC_ARENA_MAX=2) on a private cluster, a writer at the soak's
 * rate; on each: SUBSCRIBERS (500) for a minute, then as many again (the soak's instance a
 * gathering the subscribers of a restarted one), then the second lot leaves, then all leave. Each
 * figure is taken right after two full collections (memory-probe.cjs), the lowest of three.
 */
import pg from 'pg';
import { createAppDatabase, PgCluster } from '../../tests/support/pg-cluster';
import { editorToken } from '../fanout/writer';
import { sleep } from '../lib/processes';
import { heldHeap, Instance, JWT_SECRET, rssLessYoung, type Sample } from './instances';
import { seeded } from './random';
import { Subscriber, subscriptionKinds } from './subscribers';
import { Writer } from './traffic';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 500);
const HOLD_MS = Number(process.env.HOLD_MS ?? 60_000);
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main() {
  const cluster = await PgCluster.create();
  process.once('exit', () => cluster.destroySync());
  const instances: Instance[] = [];
  const all: Subscriber[] = [];
  try {
    await createAppDatabase(cluster, 'soak');
    const admin = new pg.Pool({ connectionString: cluster.urlFor('soak'), max: 2 });
    const partners = (await admin.query<{ code: string }>('select code from partners order by code limit 4')).rows.map(
      (row) => row.code,
    );
    const ids = async (count: number, label: string) =>
      (
        await admin.query<{ id: number }>(
          `insert into agreements (partner_code, title, status)
           select ($1::text[])[1 + n % array_length($1::text[], 1)], $2 || ' #' || n, 'NEGOTIATING'
           from generate_series(1, $3::int) as n returning id`,
          [partners, `Experiment ${label}`, count],
        )
      ).rows.map((row) => row.id);
    const transitionPool = await ids(20_000, 'transitions');
    const editPool = await ids(200, 'edits');
    const start = String((await admin.query('select coalesce(max(sequence), 0) as max from event_log')).rows[0].max);
    await admin.end();

    const env = { WS_KEEPALIVE_MS: '5000', SSE_MAX_STREAM_MS: '0' };
    instances.push(await Instance.create('x', cluster.port, 'soak', 10, env));
    instances.push(await Instance.create('y', cluster.port, 'soak', 10, { ...env, MALLOC_ARENA_MAX: '2' }));
    await Promise.all(instances.map((instance) => instance.start()));
    const writer = new Writer({
      token: await editorToken(JWT_SECRET),
      random: seeded(15),
      instances: () => instances,
      transitionPool,
      editPool,
      partnerCodes: partners,
      runId: 'memory',
    });
    const timer = setInterval(() => writer.tick(), 50);

    const kinds = subscriptionKinds(partners);
    const lot = (base: number) =>
      instances.flatMap((instance, n) =>
        Array.from({ length: SUBSCRIBERS }, (_, i) =>
          new Subscriber(base + n * 10_000 + i, i % 2 ? 'sse' : 'ws', kinds[i % kinds.length]!, start, () => [
            instance,
          ]).start(),
        ),
      );
    const rows: string[] = [];
    const settle = async (label: string) => {
      // First without a collection: what the soak's previous samples (scrapes, no gc()) saw.
      const before = new Map<string, Sample | undefined>();
      for (const instance of instances) before.set(instance.name, await instance.sample(false));
      const best = new Map<string, Sample>();
      for (let i = 0; i < 3; i++) {
        for (const instance of instances) {
          const sample = await instance.sample(true);
          const previous = best.get(instance.name);
          if (sample?.probe && (!previous || rssLessYoung(sample) < rssLessYoung(previous)))
            best.set(instance.name, sample);
        }
        await sleep(2_000);
      }
      const cells = instances.map((instance) => {
        const s = best.get(instance.name)!;
        const b = before.get(instance.name);
        return `${b?.probe ? mb(rssLessYoung(b)) : '–'} | ${mb(heldHeap(s))} | ${mb(s.probe!.external)} | ${mb(rssLessYoung(s))} | ${s.fds}`;
      });
      rows.push(`| ${label} | ${cells.join(' | ')} |`);
      console.log(rows.at(-1));
    };

    const first = lot(0);
    all.push(...first);
    await sleep(HOLD_MS);
    await settle(`${SUBSCRIBERS} subscribers`);
    const second = lot(100_000);
    all.push(...second);
    await sleep(HOLD_MS);
    await settle(`${2 * SUBSCRIBERS} subscribers`);
    await Promise.all(second.map((s) => s.stop()));
    await sleep(10_000);
    await settle(`back to ${SUBSCRIBERS}`);
    await Promise.all(first.map((s) => s.stop()));
    await sleep(10_000);
    await settle('none');
    clearInterval(timer);
    await writer.drain();
    console.log(
      [
        '',
        '| subscribers on each | x RSS less young, before gc | x heap | x external | x RSS less young | x fds | y RSS less young, before gc | y heap | y external | y RSS less young | y fds |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...rows,
      ].join('\n'),
    );
  } finally {
    await Promise.all(all.map((s) => s.stop())).catch(() => {});
    await Promise.all(instances.map((instance) => instance.close()));
    await cluster.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
