/**
 * A private PostgreSQL cluster for fault tests: initdb into a temporary directory, listen on
 * 127.0.0.1 and a free port, and stop (fast or immediate) and start it at will. The machine's
 * shared server on 5432 is never touched: other test files run against it in parallel.
 *
 * initdb and postgres refuse to run as root, so as root every command runs as the `postgres` OS
 * user (runuser), with the directory handed over to it.
 *
 * The suites that use one run once per `vitest run`: in the `embedded` project, which always
 * exists, and are skipped in the `postgres` one (see `faultSuite`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { seed } from '../../src/seed/seed';
import { freePort } from './server-process';

export type ShutdownMode = 'smart' | 'fast' | 'immediate';

/** The directory holding initdb, pg_ctl and postgres: $PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
function findBinDir(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    return existsSync(path.join(dir, 'initdb')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

const binDir = findBinDir();
const runAsRoot = process.getuid?.() === 0;

/** Why a private cluster cannot be made here, or undefined when it can. */
export const clusterUnavailableReason: string | undefined = !binDir
  ? 'no PostgreSQL server binaries (initdb, pg_ctl) found: set PG_BIN or install postgresql'
  : runAsRoot && !hasPostgresUser()
    ? 'running as root and there is no `postgres` OS user to run initdb as'
    : undefined;

function hasPostgresUser(): boolean {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): Promise<string> {
  const [file, argv] = runAsRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    // pg_ctl start leaves the postmaster running with its output in the log file, not our pipes.
    execFile(file, argv, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${path.basename(command)} ${args.join(' ')} failed: ${stderr || stdout || error.message}`));
      else resolve(stdout);
    });
  });
}

export class PgCluster {
  private running = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** initdb (trust auth, no fsync) and start; a couple of seconds. */
  static async create(): Promise<PgCluster> {
    if (clusterUnavailableReason) throw new Error(clusterUnavailableReason);
    const dir = mkdtempSync(path.join(tmpdir(), 'ua-pg-fault-'));
    if (runAsRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      chownSync(dir, uid, gid);
    }
    const cluster = new PgCluster(dir, await freePort());
    await run(path.join(binDir!, 'initdb'), [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await cluster.start();
    return cluster;
  }

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  get logFile(): string {
    return path.join(this.dir, 'postgres.log');
  }

  /** The maintenance database's URL; `urlFor(name)` for another database. */
  get url(): string {
    return this.urlFor('postgres');
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.dir}`,
      // Safe for speed: they only matter if the machine crashes. Not synchronous_commit=off: an
      // immediate shutdown would then lose commits already acknowledged to the client.
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c log_min_messages=warning',
    ].join(' ');
    await run(path.join(binDir!, 'pg_ctl'), [
      'start',
      '-D',
      this.dataDir,
      '-l',
      this.logFile,
      '-w',
      '-t',
      '30',
      '-o',
      options,
    ]);
    this.running = true;
  }

  /** fast: roll back sessions and disconnect them; immediate: kill everything, recover at next start. */
  async stop(mode: ShutdownMode = 'fast'): Promise<void> {
    await run(path.join(binDir!, 'pg_ctl'), ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', '30']);
    this.running = false;
  }

  async restart(mode: ShutdownMode = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.start();
  }

  async createDatabase(name: string): Promise<string> {
    await this.query(`create database ${pg.escapeIdentifier(name)}`);
    return this.urlFor(name);
  }

  /** One statement on a short-lived connection (to `database`, default the maintenance one). */
  async query<Row = Record<string, unknown>>(
    text: string,
    params: unknown[] = [],
    database = 'postgres',
  ): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.urlFor(database), application_name: 'fault-test-admin' });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as Row[];
    } finally {
      await client.end();
    }
  }

  /** The tail of the server log, for failure messages. */
  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** destroy() for a process 'exit' handler (^C, a crash), where nothing asynchronous runs. */
  destroySync(): void {
    if (this.running) {
      const args = ['stop', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30'];
      const command = path.join(binDir!, 'pg_ctl');
      try {
        if (runAsRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
        else execFileSync(command, args, { stdio: 'ignore' });
      } catch {
        // Already stopped.
      }
      this.running = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  async destroy(): Promise<void> {
    if (this.running) await this.stop('immediate').catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const skipReason =
  clusterUnavailableReason ??
  (process.env.TEST_BACKEND === 'postgres'
    ? 'runs once, in the embedded project: it brings its own PostgreSQL cluster'
    : undefined);

/** `describe` that skips (saying why) where a private cluster cannot be made or is not needed. */
export function faultSuite(name: string, body: () => void): void {
  if (skipReason) describe.skip(`${name} (skipped: ${skipReason})`, body);
  else describe(name, body);
}

/**
 * A database on the cluster, migrated and seeded here, so that several servers can start at once
 * (theirs are then no-ops: they still run with MIGRATE_ON_START and SEED_ON_START).
 */
export async function createAppDatabase(cluster: PgCluster, name: string): Promise<string> {
  const url = await cluster.createDatabase(name);
  const database = await openDatabase({ url, poolMax: 2 });
  try {
    await migrateToLatest(database.db);
    await seed(database.db);
  } finally {
    await database.close();
  }
  return url;
}
