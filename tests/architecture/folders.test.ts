/**
 * Dependencies between the folders of src/ point one way. Read from the import statements
 * (type-only ones included: a type cycle is still two folders that cannot be read apart).
 *
 * The rules:
 * - Between the top-level folders of src/ (db, events, modules, pagination, schema, server, ...)
 *   there is no cycle, however long.
 * - Files directly in src/ are of two kinds. Composition roots (main, app, services, schema, cluster) wire
 *   the folders together and may import anything; nothing in a folder imports them, not even for
 *   a type. Shared definitions (config, errors, auth, context) may be imported from anywhere; they
 *   import nothing from a folder but types. A new file in src/ must be put in one list or the other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const COMPOSITION_ROOTS = ['main.ts', 'app.ts', 'services.ts', 'schema.ts', 'cluster.ts'];
const SHARED_DEFINITIONS = ['config.ts', 'errors.ts', 'auth.ts', 'context.ts'];

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** Every relative import and re-export of every file under src/, resolved to a file. */
function readImports(): Import[] {
  const found: Import[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
      if (!specifier || !ts.isStringLiteral(specifier)) return;
      const to = resolve(file, specifier.text);
      if (to === undefined && specifier.text.startsWith('.')) {
        throw new Error(`${path.relative(SRC, file)} imports ${specifier.text}, which is no file`);
      }
      if (to) found.push({ from: file, to, typeOnly });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        const named =
          clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
        const allTypes =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name && !!named && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
        add(node.moduleSpecifier, allTypes);
      } else if (ts.isExportDeclaration(node)) {
        add(node.moduleSpecifier, node.isTypeOnly);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        add(node.arguments[0], false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The top-level folder of src/ a file is in, or undefined for a file directly in src/. */
function folderOf(file: string): string | undefined {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

const imports = (() => {
  let all: Import[] | undefined;
  return () => (all ??= readImports());
})();

const where = (i: Import) => `${path.relative(SRC, i.from)} imports ${path.relative(SRC, i.to)}`;

it('puts every file directly in src/ in a named role', () => {
  const rootFiles = readdirSync(SRC).filter((name) => name.endsWith('.ts'));
  expect(rootFiles.filter((name) => !COMPOSITION_ROOTS.includes(name) && !SHARED_DEFINITIONS.includes(name))).toEqual(
    [],
  );
});

it('imports no composition root from inside a folder', () => {
  const offending = imports().filter(
    (i) => folderOf(i.from) !== undefined && COMPOSITION_ROOTS.includes(path.relative(SRC, i.to)),
  );
  expect(offending.map(where)).toEqual([]);
});

it('imports only types from a folder into a shared definition', () => {
  const offending = imports().filter(
    (i) => SHARED_DEFINITIONS.includes(path.relative(SRC, i.from)) && folderOf(i.to) !== undefined && !i.typeOnly,
  );
  expect(offending.map(where)).toEqual([]);
});

it('has no cycle between the folders of src/', () => {
  const edges = new Map<string, Map<string, Import>>();
  for (const i of imports()) {
    const from = folderOf(i.from);
    const to = folderOf(i.to);
    if (!from || !to || from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, i);
  }
  // Depth-first search; a folder met again while still on the path closes a cycle.
  const cycles: string[] = [];
  const done = new Set<string>();
  const walk = (folder: string, trail: string[]) => {
    if (trail.includes(folder)) {
      const cycle = [...trail.slice(trail.indexOf(folder)), folder];
      const steps = cycle.slice(1).map((to, index) => where(edges.get(cycle[index]!)!.get(to)!));
      cycles.push(`${cycle.join(' -> ')}\n    ${steps.join('\n    ')}`);
      return;
    }
    if (done.has(folder)) return;
    for (const next of edges.get(folder)?.keys() ?? []) walk(next, [...trail, folder]);
    done.add(folder);
  };
  for (const folder of edges.keys()) walk(folder, []);
  expect(cycles, `cycles between folders:\n${cycles.join('\n')}`).toEqual([]);
});
