/**
 * The event machinery knows no domain: nothing src/events/ imports, directly or through another
 * file, is in src/modules/. services.ts (the composition root) wires the two together.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');
const events = join(src, 'events');
const modules = join(src, 'modules');

/** Every module specifier a file names: static, type-only, re-exports and dynamic `import()`. */
const specifiers = (file: string) =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);

/** The file a relative specifier names; packages are outside the question. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const file = [`${base}.ts`, join(base, 'index.ts'), base].find((path) => existsSync(path) && statSync(path).isFile());
  if (!file) throw new Error(`${relative(root, from)} imports ${specifier}, which resolves to no file`);
  return file;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/** Each file reachable from src/events/, with the chain of imports that reaches it. */
function reachableFromEvents(): Map<string, string[]> {
  const chains = new Map(filesUnder(events).map((file) => [file, [relative(root, file)]]));
  const queue = [...chains.keys()];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const specifier of specifiers(file)) {
      const target = resolveImport(file, specifier);
      if (!target || chains.has(target)) continue;
      chains.set(target, [...chains.get(file)!, relative(root, target)]);
      queue.push(target);
    }
  }
  return chains;
}

it('reads the imports it checks (a reader that found none would pass anything)', () => {
  const bus = join(events, 'event-bus.ts');
  expect(specifiers(bus)).toContain('./event-log.repository');
  expect(reachableFromEvents().has(join(src, 'db', 'types.ts'))).toBe(true);
});

it('src/events/ imports nothing from src/modules/, directly or indirectly', () => {
  const intoModules = [...reachableFromEvents()]
    .filter(([file]) => file.startsWith(`${modules}/`))
    .map(([, chain]) => chain.join(' -> '));
  expect(intoModules).toEqual([]);
});
