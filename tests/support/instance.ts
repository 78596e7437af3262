/**
 * A second server as a real child process (`node --import tsx src/main.ts`) on the test file's
 * PostgreSQL database, for the multi-instance tests. It finds the URL in main.ts's log line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TEST_JWT_SECRET } from './app';

export interface Instance {
  /** http://127.0.0.1:PORT, like TestApp.listen(). */
  url: string;
  pid: number;
  /** SIGTERM, then waits for the process to exit (it drains like the in-process app). */
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      MIGRATE_ON_START: 'false',
      SEED_ON_START: 'false',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'info',
      WRITE_RATE_LIMIT: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('did not report ready within 30 s')), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`second instance: ${error.message}\n${output.join('')}`));
    };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(`${line}\n`);
      const ready = /GraphQL ready at (http:\/\/[^/\s]+)\/graphql/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    void exited.then((code) => fail(new Error(`exited with code ${code} before it was ready`)));
  });

  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`second instance exited with code ${code}\n${output.join('')}`);
    },
  };
}
