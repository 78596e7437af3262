/** The PostgreSQL a benchmark runs against. */
import pg from 'pg';

/** Creates the database when it does not exist, so a scratch URL is enough to start; returns the server's version. */
export async function ensureDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.slice(1));
    target.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: target.toString() });
    await admin.connect();
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    await admin.end();
    console.log(`created database ${name}`);
    return ensureDatabase(url);
  }
  const { rows } = await client.query<{ version: string }>('select version()');
  await client.end();
  return rows[0]!.version;
}

/** The URL without its password, fit for a committed result file. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
