/**
 * relay-compiler (the binary in the npm package) over the committed schema.graphql and the Relay
 * documents in tests/clients/relay/: @refetchable fragments on Query, Agreement and Partner,
 * @connection paginated forwards and backwards, the transitionAgreement union selecting `from` on
 * both branches. It must compile with no error, and the operations it generates (each artifact's
 * `params.text`) must run against the server without errors.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema';
import { bearer, startTestApp, type TestApp } from '../support/app';
import { createAgreement } from '../support/factories';
import { SCHEMA_FILE } from './support';

const COMPILER = createRequire(import.meta.url).resolve('relay-compiler/cli.js');

interface Operation {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  text: string;
}

let t: TestApp;
let dir: string;
let compilerOutput: string;
const operations = new Map<string, Operation>();
beforeAll(async () => {
  [t] = await Promise.all([startTestApp(), compile()]);
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function compile() {
  dir = mkdtempSync(path.join(tmpdir(), 'relay-'));
  cpSync(path.join(import.meta.dirname, 'relay'), path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'src/__generated__'));
  writeFileSync(
    path.join(dir, 'relay.config.json'),
    JSON.stringify({
      src: './src',
      schema: SCHEMA_FILE,
      language: 'typescript',
      artifactDirectory: './src/__generated__',
    }),
  );
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [COMPILER], { cwd: dir, timeout: 60_000 });
  compilerOutput = stdout + stderr;
  for (const file of readdirSync(path.join(dir, 'src/__generated__'))) {
    const source = readFileSync(path.join(dir, 'src/__generated__', file), 'utf8');
    const text = /"text": ("(?:[^"\\]|\\.)*")/.exec(source)?.[1];
    const kind = /"operationKind": "(query|mutation|subscription)"/.exec(source)?.[1];
    if (!text || !kind) continue; // a fragment: no operation of its own
    const name = file.replace('.graphql.ts', '');
    operations.set(name, { name, kind: kind as Operation['kind'], text: JSON.parse(text) });
  }
}

const run = async (name: string, variables: Record<string, unknown>, headers?: Record<string, string>) => {
  const operation = operations.get(name);
  if (!operation) throw new Error(`relay-compiler generated no ${name}: ${[...operations.keys()].join(', ')}`);
  const result = await t.execute(operation.text, variables, headers);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
};

describe('relay-compiler', () => {
  it('compiles the documents against schema.graphql with no error', () => {
    expect(compilerOutput).toContain('Compilation completed');
    expect(compilerOutput).not.toMatch(/ERROR|WARN/);
    expect([...operations.keys()].sort()).toEqual([
      'RelayClientsAgreementListPaginationQuery',
      'RelayClientsAgreementRefetchQuery',
      'RelayClientsAgreementsQuery',
      'RelayClientsPartnerAgreementsPaginationQuery',
      'RelayClientsPartnerQuery',
      'RelayClientsSignedSubscription',
      'RelayClientsTransitionMutation',
    ]);
  });

  it('its connection pages forwards and backwards', async () => {
    const forward = await run('RelayClientsAgreementsQuery', { first: 3 });
    expect(forward.agreements.edges).toHaveLength(3);
    const next = await run('RelayClientsAgreementListPaginationQuery', {
      first: 3,
      after: forward.agreements.pageInfo.endCursor,
    });
    expect(next.agreements.edges[0].cursor).not.toBe(forward.agreements.edges[2].cursor);
    const backward = await run('RelayClientsAgreementListPaginationQuery', {
      last: 2,
      before: next.agreements.edges[0].cursor,
    });
    expect(backward.agreements.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(
      forward.agreements.edges.slice(1).map((edge: { cursor: string }) => edge.cursor),
    );
    expect(backward.agreements.pageInfo).toMatchObject({ hasPreviousPage: true });
  });

  it('its refetch queries find an agreement and a partner by node(id:), with the nested connection', async () => {
    const { partner } = await run('RelayClientsPartnerQuery', { code: 'FR' });
    const refetched = await run('RelayClientsPartnerAgreementsPaginationQuery', { id: partner.id, count: 1 });
    expect(refetched.node).toMatchObject({ __typename: 'Partner', code: 'FR' });
    expect(refetched.node.agreements.edges).toHaveLength(1);
    const agreementId = refetched.node.agreements.edges[0].node.id;
    const agreement = await run('RelayClientsAgreementRefetchQuery', { id: agreementId });
    expect(agreement.node).toMatchObject({ __typename: 'Agreement', id: agreementId });
  });

  it('its union mutation runs, both branches selecting `from`', async () => {
    const created = await createAgreement(t.execute, 'CZ', 'Relay union');
    const auth = await bearer('editor');
    const input = { id: created.id, to: 'SIGNED', expectedVersion: 1, effectiveDate: '2025-06-01' };
    const signed = await run('RelayClientsTransitionMutation', { input }, auth);
    expect(signed.transitionAgreement).toMatchObject({ __typename: 'AgreementStatusChange', from: 'NEGOTIATING' });
    const refused = await run('RelayClientsTransitionMutation', { input: { ...input, expectedVersion: 2 } }, auth);
    expect(refused.transitionAgreement).toMatchObject({
      __typename: 'InvalidTransitionError',
      from: 'SIGNED',
      allowed: [],
    });
  });

  it('its subscription is valid against the server schema', () => {
    const text = operations.get('RelayClientsSignedSubscription')?.text ?? '';
    expect(validate(schema, parse(text))).toEqual([]);
  });
});
