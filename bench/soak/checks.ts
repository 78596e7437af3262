/** The end-of-run checks, against the database and the event log. Each returns what is wrong. */
import type pg from 'pg';
import { agreementStates, inconsistencies } from '../../tests/support/committed';
import type { DropRecord } from './droppers';
import type { FaultRecord } from './faults';
import type { LiveQueryClient } from './live';
import type { LogRow, Subscriber } from './subscribers';
import type { WriteRecord } from './traffic';

export interface Check {
  name: string;
  problems: string[];
}

const byAgreement = (writes: WriteRecord[]) => {
  const map = new Map<number, WriteRecord[]>();
  for (const write of writes) map.set(write.agreementId!, [...(map.get(write.agreementId!) ?? []), write]);
  return map;
};

export async function checkWrites(pool: pg.Pool, writes: WriteRecord[], startSequence: number): Promise<Check[]> {
  const transitions = writes.filter((write) => write.kind === 'transition');
  const states = new Map(
    (await agreementStates(pool, [...new Set(transitions.map((write) => write.agreementId!))])).map((s) => [s.id, s]),
  );
  const transitionProblems: string[] = [];
  const { rows: logged } = await pool.query<{ sequence: number; agreement_id: number; version: number }>(
    `select sequence::int, agreement_id, (payload->>'version')::int as version from event_log
     where topic = 'AGREEMENT_STATUS_CHANGED' and sequence > $1`,
    [startSequence],
  );
  const logBySequence = new Map(logged.map((row) => [row.sequence, row]));
  for (const [id, list] of byAgreement(transitions)) {
    const state = states.get(id)!;
    transitionProblems.push(...inconsistencies(state));
    const acked = list.filter((write) => write.outcome === 'acked');
    const unknown = list.filter((write) => write.outcome === 'unknown').length;
    if (state.changes.length < acked.length || state.changes.length > acked.length + unknown) {
      transitionProblems.push(
        `agreement ${id}: ${state.changes.length} logged change(s) for ${acked.length} acknowledged and ${unknown} unknown transition(s) (${list.map((w) => `${w.outcome}:${w.answer.slice(0, 40)}`).join(', ')})`,
      );
    }
    for (const write of acked) {
      const row = logBySequence.get(write.sequence!);
      if (!row || row.agreement_id !== id || row.version !== write.version)
        transitionProblems.push(
          `agreement ${id}: acknowledged event ${write.sequence} (v${write.version}) is not in the log as such`,
        );
    }
  }
  const raceProblems: string[] = [];
  const races = new Map<number, WriteRecord[]>();
  for (const write of transitions) if (write.race) races.set(write.race, [...(races.get(write.race) ?? []), write]);
  for (const [race, pair] of races) {
    if (pair.filter((write) => write.outcome === 'acked').length > 1)
      raceProblems.push(`race ${race}: both writers won`);
    for (const write of pair)
      if (write.outcome === 'refused' && write.answer !== 'VersionConflictError')
        raceProblems.push(`race ${race}: the loser got ${write.answer}, not VersionConflictError`);
  }

  const edits = writes.filter((write) => write.kind === 'edit');
  const editProblems: string[] = [];
  const { rows: edited } = await pool.query<{ id: number; version: number; notes: string | null }>(
    'select id, version, notes from agreements where id = any($1::int[])',
    [[...new Set(edits.map((write) => write.agreementId!))]],
  );
  const editsOf = byAgreement(edits);
  for (const row of edited) {
    const list = editsOf.get(row.id)!;
    const acked = list.filter((write) => write.outcome === 'acked').length;
    const unknown = list.filter((write) => write.outcome === 'unknown');
    if (row.version - 1 < acked || row.version - 1 > acked + unknown.length)
      editProblems.push(
        `agreement ${row.id}: version ${row.version} after ${acked} acknowledged and ${unknown.length} unknown edit(s)`,
      );
    const possible = list.filter((write) => write.outcome === 'acked' || write.outcome === 'unknown').map((w) => w.tag);
    if (row.version > 1 && !possible.includes(row.notes ?? ''))
      editProblems.push(
        `agreement ${row.id}: notes "${row.notes}" were not written by an acknowledged or unknown edit`,
      );
  }

  const additions = writes.filter((write) => write.kind === 'timeline');
  const { rows: found } = await pool.query<{ title: string; events: number; announcements: number }>(
    `select t.title, count(distinct t.id)::int as events, count(l.sequence)::int as announcements
     from timeline_events t left join event_log l on l.timeline_event_id = t.id and l.topic = 'TIMELINE_EVENT_ADDED'
     where t.title = any($1::text[]) group by t.title`,
    [additions.map((write) => write.tag!)],
  );
  const foundByTitle = new Map(found.map((row) => [row.title, row]));
  const timelineProblems: string[] = [];
  for (const write of additions) {
    const row = foundByTitle.get(write.tag!);
    const events = row?.events ?? 0;
    const wanted = write.outcome === 'acked' ? [1] : write.outcome === 'unknown' ? [0, 1] : [0];
    if (!wanted.includes(events))
      timelineProblems.push(`${write.outcome} "${write.tag}" (${write.answer.slice(0, 60)}): ${events} row(s)`);
    if (row && row.announcements !== row.events)
      timelineProblems.push(`"${write.tag}": ${row.announcements} announcement(s) for ${row.events} event(s)`);
  }

  const { rows: orphans } = await pool.query<{ sequence: number }>(
    `select l.sequence::int from event_log l
     left join timeline_events t on t.id = l.timeline_event_id
     left join agreements a on a.id = l.agreement_id
     where l.sequence > $1 and ((l.topic in ('AGREEMENT_STATUS_CHANGED', 'TIMELINE_EVENT_ADDED') and t.id is null)
       or (l.topic = 'AGREEMENT_STATUS_CHANGED' and (a.id is null or a.version < (l.payload->>'version')::int)))`,
    [startSequence],
  );
  return [
    {
      name: 'transitions: acknowledged exactly once, refused and failed left nothing, unknown all or nothing',
      problems: transitionProblems,
    },
    {
      name: `stale-version races (${races.size}): exactly one winner, the other a VersionConflictError`,
      problems: raceProblems,
    },
    { name: 'agreement edits: acknowledged exactly once, the others nothing or all', problems: editProblems },
    {
      name: 'timeline additions: acknowledged exactly once with one event, the others nothing or all',
      problems: timelineProblems,
    },
    {
      name: 'no event in the log without its committed change',
      problems: orphans.map((row) => `event ${row.sequence}`),
    },
  ];
}

