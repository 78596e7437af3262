/**
 * The first pass: each server alone behind the statement counter, to check that every query
 * answers without errors (keeping the first answer, to compare rows later) and to count its SQL
 * statements per request.
 */
import { type RunningServer, stopServer } from '../lib/processes';
import { entries, type ServerResult } from './report';
import { responseProblem, type ServerSpec, send, start } from './servers';
import { settings } from './settings';
import { startStatementCounter } from './statement-counter';

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
  } finally {
    if (server) await stopServer(server.child);
    await counter.close();
  }
}
