/**
 * The server as a real process (`node --import tsx src/main.ts`) on a PostgreSQL database, for
 * what one in-process app cannot show: several instances on one database, a server killed or
 * restarted under its clients. It is ready when main.ts logs "GraphQL ready at".
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { TEST_JWT_SECRET } from './app';
import { type Endpoint, type Execute, executor, overNetwork, type Target } from './http';

const root = path.resolve(import.meta.dirname, '../..');

/** A port nobody listens on right now (for a process that cannot be given port 0). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface ServerProcess extends Target {
  readonly port: number;
  readonly pid: number;
  /** http://127.0.0.1:PORT, like TestApp.listen(). */
  readonly url: string;
  readonly wsUrl: string;
  readonly endpoint: Endpoint;
  readonly execute: Execute;
  /** stdout and stderr lines, for failure messages. */
  readonly logs: string[];
  readonly child: ChildProcess;
  /** From spawn to "GraphQL ready". */
  readonly startupMs: number;
  /** Null while the process runs. */
  readonly exit: Exit | null;
  /** Sends the signal and waits for the process to end (SIGKILL after 15 s). */
  kill(signal: NodeJS.Signals): Promise<Exit>;
  /** SIGTERM (it drains like the in-process app); fails unless the process exits with 0. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl: string;
  /** Reuse a port to restart "the same" instance; a free one otherwise. */
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for "GraphQL ready" before killing it (30 s unless told). */
  readyTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  // A port found free can be taken by another test's process before the server binds it (files
  // run in parallel): when the test asked for no port in particular, try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOn(options.port ?? (await freePort()), options);
    } catch (error) {
      const taken = /EADDRINUSE/.test((error as Error).message);
      if (!taken || options.port !== undefined || attempt === 3) throw error;
    }
  }
}

async function startServerOn(port: number, options: ServerOptions): Promise<ServerProcess> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      // The database is prepared already: these are no-ops that several servers may run at once.
      MIGRATE_ON_START: 'true',
      SEED_ON_START: 'true',
      // The writers here are the test's own; rate limiting is another test's subject.
      WRITE_RATE_LIMIT: '1000000',
      SHUTDOWN_GRACE_MS: '2000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const logs: string[] = [];
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exit = { code, signal };
      resolve(exit);
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        logs.push(line);
        if (line.includes('GraphQL ready at')) resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) =>
      reject(new Error(`server exited before it was ready (${JSON.stringify(how)}):\n${logs.join('\n')}`)),
    );
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.readyTimeoutMs ?? 30_000);
  try {
    await ready;
  } finally {
    clearTimeout(timeout);
  }
  const url = `http://127.0.0.1:${port}`;
  const endpoint = overNetwork(url);
  const kill = async (signal: NodeJS.Signals) => {
    if (!exit) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    port,
    pid: child.pid!,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    endpoint,
    execute: executor({ endpoint }),
    startupMs: Math.round(performance.now() - spawnedAt),
    logs,
    child,
    get exit() {
      return exit;
    },
    kill,
    async stop() {
      if (exit) return;
      const how = await kill('SIGTERM');
      if (how.code !== 0) throw new Error(`the server exited with ${JSON.stringify(how)}\n${logs.join('\n')}`);
    },
  };
}

/** How a server is doing, for failure messages: exit status and its last log lines. */
export const describeServer = (server: ServerProcess, lines = 15) =>
  `server ${server.exit ? `exited ${JSON.stringify(server.exit)}` : 'running'}; last log lines:\n${server.logs.slice(-lines).join('\n')}`;

/** SIGKILLs every server this file started and is still running (afterAll). */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** GET /ready's status, or 0 when nothing answered. */
export async function readyStatus(server: { url: string }): Promise<number> {
  try {
    const response = await fetch(`${server.url}/ready`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
