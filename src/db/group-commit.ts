/**
 * Group commit for writes that each commit on their own. Every write to the event log queues on
 * its lock and pays a WAL flush of its own (events/event-log.repository.ts), so writes that arrive
 * while one is being committed would wait for it anyway. Here they wait in memory instead, and go
 * together when it is done: one statement, one lock, one flush and one NOTIFY for all of them, as
 * PostgreSQL's own group commit does for commits that do not queue on a lock. A write that finds
 * nothing being committed goes at once; under load, batches grow with the wait they replace.
 *
 * All or nothing per batch is not the callers' contract: each asked for a write of its own. So a
 * batch the database refused (a constraint, a deadlock: nothing of it committed) is sent again
 * one write at a time, and each caller gets its own outcome. Any other failure (the connection,
 * the server) leaves the commit unknown and reaches every caller of the batch as it is.
 */

export interface GroupCommitOptions<Item> {
  /** Writes with different batch keys (different SQL) never share a statement. */
  batchKey(item: Item): string;
  /** Writes to the same row never share a statement: one waits for the next batch. */
  rowKey(item: Item): unknown;
  /** The most writes in one statement. */
  maxBatch: number;
}

interface Queued<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * SQLSTATEs after which PostgreSQL has rolled the whole statement back: data exceptions (22),
 * constraint violations (23), and a serialization failure or deadlock (not 40003, whose commit is
 * unknown).
 */
const REFUSED_CLASSES = new Set(['22', '23']);
const REFUSED_CODES = new Set(['40001', '40002', '40P01']);

const refused = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (REFUSED_CLASSES.has(code.slice(0, 2)) || REFUSED_CODES.has(code));
};

/** What a group commit has done since start, for metrics. */
export interface GroupCommitStats {
  /** Writes waiting for the statement in flight. */
  readonly waiting: number;
  /** Statements sent, and the writes they carried: their ratio is the mean batch. */
  readonly statements: number;
  readonly writes: number;
}

export class GroupCommit<Item, Result> implements GroupCommitStats {
  private queue: Queued<Item, Result>[] = [];
  private committing = false;
  statements = 0;
  writes = 0;

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * @param commit writes items (of one batch key, to distinct rows) in one statement that commits on
   *   its own, and resolves to their results in the order given.
   */
  constructor(
    private readonly commit: (items: readonly Item[]) => Promise<Result[]>,
    private readonly options: GroupCommitOptions<Item>,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.committing) void this.drain();
    });
  }

  /** Commits batches until the queue is empty; one round (a statement per batch key) at a time. */
  private async drain(): Promise<void> {
    this.committing = true;
    try {
      while (this.queue.length > 0) await Promise.all([...this.nextRound().values()].map((batch) => this.send(batch)));
    } finally {
      this.committing = false;
    }
  }

  /** Takes the oldest writes, at most one per row and maxBatch in all, grouped by batch key. */
  private nextRound(): Map<string, Queued<Item, Result>[]> {
    const batches = new Map<string, Queued<Item, Result>[]>();
    const rows = new Set<unknown>();
    const left: Queued<Item, Result>[] = [];
    let taken = 0;
    for (const queued of this.queue) {
      const row = this.options.rowKey(queued.item);
      if (taken === this.options.maxBatch || rows.has(row)) {
        left.push(queued);
        continue;
      }
      rows.add(row);
      taken++;
      const key = this.options.batchKey(queued.item);
      const batch = batches.get(key);
      if (batch) batch.push(queued);
      else batches.set(key, [queued]);
    }
    this.queue = left;
    return batches;
  }

  private async send(batch: Queued<Item, Result>[]): Promise<void> {
    this.statements++;
    this.writes += batch.length;
    try {
      const results = await this.commit(batch.map((queued) => queued.item));
      for (const [index, queued] of batch.entries()) queued.resolve(results[index] as Result);
    } catch (error) {
      if (batch.length > 1 && refused(error)) {
        await Promise.all(batch.map((queued) => this.send([queued])));
      } else {
        for (const queued of batch) queued.reject(error);
      }
    }
  }
}
