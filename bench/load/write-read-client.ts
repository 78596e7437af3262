/**
 * Q16's load client, a process of its own (bench/load/write-read.ts starts it with a job as JSON):
 * `connections` loops, each on its own kept-alive connection and its own agreement, each running
 * write-then-read iterations back to back until `seconds` have passed. Prints one JSON line, the
 * iterations completed within the window and their latency (read + write + read back).
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { mean, percentile } from '../lib/stats';
import { postOver, type WriteReadJob, type WriteReadReport, writeThenRead } from './write-read';

const job = JSON.parse(process.argv[2]!) as WriteReadJob;
const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
const post = postOver(job.port, job.token, agent);
// New notes each iteration: a read-back of the previous value would not pass for the write's.
const run = randomBytes(4).toString('hex');
const latencies: number[] = [];
let errors = 0;
let firstError: string | undefined;

const started = performance.now();
const deadline = started + job.seconds * 1000;

async function loop(connection: number): Promise<void> {
  const id = job.firstAgreement + connection;
  for (let n = 1; performance.now() < deadline; n += 1) {
    const begun = performance.now();
    try {
      await writeThenRead(post, job.flavor, id, `Q16 ${job.flavor} ${run} write ${n}`);
      const ended = performance.now();
      if (ended <= deadline) latencies.push(ended - begun);
    } catch (error) {
      errors += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
}

await Promise.all(Array.from({ length: job.connections }, (_, i) => loop(i)));
agent.destroy();
const sorted = latencies.sort((a, b) => a - b);
const tenth = (value: number) => Math.round(value * 10) / 10;
const report: WriteReadReport = {
  iterations: sorted.length,
  perSecond: Math.round(sorted.length / job.seconds),
  p50Ms: sorted.length ? tenth(percentile(sorted, 50)) : 0,
  p99Ms: sorted.length ? tenth(percentile(sorted, 99)) : 0,
  meanMs: sorted.length ? tenth(mean(sorted)) : 0,
  errors,
  ...(firstError ? { firstError } : {}),
};
console.log(JSON.stringify(report));
