/**
 * The processes a benchmark starts (servers, peers, load generators, subscriber clients). Every
 * one is tracked, so a crash or ^C never leaves one holding a port, sockets or connections.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { cacheDir, rootDir } from './paths';

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on right now, for a server that must be told its port. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
}

export function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs a build step (in the repository root) to its end, or throws. */
export function build({ command, args }: { command: string; args: string[] }): void {
  console.log(`building: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { cwd: rootDir, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status ?? run.signal})`);
}

export interface ServerLaunch {
  /** For messages, and the log file's name (bench/.cache/<logName>.log). */
  name: string;
  logName: string;
  command: string;
  args: string[];
  /** Added to this process's environment, besides HOST=127.0.0.1 and PORT. */
  env: Record<string, string>;
  /** Whether the server on `port` answers yet. */
  ready(port: number): Promise<boolean>;
  readyTimeoutMs: number;
  /** A fixed port (to restart "the same" server behind a proxy); a free one otherwise. */
  port?: number;
  /** Append to the log file instead of replacing it (a restarted server keeps its history). */
  appendLog?: boolean;
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  logFile: string;
  startupMs: number;
}

/** Starts a server on a free port and resolves once `ready` says so (or throws, with its log). */
export async function startServer(launch: ServerLaunch): Promise<RunningServer> {
  const port = launch.port ?? (await freePort());
  mkdirSync(cacheDir, { recursive: true });
  const logFile = path.join(cacheDir, `${launch.logName}.log`);
  // Output goes to a file, not a pipe: an unread pipe would block a chatty server.
  const fd = openSync(logFile, launch.appendLog ? 'a' : 'w');
  const started = performance.now();
  const child = track(
    spawn(launch.command, launch.args, {
      cwd: rootDir,
      env: { ...process.env, ...launch.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', fd, fd],
    }),
  );
  closeSync(fd);
  const deadline = Date.now() + launch.readyTimeoutMs;
  for (;;) {
    if (exited(child)) {
      throw new Error(
        `${launch.name} exited during startup (${child.exitCode ?? child.signalCode}):\n${logTail(logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      await stopServer(child);
      throw new Error(`${launch.name} was not ready after ${launch.readyTimeoutMs} ms:\n${logTail(logFile)}`);
    }
    if (await launch.ready(port).catch(() => false)) break;
    await sleep(200);
  }
  return { child, port, logFile, startupMs: Math.round(performance.now() - started) };
}

/** SIGTERM, and SIGKILL if the process has not ended 15 s later. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const done = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(timer);
}

/** Runs a command to its end and parses the last line of its standard output as JSON (its report). */
export async function lastJsonLine<T>(
  what: string,
  command: string,
  args: string[],
  options: { cwd?: string } = {},
): Promise<T> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lastLine = stdout.trim().split('\n').at(-1);
  if (code !== 0 || !lastLine) throw new Error(`${what} failed (${code}): ${stderr.slice(-1000)}`);
  return JSON.parse(lastLine) as T;
}