export function checkDeliveries(subscribers: Subscriber[], rows: LogRow[], startSequence: number): Check[] {
  const problems: string[] = [];
  const errors: string[] = [];
  const expectedOf = new Map<string, number[]>();
  for (const subscriber of subscribers) {
    let expected = expectedOf.get(subscriber.kind.name);
    if (!expected) {
      expected = rows
        .filter((row) => row.sequence > startSequence && subscriber.kind.matches(row))
        .map((row) => row.sequence);
      expectedOf.set(subscriber.kind.name, expected);
    }
    const got = subscriber.received.map((delivery) => delivery.sequence);
    if (expected.join() !== got.join()) {
      const seen = new Set<number>();
      const duplicates = got.filter((sequence) => seen.has(sequence) || !seen.add(sequence));
      const missing = expected.filter((sequence) => !seen.has(sequence));
      const wanted = new Set(expected);
      const extra = got.filter((sequence) => !wanted.has(sequence));
      const outOfOrder = got.some((sequence, i) => i > 0 && sequence < got[i - 1]!);
      problems.push(
        `subscriber ${subscriber.id} (${subscriber.transport}, ${subscriber.kind.name}, ${subscriber.connections} connection(s)): ` +
          `${expected.length} expected, ${got.length} received; missing [${missing.slice(0, 10)}], duplicates [${duplicates.slice(0, 10)}], ` +
          `not matching [${extra.slice(0, 10)}]${outOfOrder ? ', out of order' : ''}`,
      );
    }
    for (const error of subscriber.errors) errors.push(`subscriber ${subscriber.id}: ${error}`);
  }
  return [
    { name: `every subscriber (${subscribers.length}) got every matching event exactly once, in log order`, problems },
    { name: 'no subscription delivered an error', problems: errors },
  ];
}

/**
 * Every live query got results throughout and, once the writer stopped, its last result reflects
 * the log's last change it reads (its cursor) and equals a fresh, plain query of the same fields.
 */
