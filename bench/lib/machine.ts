/** What a result was measured on, recorded with it: figures from another machine do not compare. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { rootDir } from './paths';

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  postgres: string;
}

export function machine(postgres: string): Machine {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    postgres,
  };
}

/** "2 CPUs (model), 24 GiB, Linux …; PostgreSQL 15.x …", for a report's first lines. */
export const describeMachine = (m: Machine) =>
  `${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.kernel}; ${m.postgres.split(',')[0]}`;

/** The commit measured, and whether src/ differed from it (the working tree is what runs). */
export function codeVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: rootDir, encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--', 'src') ? `${commit} + uncommitted changes in src/` : commit;
}
