/**
 * The committed schema.graphql passes graphql-schema-linter's default rules: every type, field,
 * argument, input field and enum value has a description (what GraphiQL's docs show), and the
 * Relay, naming and ordering rules hold. Run through its CLI, as `npm run lint:schema` does, so what
 * a developer runs is what is tested: no configuration, every default rule applies.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const cli = createRequire(import.meta.url).resolve('graphql-schema-linter/lib/cli.js');

interface LintError {
  message: string;
  rule: string;
  location: { line: number; column: number };
}

function lint(args: string[], input?: string): { status: number | null; errors: LintError[] } {
  const run = spawnSync(process.execPath, [cli, '--format', 'json', ...args], { input, encoding: 'utf8' });
  if (!run.stdout) throw new Error(`graphql-schema-linter printed nothing: ${run.stderr}`);
  return { status: run.status, errors: (JSON.parse(run.stdout) as { errors: LintError[] }).errors };
}

it('reports nothing on schema.graphql', () => {
  const { status, errors } = lint(['schema.graphql']);
  expect(errors.map((error) => `${error.location.line}: ${error.message} (${error.rule})`)).toEqual([]);
  expect(status).toBe(0);
});

it('does report a schema without descriptions (so the test above is not vacuous)', () => {
  const { status, errors } = lint(['--stdin'], 'type Query { a: String }');
  expect(errors.map((error) => error.rule)).toEqual(
    expect.arrayContaining(['types-have-descriptions', 'fields-have-descriptions']),
  );
  expect(status).toBe(1);
});
