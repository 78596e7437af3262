/**
 * A file in src/ over 350 lines opens with a comment, which should say why it stays one file: a
 * reader should meet the reason before the length.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const MAX_LINES = 350;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

it(`opens every file over ${MAX_LINES} lines with a comment`, () => {
  const unexplained = sourceFiles(SRC).filter((file) => {
    const text = readFileSync(file, 'utf8');
    return text.split('\n').length > MAX_LINES && !/^\s*(\/\*|\/\/)/.test(text);
  });
  expect(unexplained.map((file) => path.relative(SRC, file))).toEqual([]);
});
