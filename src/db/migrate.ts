import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import * as createCoreTables from '../../migrations/2026-11-28T04-00-00_create_core_tables';
import * as createEventLog from '../../migrations/2026-11-28T05-00-00_create_event_log';
import * as timelineLinkDates from '../../migrations/2026-11-28T06-00-00_timeline_link_dates';
import * as agreementStatusHistory from '../../migrations/2026-11-30T12-00-00_agreement_status_history';
import * as eventLogDeliveryTracing from '../../migrations/2026-11-30T12-30-00_event_log_delivery_tracing';
import * as eventLogEditTopics from '../../migrations/2026-11-30T13-00-00_event_log_edit_topics';

/**
 * Every migration, by file name. Listed statically rather than read from the folder at run time so
 * that the same code runs under tsx, vitest and a bundler; a test checks the list against migrations/.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-28T04-00-00_create_core_tables': createCoreTables,
  '2026-11-28T05-00-00_create_event_log': createEventLog,
  '2026-11-28T06-00-00_timeline_link_dates': timelineLinkDates,
  '2026-11-30T12-00-00_agreement_status_history': agreementStatusHistory,
  '2026-11-30T12-30-00_event_log_delivery_tracing': eventLogDeliveryTracing,
  '2026-11-30T13-00-00_event_log_edit_topics': eventLogEditTopics,
};

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return results ?? [];
}
