/**
 * The bench's two shapes that no fixed request can express, their clients run against the real
 * app: Q16 (bench/load/write-read.ts: read an agreement's version, write through it, read the
 * write back) and Q17 (bench/load/live.ts: clients holding one `query @live` list while a writer
 * edits its rows). They check that the bench's operations are valid for the schema, that an
 * iteration fails when its write is not visible, and that Q17's premise holds: one execution per
 * change, whatever the number of clients.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openClients, untilSeen, Writer } from '../../bench/load/live';
import { type Post, postOver, writeThenRead } from '../../bench/load/write-read';
import { LIVE_ENV, startTestApp, type TestApp, token } from '../support/app';
import { untilDispatched } from '../support/wait';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await startTestApp(LIVE_ENV);
  port = Number(new URL(await t.listen()).port);
});
afterAll(() => t.close());

/** A seeded agreement's row id and version, read over HTTP. */
async function someAgreement(post: Post): Promise<{ id: number; version: number }> {
  const response = await post(JSON.stringify({ query: '{ agreements(first: 1) { edges { node { id version } } } }' }));
  const node = JSON.parse(response.body).data.agreements.edges[0].node as { id: string; version: number };
  return { id: Number(Buffer.from(node.id, 'base64').toString('utf8').split(':')[1]), version: node.version };
}

it('Q16: reads the version, writes through it and sees the write, iteration after iteration', async () => {
  const post = postOver(port, await token('editor'));
  const agreement = await someAgreement(post);
  const first = JSON.parse(await writeThenRead(post, 'ours', agreement.id, 'Q16 test write 1'));
  expect(first.data.agreement).toMatchObject({ notes: 'Q16 test write 1' });
  // The second iteration must read the version the first one made, or it is a VersionConflictError.
  const second = JSON.parse(await writeThenRead(post, 'ours', agreement.id, 'Q16 test write 2'));
  expect(second.data.agreement).toMatchObject({ notes: 'Q16 test write 2' });
  expect((await someAgreement(post)).version).toBe(agreement.version + 2);
});

it('Q16: fails an iteration whose write did not take', async () => {
  const editor = postOver(port, await token('editor'));
  const agreement = await someAgreement(editor);
  // The write answered as a success but never sent: the read-back must catch it.
  const dropsWrites: Post = async (body) =>
    body.includes('updateAgreement')
      ? { status: 200, body: JSON.stringify({ data: { updateAgreement: { agreement: { id: 'x', version: 0 } } } }) }
      : editor(body);
  await expect(writeThenRead(dropsWrites, 'ours', agreement.id, 'Q16 never written')).rejects.toThrow(
    /did not see the write/,
  );
  // A refused write (no token) fails the iteration too.
  await expect(writeThenRead(postOver(port, undefined), 'ours', agreement.id, 'Q16 refused')).rejects.toThrow(
    /^write:/,
  );
});

it('Q17: every client holding the live list gets each change, from one execution per change', async () => {
  await untilDispatched(t.app); // the writes above re-run nothing opened below
  const clients = await openClients(port, 3);
  try {
    const writer = Writer.create(port, await token('editor'), clients[0]!.latest!);
    for (let i = 0; i < 2; i += 1) {
      const before = t.app.liveQueries.executions;
      const change = await writer.change();
      expect(change, writer.firstError).toBeDefined();
      expect(await untilSeen(clients, change!.notes)).toBe(true);
      await untilDispatched(t.app);
      expect(t.app.liveQueries.executions - before).toBe(1);
    }
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
});
