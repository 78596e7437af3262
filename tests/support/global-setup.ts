/**
 * Builds one migrated, seeded template per backend and run, so each test file starts from a copy
 * in well under a second instead of running migrations and seed itself.
 *   embedded: a PGlite data directory dump, loaded by each file into its own in-memory PGlite.
 *   postgres: a template database; each file gets CREATE DATABASE ... TEMPLATE.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { seed } from '../../src/seed/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplate: string;
    /** A PGlite data directory with nothing in it: initdb in WebAssembly takes seconds, a load does not. */
    embeddedEmptyTemplate: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const backend = project.config.env?.TEST_BACKEND;
  if (backend === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `ua_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolMax: 2 });
    await migrateToLatest(database.db);
    await seed(database.db);
    await database.close();
    project.provide('postgresTemplate', name);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'ua-test-'));
  const database = await openDatabase({});
  const emptyFile = path.join(dir, 'empty.tar.gz');
  writeFileSync(emptyFile, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  project.provide('embeddedEmptyTemplate', emptyFile);
  await migrateToLatest(database.db);
  await seed(database.db);
  const file = path.join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await database.close();
  project.provide('embeddedTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
