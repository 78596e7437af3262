/**
 * The soak's CI profile (bench/soak.ts, SOAK_PROFILE=ci: about 80 s of traffic with every fault
 * kind) as one test, so `npm test` covers it. It brings its own PostgreSQL cluster, so it needs
 * the server binaries; like CI's PostgreSQL project, it runs only where TEST_DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { faultSuite } from '../support/pg-cluster';

const root = path.resolve(import.meta.dirname, '../..');
const suite = process.env.TEST_DATABASE_URL
  ? faultSuite
  : (name: string, body: () => void) => describe.skip(`${name} (skipped: TEST_DATABASE_URL is not set)`, body);

suite('soak under faults (CI profile)', () => {
  it('keeps every write and every delivery through every fault kind', async () => {
    // Its report goes to a scratch folder: bench/results/ keeps the committed full run's.
    const results = mkdtempSync(path.join(tmpdir(), 'ua-soak-'));
    onTestFinished(() => rmSync(results, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/soak.ts'], {
      cwd: root,
      env: { ...process.env, SOAK_PROFILE: 'ci', BENCH_RESULTS_DIR: results },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A timeout or a failure here still ends the soak: its ^C path stops the cluster and servers.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGINT');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const last = output.trimEnd().split('\n').at(-1) ?? '';
    expect(last, output.slice(-6000)).toMatch(/^PASS/);
    expect(code).toBe(0);
  }, 240_000);
});
