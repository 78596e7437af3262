/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { seed } from '../src/seed/seed';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? applied.map((m) => `applied ${m.migrationName}`).join('\n') : 'no pending migrations');
  if (process.argv.includes('--seed')) console.log('seed inserted', await seed(database.db));
} finally {
  await database.close();
}