export function checkLiveQueries(
  clients: LiveQueryClient[],
  fresh: Map<string, { cursor: number; data: Record<string, unknown> } | Error>,
  lastChange: number,
  /** Whether a moment falls in a fault's window: an error result then is the fault, told to the client. */
  duringFault: (at: number) => boolean,
): Check {
  const problems: string[] = [];
  for (const client of clients) {
    const last = client.last;
    const expected = fresh.get(client.shape.name);
    const label = `live query ${client.id} (${client.transport}, ${client.shape.name}, ${client.connections} connection(s))`;
    if (!last) problems.push(`${label}: no result`);
    else if (expected instanceof Error || !expected)
      problems.push(`${label}: no fresh result to compare (${expected})`);
    else if (last.cursor < lastChange)
      problems.push(`${label}: last result at cursor ${last.cursor}, the log's last change is ${lastChange}`);
    else if (JSON.stringify(last.data) !== JSON.stringify(expected.data))
      problems.push(
        `${label}: last result (cursor ${last.cursor}) differs from a fresh query (cursor ${expected.cursor}): ${JSON.stringify(last.data).slice(0, 200)} vs ${JSON.stringify(expected.data).slice(0, 200)}`,
      );
    for (const error of client.errors.filter((e) => !duringFault(e.at)).slice(0, 3))
      problems.push(`${label}: error outside any fault ${error.text}`);
  }
  const told = clients.reduce((total, client) => total + client.errors.length, 0);
  return {
    name: `every live query (${clients.length}) ended at or past the log's last change it reads (${lastChange}) and equal to a fresh query; no error result outside a fault (${told} during faults)`,
    problems,
  };
}

/** Each client that reset its connection was freed by the server (its descriptor closed). */
export function checkDrops(records: DropRecord[], planned: number): Check {
  const found = records.filter((record) => record.freedAfterMs !== undefined || record.detail.includes('still open'));
  const slowest = Math.max(0, ...found.map((record) => record.freedAfterMs ?? 0));
  return {
    name: `clients that reset their connection (${found.length} of ${planned}; the others met a fault) were freed by the server (slowest ${slowest} ms)`,
    problems: [
      ...records
        .filter((record) => record.detail.includes('still open'))
        .map((r) => `${r.transport} on ${r.instance}: ${r.detail}`),
      ...(planned > 0 && found.length === 0 ? ['no client could be dropped: the check did not run'] : []),
    ],
  };
}

/**
 * Each client that vanished without a packet (blackholed at the proxy) was freed by the server
 * within its bound: graphql-ws by its unanswered pings, SSE by SSE_MAX_STREAM_MS. One whose
 * instance was stopped (SIGTERM drain, SIGKILL) while it waited was freed by that: it met a fault.
 */
export function checkVanished(records: DropRecord[], planned: number, faults: FaultRecord[]): Check {
  for (const record of records) {
    if (record.freedAfterMs === undefined) continue;
    const freedAt = record.at + 1_000 + record.freedAfterMs;
    const stopped = faults.find(
      (f) =>
        (f.kind === 'sigkill' || f.kind === 'sigterm') &&
        f.target === record.instance &&
        f.start <= freedAt + 1_000 &&
        f.end >= record.at,
    );
    if (stopped) {
      record.detail = `met a fault: freed after ${record.freedAfterMs} ms, by the ${stopped.kind} of ${stopped.target}`;
      record.freedAfterMs = undefined;
    }
  }
  const found = records.filter((record) => record.freedAfterMs !== undefined || record.detail.includes('still open'));
  const slowest = (transport: string) =>
    Math.max(0, ...found.filter((r) => r.transport === transport).map((record) => record.freedAfterMs ?? 0));
  return {
    name: `clients that vanished without a packet (${found.length} of ${planned}; the others met a fault) were freed by the server in bound (slowest: ws ${slowest('ws')} ms, sse ${slowest('sse')} ms)`,
    problems: [
      ...records
        .filter((record) => record.detail.includes('still open'))
        .map((r) => `${r.transport} on ${r.instance}: ${r.detail}`),
      ...found
        .filter((r) => r.freedAfterMs !== undefined && r.boundMs !== undefined && r.freedAfterMs > r.boundMs)
        .map((r) => `${r.transport} on ${r.instance}: freed after ${r.freedAfterMs} ms, beyond ${r.boundMs} ms`),
      ...(['ws', 'sse'] as const)
        .filter((transport) => planned > 1 && !found.some((r) => r.transport === transport))
        .map((transport) => `no ${transport} client vanished outside a fault: the check did not run for ${transport}`),
    ],
  };
}
