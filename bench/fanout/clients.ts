/**
 * The subscribers of the fan-out benchmark: client processes of up to FANOUT_SOCKETS_PER_CLIENT
 * sockets each (fanout/client.ts), started together, told when to report and to close, and heard
 * when an event has reached every socket of theirs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { benchDir, rootDir } from '../lib/paths';
import { exited, track } from '../lib/processes';
import type { ClientMessage, ClientSettings, EventReceipts, ParentMessage } from './client';
import { query, settings } from './settings';

/** The subscriber processes of one measurement (fanout/client.ts), as one. */
export class Clients {
  private readonly children: ChildProcess[] = [];
  /** Per event number: how many client processes have it on every socket. */
  private readonly completions = new Map<number, number>();
  /** Checks to run at each completion, for `delivered()`. */
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly port: number,
    readonly total: number,
  ) {}

  get pids(): number[] {
    return this.children.map((child) => child.pid!);
  }

  /** Starts the processes and resolves once every socket is subscribed (or failed to). */
  async connect(): Promise<{ subscribed: number; failed: number; firstError: string | null }> {
    const processes = Math.ceil(this.total / settings.socketsPerClient);
    const connected: Array<Promise<ClientMessage & { type: 'connected' }>> = [];
    for (let i = 0; i < processes; i += 1) {
      const count = Math.floor(this.total / processes) + (i < this.total % processes ? 1 : 0);
      const clientSettings: ClientSettings = {
        url: `ws://127.0.0.1:${this.port}/graphql`,
        count,
        query,
        concurrency: Math.max(1, Math.floor(settings.connectConcurrency / processes)),
      };
      const child = track(
        spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'fanout/client.ts')], {
          cwd: rootDir,
          env: { ...process.env, FANOUT_CLIENT: JSON.stringify(clientSettings) },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
      child.on('message', (message: ClientMessage) => {
        if (message.type !== 'complete') return;
        this.completions.set(message.index, (this.completions.get(message.index) ?? 0) + 1);
        for (const wake of this.waiters) wake();
      });
      connected.push(this.nextMessage(child, 'connected', 120_000));
      this.children.push(child);
    }
    const results = await Promise.all(connected);
    return {
      subscribed: results.reduce((sum, r) => sum + r.subscribed, 0),
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      firstError: results.find((r) => r.firstError)?.firstError ?? null,
    };
  }

  private nextMessage<T extends ClientMessage['type']>(
    child: ChildProcess,
    type: T,
    timeoutMs: number,
  ): Promise<ClientMessage & { type: T }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${type} message from a client in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onExit = (code: number | null) => reject(new Error(`a client exited (${code}) before sending ${type}`));
      const onMessage = (message: ClientMessage) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as ClientMessage & { type: T });
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  /** Resolves true once every client has the events on every socket, false after `timeoutMs`. */
  delivered(indices: readonly number[], timeoutMs: number): Promise<boolean> {
    const all = () => indices.every((index) => this.completions.get(index) === this.children.length);
    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const check = () => all() && finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  async report() {
    const reports = await Promise.all(
      this.children.map((child) => {
        const reply = this.nextMessage(child, 'report', 30_000);
        child.send({ type: 'report' } satisfies ParentMessage);
        return reply;
      }),
    );
    const events: EventReceipts[] = [];
    for (const report of reports) {
      report.events.forEach((received, index) => {
        events[index] ??= { times: [], errors: 0, cursors: [] };
        const merged = events[index]!;
        for (const time of received.times) merged.times.push(time);
        merged.errors += received.errors;
        for (const cursor of received.cursors) if (!merged.cursors.includes(cursor)) merged.cursors.push(cursor);
      });
    }
    return {
      events,
      unexpectedCloses: reports.reduce((sum, r) => sum + r.unexpectedCloses, 0),
      firstError: reports.find((r) => r.firstError)?.firstError ?? null,
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map((child) => {
        if (exited(child)) return undefined;
        const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'close' } satisfies ParentMessage);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        return done.finally(() => clearTimeout(timer));
      }),
    );
  }
}
