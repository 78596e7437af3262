/**
 * The README shows the resuming graphql-ws client the suite runs (apollo.test.ts) verbatim, and
 * names the client versions package-lock pins: neither may drift from the code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README, section Clients and Subscriptions', () => {
  it('shows tests/clients/resume-example.ts as it is', () => {
    expect(readme).toContain(
      `\`\`\`ts\n${readFileSync(path.join(import.meta.dirname, 'resume-example.ts'), 'utf8')}\`\`\``,
    );
  });

  it.each(['@apollo/client', '@urql/core', 'graphql-sse', 'eventsource', 'relay-compiler', 'graphql-ws'])(
    'names the installed version of %s',
    (name) => {
      const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
      const row = readme.split('\n').find((line) => line.includes(`\`${name}\``) && line.startsWith('|'));
      expect(row ?? `${name}: no row`).toContain(version);
    },
  );
});
