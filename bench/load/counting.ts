/**
 * The first pass: each server alone behind the statement counter, to check that every query
 * answers without errors (keeping the first answer, to compare rows later) and to count its SQL
 * statements per request.
 */
import { editorToken } from '../fanout/writer';
import { type RunningServer, stopServer } from '../lib/processes';
import { Q16_FIRST_AGREEMENT } from '../queries';
import { countLiveStatements, settled } from './live';
import { entries, type ServerResult } from './report';
import { JWT_SECRET, responseProblem, type ServerSpec, send, start } from './servers';
import { settings } from './settings';
import { type StatementCounter, startStatementCounter } from './statement-counter';
import { postOver, writeThenRead } from './write-read';

/** First answers, by "server/query". */
export type Answers = Map<string, string>;

export async function countingPass(spec: ServerSpec, result: ServerResult, answers: Answers): Promise<void> {
  const target = new URL(settings.databaseUrl);
  const counter = await startStatementCounter({ host: target.hostname, port: Number(target.port || 5432) });
  const viaCounter = new URL(settings.databaseUrl);
  viaCounter.hostname = '127.0.0.1';
  viaCounter.port = String(counter.port);
  let server: RunningServer | undefined;
  try {
    server = await start(spec, viaCounter.toString(), 'count');
    for (const [name, request] of entries(spec.requests)) {
      const first = await send(server.port, request);
      const problem = responseProblem(spec, first);
      if (problem) {
        result.queries[name] = { error: problem };
        console.log(`  ${name}: FAILED ${problem}`);
        continue;
      }
      answers.set(`${spec.name}/${name}`, first.body);
      // A few untimed requests first, so one-off work (statement preparation, caches) is not counted.
      for (let i = 0; i < 3; i += 1) await send(server.port, request);
      const before = counter.count();
      for (let i = 0; i < settings.countRequests; i += 1) await send(server.port, request);
      const statementsPerRequest = (counter.count() - before) / settings.countRequests;
      result.queries[name] = { responseBytes: Buffer.byteLength(first.body), statementsPerRequest };
      console.log(
        `  ${name}: ok, ${statementsPerRequest} SQL statements/request, ${Buffer.byteLength(first.body)} bytes`,
      );
    }
    if (spec.writeRead) await countWriteRead(spec, server.port, counter, result, answers);
    if (spec.live) {
      try {
        const token = await editorToken(JWT_SECRET);
        const statementsPerChange = await countLiveStatements(server.port, token, counter.count, 10);
        result.live = { statementsPerChange };
        console.log(`  q17: ok, ${statementsPerChange} SQL statements/change`);
      } catch (error) {
        result.live = { error: error instanceof Error ? error.message : String(error) };
        console.log(`  q17: FAILED ${result.live.error}`);
      }
    }
  } finally {
    if (server) await stopServer(server.child);
    await counter.close();
  }
}

/**
 * Q16 on the first of its agreements: iterations one at a time, each checked (the read-back must
 * hold the write), statements counted per iteration (its three requests, and for ours the event
 * log's dispatch that the commit sets off). Both servers write the same notes in the same order,
 * so the last read-back is compared between them.
 */
async function countWriteRead(
  spec: ServerSpec,
  port: number,
  counter: StatementCounter,
  result: ServerResult,
  answers: Answers,
): Promise<void> {
  const flavor = spec.writeRead!;
  const post = postOver(port, flavor === 'ours' ? await editorToken(JWT_SECRET) : undefined);
  let n = 0;
  const iteration = () => writeThenRead(post, flavor, Q16_FIRST_AGREEMENT, `Q16 check ${++n}`);
  try {
    for (let i = 0; i < 3; i += 1) await iteration();
    const before = await settled(counter.count);
    let last = '';
    for (let i = 0; i < settings.countRequests; i += 1) last = await iteration();
    const statementsPerRequest = ((await settled(counter.count)) - before) / settings.countRequests;
    answers.set(`${spec.name}/q16`, last);
    result.queries.q16 = { responseBytes: Buffer.byteLength(last), statementsPerRequest };
    console.log(`  q16: ok, ${statementsPerRequest} SQL statements/iteration (3 requests)`);
  } catch (error) {
    result.queries.q16 = { error: error instanceof Error ? error.message : String(error) };
    console.log(`  q16: FAILED ${result.queries.q16.error}`);
  }
}
