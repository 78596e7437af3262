/**
 * How production runs this service, for both benchmarks: `npm run build`, then what `npm run
 * start:prod` runs, read from package.json so the benchmarks follow it when it changes. The
 * server is started as `node <flags> <bundle>` directly: npm's wrapper process would add its own
 * memory to the server's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rootDir } from './paths';

export const productionBuild = { command: 'npm', args: ['run', 'build', '--silent'] };

/** Bundles a benchmark peer written in TypeScript as `npm run build` bundles the service. */
export function bundle(entry: string, outfile: string) {
  return {
    command: 'npx',
    args: [
      'esbuild',
      entry,
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      '--log-level=warning',
      `--outfile=${outfile}`,
    ],
  };
}

/** The arguments `npm run start:prod` gives node, e.g. ['--max-semi-space-size=64', 'dist/server/main.js']. */
export function productionNodeArgs(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (manifest.scripts['start:prod'] ?? '').trim().split(/\s+/);
  if (command !== 'node' || args.length === 0) {
    throw new Error(
      `package.json's start:prod should be "node [flags] <bundle>", got "${manifest.scripts['start:prod']}"`,
    );
  }
  return args;
}

/** Node's flags in `npm run start:prod`, e.g. ['--max-semi-space-size=64']. */
export const productionNodeFlags = () => productionNodeArgs().slice(0, -1);
