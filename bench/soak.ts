/**
 * `npm run soak`: the production build, two instances (a third joins halfway) on a private
 * PostgreSQL cluster, each behind proxies the soak can cut; readers, a writer and subscribers
 * throughout; a fault every little while from a seeded schedule; then every write and every
 * delivery checked against the database and the event log. See bench/README.md.
 * Exit code 0 only when every check passes; the last line says PASS or FAIL with counts.
 */
import pg from 'pg';
import { createAppDatabase, PgCluster } from '../tests/support/pg-cluster';
import { editorToken } from './fanout/writer';
import { build, sleep } from './lib/processes';
import { productionBuild } from './lib/production';
import { writeResults } from './lib/results';
import { round, stats } from './lib/stats';
import { type Check, checkDeliveries, checkWrites } from './soak/checks';
import { type FaultRecord, inject, schedule } from './soak/faults';
import { Instance, JWT_SECRET, type Sample } from './soak/instances';
import { pick, seeded } from './soak/random';
import { type MemoryRow, markdown, type Point, writePicture } from './soak/report';
import { FAULT_KINDS, settings } from './soak/settings';
import { type LogRow, Subscriber, subscriptionKinds } from './soak/subscribers';
import { Readers, Writer } from './soak/traffic';

const DATABASE = 'soak';
const log = (message: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<number> {
  if (process.env.SOAK_SKIP_BUILD !== '1') build(productionBuild);
  const random = seeded(settings.seed);
  const cluster = await PgCluster.create();
  process.once('exit', () => cluster.destroySync());
  const instances: Instance[] = [];
  const subscribers: Subscriber[] = [];
  const vanishing: Subscriber[] = [];
  const timers: NodeJS.Timeout[] = [];
  const admin = new pg.Pool({ connectionString: cluster.urlFor(DATABASE), max: 3, application_name: 'soak-admin' });
  admin.on('error', () => {}); // PostgreSQL restarts are on the schedule.
  try {
    await createAppDatabase(cluster, DATABASE);
    const { rows: partnerRows } = await admin.query<{ code: string }>(
      'select code from partners order by code limit 4',
    );
    const partners = partnerRows.map((row) => row.code);
    // Fresh agreements for the writer, spread over the partners the filters name.
    const insert = async (count: number, label: string) =>
      (
        await admin.query<{ id: number }>(
          `insert into agreements (partner_code, title, status)
           select ($1::text[])[1 + n % array_length($1::text[], 1)], $2 || ' #' || n, 'NEGOTIATING'
           from generate_series(1, $3::int) as n returning id`,
          [partners, `Soak ${label}`, count],
        )
      ).rows.map((row) => row.id);
    const transitionPool = await insert(settings.seconds * settings.writesPerSecond, 'transitions');
    const editPool = await insert(200, 'edits');
    const startSequence = Number(
      (await admin.query('select coalesce(max(sequence), 0) as max from event_log')).rows[0].max,
    );

    for (const name of ['a', 'b', 'c'])
      instances.push(await Instance.create(name, cluster.port, DATABASE, settings.poolMax));
    await Promise.all(instances.slice(0, 2).map((instance) => instance.start()));
    const live = () => instances.filter((instance) => instance.starts > 0);
    log(`instances a and b up; cluster on port ${cluster.port}`);

    // Samples per process (name + start), for the memory and descriptor checks.
    const samples = new Map<string, Sample[]>();
    const sampleAll = async () => {
      for (const instance of live()) {
        const sample = await instance.sample();
        if (!sample) continue;
        const key = `${instance.name}#${instance.starts}:${instance.pid}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
      }
    };
    await sampleAll();

    // Live queries arrive with the live branch: detect them (Query.cursor answers) rather than assume.
    const probe = await fetch(`${instances[0]!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cursor }' }),
    }).then((response) => response.text());
    const liveQueries = probe.includes('"errors"')
      ? 'not available on this server (Query.cursor is unknown): skipped'
      : 'available (Query.cursor answers), but not exercised by this soak yet';
    log(`live queries: ${liveQueries}`);

    const kinds = subscriptionKinds(partners);
    for (let i = 0; i < settings.subscribers; i++)
      subscribers.push(
        new Subscriber(i, i % 2 ? 'sse' : 'ws', kinds[i % kinds.length]!, String(startSequence), live).start(),
      );
    for (let i = 0; i < settings.vanishingClients; i++)
      vanishing.push(new Subscriber(100_000 + i, i % 2 ? 'sse' : 'ws', kinds[0]!, String(startSequence), live).start());
    log(`${subscribers.length} subscribers and ${vanishing.length} clients that will vanish`);

    const writer = new Writer({
      token: await editorToken(JWT_SECRET),
      random,
      instances: live,
      transitionPool,
      editPool,
      partnerCodes: partners,
      runId: String(settings.seed),
    });
    const readers = new Readers(live);
    timers.push(setInterval(() => writer.tick(), 1000 / settings.writesPerSecond));
    timers.push(setInterval(() => readers.tick(), 1000 / settings.readsPerSecond));
    timers.push(setInterval(() => void sampleAll(), 2_000));

    const t0 = Date.now();
    const end = t0 + settings.seconds * 1000;
    await sleep(settings.warmupSeconds * 1000);
    await sampleAll();
    const warm = new Map([...samples].map(([key, list]) => [key, list.at(-1)!]));
    log(`warm-up done (${settings.warmupSeconds} s)`);

    // Slow consumers and vanishing clients at seeded moments of the run.
    const during = () =>
      t0 + settings.warmupSeconds * 1000 + random() * (end - t0 - settings.warmupSeconds * 1000 - settings.slowPauseMs);
    for (let i = 0; i < settings.slowConsumers; i++) {
      const subscriber = pick(random, subscribers);
      timers.push(setTimeout(() => subscriber.pause(settings.slowPauseMs), during() - Date.now()));
    }
    for (const client of vanishing) timers.push(setTimeout(() => client.vanish(), during() - Date.now()));

    const faults: FaultRecord[] = [];
    const plan = schedule(random, 1000);
    let joined = false;
    while (Date.now() < end - 5_000) {
      const gap = (settings.faultGapMin + random() * (settings.faultGapMax - settings.faultGapMin)) * 1000;
      await sleep(Math.min(gap, end - Date.now()));
      if (!joined && Date.now() >= t0 + (end - t0) / 2) {
        joined = true;
        await instances[2]!.start();
        log('instance c joined');
      }
      if (Date.now() >= end - 5_000) break;
      const kind = plan[faults.length]!;
      const target = pick(
        random,
        live().filter((instance) => instance.up),
      );
      const fault: FaultRecord = { kind, target: target.name, start: Date.now(), end: 0, detail: '' };
      log(`fault ${faults.length + 1}: ${kind} on ${target.name}`);
      try {
        fault.detail = await inject(kind, target, {
          cluster,
          databaseName: DATABASE,
          partitionMs: settings.partitionMs,
          poolMax: settings.poolMax,
        });
      } catch (error) {
        fault.error = (error as Error).message.slice(0, 300);
        log(`  fault failed: ${fault.error}`);
        if (!cluster.isRunning) await cluster.start();
        for (const instance of live()) if (!instance.up) await instance.start();
      }
      fault.end = Date.now();
      faults.push(fault);
      log(`  ${fault.detail} (${fault.end - fault.start} ms)`);
    }

    log('traffic stops; waiting for the writer and for subscribers to catch up');
    for (const timer of timers) clearInterval(timer);
    await writer.drain();
    await sleep(1_000);
    const { rows: rawRows } = await admin.query(
      `select sequence::int, topic, payload, extract(epoch from created_at) * 1000 as created_at
       from event_log where sequence > $1 order by sequence`,
      [startSequence],
    );
    const rows: LogRow[] = rawRows.map((row) => ({ ...row, createdAt: Number(row.created_at) }));
    const lastExpected = (subscriber: Subscriber) =>
      rows.filter((row) => subscriber.kind.matches(row)).at(-1)?.sequence ?? startSequence;
    const drainUntil = Date.now() + settings.drainSeconds * 1000;
    while (Date.now() < drainUntil && subscribers.some((s) => s.lastSequence < lastExpected(s))) await sleep(500);
    await sleep(2_000); // anything more that arrives now is a duplicate, and must be seen
    await sampleAll();
    const atEnd = new Map([...samples].map(([key, list]) => [key, list.at(-1)!]));

    await Promise.all([...subscribers, ...vanishing].map((subscriber) => subscriber.stop()));
    await sleep(5_000);
    await sampleAll();
    const left = new Map([...samples].map(([key, list]) => [key, list.at(-1)!]));

    const checks: Check[] = [
      ...(await checkWrites(admin, writer.writes, startSequence)),
      ...checkDeliveries(subscribers, rows, startSequence),
      {
        name: `every fault was injected (${faults.length}; kinds ${[...new Set(faults.map((f) => f.kind))].length} of ${FAULT_KINDS.length})`,
        problems: faults.filter((f) => f.error).map((f) => `${f.kind}: ${f.error}`),
      },
    ];

    // Memory and descriptors, for every process that was up at the end. Only a process that lived
    // through warm-up has a level to compare memory with: one restarted by a fault is still
    // warming up (its RSS grows for a while), so it is reported, and its descriptors checked.
    const memory: MemoryRow[] = [];
    const memoryProblems: string[] = [];
    for (const [key, list] of samples) {
      const endSample = atEnd.get(key);
      const leftSample = left.get(key);
      if (!endSample || !leftSample || leftSample !== list.at(-1) || !live().some((i) => key.endsWith(`:${i.pid}`)))
        continue;
      const base = warm.get(key) ?? list[0]!;
      const idleFds = Math.min(...list.map((sample) => sample.fds));
      memory.push({
        instance: key.split(':')[0]!,
        pid: Number(key.split(':')[1]),
        warmRssKb: base.rssKb,
        endRssKb: endSample.rssKb,
        leftRssKb: leftSample.rssKb,
        warmHeap: base.heapBytes,
        endHeap: endSample.heapBytes,
        leftHeap: leftSample.heapBytes,
        idleFds,
        endFds: endSample.fds,
        leftFds: leftSample.fds,
      });
      for (const [label, sample] of warm.has(key)
        ? ([
            ['at the end', endSample],
            ['after the subscribers left', leftSample],
          ] as const)
        : []) {
        if (sample.rssKb > base.rssKb * 1.1)
          memoryProblems.push(
            `${key}: RSS ${label} ${Math.round(sample.rssKb / 1024)} MB > 110% of ${Math.round(base.rssKb / 1024)} MB`,
          );
        if (sample.heapBytes && base.heapBytes && sample.heapBytes > base.heapBytes * 1.1)
          memoryProblems.push(`${key}: heap ${label} ${Math.round(sample.heapBytes / 2 ** 20)} MB > 110% of warm-up`);
      }
      // The pool may hold up to poolMax connections more or fewer at any moment.
      if (leftSample.fds > idleFds + settings.poolMax + 5)
        memoryProblems.push(
          `${key}: ${leftSample.fds} open descriptors after the subscribers left, ${idleFds} when idle`,
        );
    }
    // In the short CI profile RSS has not settled after warm-up: start:prod's 64 MB semi-spaces
    // keep growing the young generation for a minute or more (179 -> 259 MB seen with no leak
    // shown), so there memory is reported but only descriptors are checked.
    const settled = settings.profile === 'full';
    checks.push({
      name: settled
        ? 'memory within 10% of warm-up, descriptors back to idle'
        : 'descriptors back to idle (memory reported, not checked, in the ci profile)',
      problems: memoryProblems.filter((problem) => settled || problem.includes('descriptors')),
    });

    // Latency per phase, from each delivery's arrival and its event's commit.
    const createdAt = new Map(rows.map((row) => [row.sequence, row.createdAt]));
    const phaseOf = (at: number) => {
      const fault = faults.find((f) => at >= f.start && at <= f.end + 5_000);
      return fault ? `during ${fault.kind}` : faults.length && at >= faults[0]!.start ? 'recovered' : 'steady';
    };
    const byPhase = new Map<string, number[]>();
    const byEvent = new Map<number, number[]>();
    for (const subscriber of subscribers) {
      for (const delivery of subscriber.received) {
        const committed = createdAt.get(delivery.sequence);
        if (committed === undefined) continue;
        const latency = Math.max(0, Math.round(delivery.arrivedAt - committed));
        const phase = phaseOf(committed);
        byPhase.set(phase, [...(byPhase.get(phase) ?? []), latency]);
        byEvent.set(delivery.sequence, [...(byEvent.get(delivery.sequence) ?? []), latency]);
      }
    }
    const phases = Object.fromEntries(
      [...byPhase].sort().map(([phase, values]) => [phase, { count: values.length, ...stats(values)! }]),
    );
    const points: Point[] = [...byEvent].map(([sequence, values]) => {
      const s = stats(values)!;
      return { t: (createdAt.get(sequence)! - t0) / 1000, p50: s.p50, max: s.max };
    });
    const pictures = writePicture(points, faults, settings.seconds, t0);

    const count = (kind: string, outcome: string) =>
      writer.writes.filter((w) => w.kind === kind && w.outcome === outcome).length;
    const writes = Object.fromEntries(
      ['transition', 'edit', 'timeline'].flatMap((kind) =>
        ['acked', 'refused', 'failed', 'unknown'].map((outcome) => [`${kind} ${outcome}`, count(kind, outcome)]),
      ),
    );
    const summary = {
      settings,
      seconds: settings.seconds,
      faults,
      phases,
      memory,
      checks,
      writes,
      reads: { ok: readers.reads.filter((r) => r.ok).length, failed: readers.reads.filter((r) => !r.ok).length },
      subscribers: {
        count: subscribers.length,
        reconnects: subscribers.reduce((total, s) => total + s.connections, 0),
        disconnects: subscribers.reduce((total, s) => total + s.disconnects, 0),
      },
      live: liveQueries,
      pictures,
    };
    writeResults('soak-latest', summary, markdown(summary));
    for (const [phase, s] of Object.entries(phases))
      log(`latency ${phase}: ${s.count} deliveries, p50 ${s.p50} p99 ${s.p99} max ${s.max} ms`);
    const failed = checks.filter((check) => check.problems.length);
    for (const check of checks) {
      console.log(`${check.problems.length ? 'FAIL' : 'pass'}: ${check.name}`);
      for (const problem of check.problems.slice(0, 10)) console.log(`    ${problem}`);
    }
    console.log(
      `${failed.length ? 'FAIL' : 'PASS'}: ${checks.length - failed.length} passed, ${failed.length} failed ` +
        `(${settings.seconds} s, ${faults.length} faults, ${writer.writes.length} writes, ${round(rows.length)} events, ${subscribers.length} subscribers)`,
    );
    return failed.length ? 1 : 0;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all([...subscribers, ...vanishing].map((s) => s.stop())).catch(() => {});
    await Promise.all(instances.map((instance) => instance.close()));
    await admin.end().catch(() => {});
    await cluster.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    console.log('FAIL: the soak did not complete');
    process.exit(1);
  },
);
