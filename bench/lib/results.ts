/**
 * A run's results replace the previous run's of the same kind: results/<name>.json (every figure)
 * and results/<name>.md (the tables). Git keeps the earlier runs; a report that compares runs
 * names the commit or keeps the files it cites.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resultsDir } from './paths';

export const resultFile = (name: string, extension: 'json' | 'md') => path.join(resultsDir, `${name}.${extension}`);

export function writeResults(name: string, report: unknown, markdown: string): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resultFile(name, 'json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(resultFile(name, 'md'), markdown);
  console.log(`results: bench/results/${name}.json, bench/results/${name}.md`);
}
