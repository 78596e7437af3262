/**
 * What the database holds, read in SQL rather than through the API under test: the event log,
 * each agreement's status, version and the rows its transitions wrote, and a digest of every table.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import type { TestApp } from './app';

/** Every table's row count and a digest of its contents: equal snapshots mean nothing was written. */
export async function databaseSnapshot(t: TestApp): Promise<Record<string, string>> {
  const tables = [
    'partners',
    'agreements',
    'timeline_events',
    'timeline_event_partners',
    'timeline_event_agreements',
    'event_log',
  ];
  const snapshot: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await sql<{ count: string; digest: string | null }>`
      select count(*)::text as count, md5(string_agg(t::text, '|' order by t::text)) as digest
      from ${sql.table(table)} t`.execute(t.app.database.db);
    snapshot[table] = `${rows[0]!.count}:${rows[0]!.digest}`;
  }
  return snapshot;
}

export async function maxSequence(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ max: string | null }>('select max(sequence) as max from event_log');
  return Number(rows[0]?.max ?? 0);
}

export interface StatusChangeRow {
  sequence: number;
  agreementId: number;
  from: string;
  to: string;
}

/** The AGREEMENT_STATUS_CHANGED rows after `afterSequence`, in order. */
export async function statusChangesAfter(pool: pg.Pool, afterSequence: number): Promise<StatusChangeRow[]> {
  const { rows } = await pool.query(
    `select sequence::int, agreement_id, payload->>'from' as "from", payload->>'to' as "to"
     from event_log where topic = 'AGREEMENT_STATUS_CHANGED' and sequence > $1 order by sequence`,
    [afterSequence],
  );
  return rows.map((row) => ({ sequence: row.sequence, agreementId: row.agreement_id, from: row.from, to: row.to }));
}

export interface AgreementState {
  id: number;
  status: string;
  version: number;
  /** AGREEMENT_STATUS_CHANGED rows for it, in order: "FROM>TO". */
  changes: string[];
  /** TIMELINE_EVENT_ADDED rows for it. */
  timelineAnnouncements: number;
  /** SIGNING and STATUS_CHANGE timeline events linked to it. */
  signings: number;
  statusChanges: number;
}

/** Everything a transition writes, per agreement, read in one snapshot. */
export async function agreementStates(pool: pg.Pool, ids: readonly number[]): Promise<AgreementState[]> {
  const { rows } = await pool.query(
    `select a.id, a.status, a.version,
       coalesce((select array_agg((l.payload->>'from') || '>' || (l.payload->>'to') order by l.sequence)
                 from event_log l where l.agreement_id = a.id and l.topic = 'AGREEMENT_STATUS_CHANGED'), '{}') as changes,
       (select count(*) from event_log l where l.agreement_id = a.id and l.topic = 'TIMELINE_EVENT_ADDED')::int as timeline_announcements,
       (select count(*) from timeline_event_agreements ta join timeline_events t on t.id = ta.event_id
         where ta.agreement_id = a.id and t.kind = 'SIGNING')::int as signings,
       (select count(*) from timeline_event_agreements ta join timeline_events t on t.id = ta.event_id
         where ta.agreement_id = a.id and t.kind = 'STATUS_CHANGE')::int as status_changes
     from agreements a where a.id = any($1::int[]) order by a.id`,
    [ids],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    version: row.version,
    changes: row.changes,
    timelineAnnouncements: row.timeline_announcements,
    signings: row.signings,
    statusChanges: row.status_changes,
  }));
}

/**
 * The all-or-nothing rule for one agreement that started in NEGOTIATING at version 1: its status
 * and version are exactly what its logged changes say, and every change has its timeline event
 * and its announcement. Returns what is wrong, or nothing.
 */
export function inconsistencies(state: AgreementState): string[] {
  const problems: string[] = [];
  let status = 'NEGOTIATING';
  for (const change of state.changes) {
    const [from, to] = change.split('>');
    if (from !== status) problems.push(`logged change ${change} does not start from ${status}`);
    status = to!;
  }
  if (status !== state.status) problems.push(`status ${state.status} but the log ends at ${status}`);
  if (state.version !== 1 + state.changes.length)
    problems.push(`version ${state.version} after ${state.changes.length} logged change(s)`);
  const signed = state.changes.filter((change) => change.endsWith('>SIGNED')).length;
  if (state.signings !== signed)
    problems.push(`${state.signings} SIGNING timeline event(s) for ${signed} logged signing(s)`);
  if (state.statusChanges !== state.changes.length - signed) {
    problems.push(
      `${state.statusChanges} STATUS_CHANGE timeline event(s) for ${state.changes.length - signed} other change(s)`,
    );
  }
  if (state.timelineAnnouncements !== state.changes.length) {
    problems.push(`${state.timelineAnnouncements} TIMELINE_EVENT_ADDED row(s) for ${state.changes.length} change(s)`);
  }
  return problems.map((problem) => `agreement ${state.id}: ${problem}`);
}
