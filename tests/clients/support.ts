/**
 * What the client tests share: possibleTypes read from the committed schema.graphql (as Apollo's
 * and urql's docs have clients generate them), and a network cut under a subscribed client.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isAbstractType } from 'graphql';
import type { TestApp } from '../support/app';
import { createAgreement, sign } from '../support/factories';
import type { TcpProxy } from '../support/tcp-proxy';
import { untilSubscribers, waitFor } from '../support/wait';

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../schema.graphql');

export function possibleTypes(): Record<string, string[]> {
  const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  const out: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) out[type.name] = schema.getPossibleTypes(type).map((possible) => possible.name);
  }
  return out;
}

/** The titles signed by `acrossACut`, in order. */
export const CUT_TITLES = ['before the cut', 'during the cut 1', 'during the cut 2', 'after the cut'];

/**
 * With one client subscribed through `proxy`: a signing, then the network goes (the connection is
 * cut and reconnecting refused) while two more are signed, then it comes back and one more is
 * signed. Resolves once the client has `received()` four events (or fails with what it has).
 */
export async function acrossACut(t: TestApp, proxy: TcpProxy, received: () => unknown[]): Promise<void> {
  const signTitled = async (title: string) => sign(t.execute, (await createAgreement(t.execute, 'PL', title)).id);
  await untilSubscribers(t.app, 1);
  await signTitled(CUT_TITLES[0]!);
  await waitFor(() => received().length === 1);
  proxy.block('GET /graphql');
  await untilSubscribers(t.app, 0);
  await signTitled(CUT_TITLES[1]!);
  await signTitled(CUT_TITLES[2]!);
  proxy.unblock();
  await untilSubscribers(t.app, 1, 15_000);
  await signTitled(CUT_TITLES[3]!);
  await waitFor(() => received().length >= 4, { timeoutMs: 10_000, describe: () => JSON.stringify(received()) });
}
