/**
 * Q16, a write followed by a read. A fixed autocannon body cannot do it: ours' updateAgreement
 * takes the version just read (optimistic concurrency). So each iteration reads an agreement (with
 * its version), updates its notes, and reads it back, checking that the write is visible; C
 * connections (BENCH_CONNECTIONS) loop over that in a closed loop, each on an agreement of its own
 * (Q16_FIRST_AGREEMENT + i: no two ever conflict), from a process of their own
 * (write-read-client.ts), as autocannon runs apart from the runner.
 */
import type { Agent } from 'node:http';
import path from 'node:path';
import { postGraphQL } from '../lib/http';
import { benchDir, rootDir } from '../lib/paths';
import { lastJsonLine } from '../lib/processes';
import { type BenchRequest, writeReadRequests } from '../queries';

export type WriteReadFlavor = keyof typeof writeReadRequests;

/** Sends one GraphQL body; resolves to the HTTP status and the response text. */
export type Post = (body: string) => Promise<{ status: number; body: string }>;

/** A POST over `agent`'s kept-alive connections (undefined: node's default agent). */
export function postOver(port: number, token: string | undefined, agent?: Agent): Post {
  return async (body) => {
    const { status, text } = await postGraphQL(port, body, { token, agent });
    return { status, body: text };
  };
}

async function data(
  step: string,
  post: Post,
  request: BenchRequest,
): Promise<{ body: string; data: Record<string, any> }> {
  const response = await post(JSON.stringify(request));
  let parsed: { data?: Record<string, any> | null; errors?: unknown } = {};
  try {
    parsed = JSON.parse(response.body) as typeof parsed;
  } catch {
    // Reported below with the body.
  }
  if (response.status !== 200 || parsed.errors || !parsed.data) {
    throw new Error(`${step}: HTTP ${response.status}: ${response.body.slice(0, 300)}`);
  }
  return { body: response.body, data: parsed.data };
}

/**
 * One iteration: read agreement `id`, write `notes` to it, read it back. Throws when a request
 * fails or the read-back does not hold what was written; else resolves to the read-back's body.
 */
export async function writeThenRead(post: Post, flavor: WriteReadFlavor, id: number, notes: string): Promise<string> {
  const requests = writeReadRequests[flavor];
  const read = await data('read', post, requests.read(id));
  const version = read.data.agreement?.version;
  if (typeof version !== 'number') throw new Error(`read: no version in ${read.body.slice(0, 200)}`);
  const written = await data('write', post, requests.write(id, version, notes));
  const payload = flavor === 'ours' ? written.data.updateAgreement : written.data.updateAgreementByRowId;
  if (!payload?.agreement) throw new Error(`write: ${written.body.slice(0, 300)}`);
  const back = await data('read-back', post, requests.readBack(id));
  if (back.data.agreement?.notes !== notes) {
    throw new Error(`read-back did not see the write ("${notes}"): ${back.body.slice(0, 200)}`);
  }
  return back.body;
}

/** What the client process was asked to do. */
export interface WriteReadJob {
  port: number;
  flavor: WriteReadFlavor;
  token?: string;
  firstAgreement: number;
  connections: number;
  seconds: number;
}

/** What it reports: iterations (3 requests each) completed within the window, and their latency. */
export interface WriteReadReport {
  iterations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: number;
  firstError?: string;
}

/** Runs the closed loop for `job.seconds` in a process of its own and returns its report. */
export async function runWriteReadClient(job: WriteReadJob): Promise<WriteReadReport> {
  return lastJsonLine<WriteReadReport>(
    'write-read client',
    process.execPath,
    ['--import', 'tsx', path.join(benchDir, 'load/write-read-client.ts'), JSON.stringify(job)],
    { cwd: rootDir },
  );
}
