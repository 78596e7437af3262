import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { latestSequence } from '../../events/event-log.repository';
import { eventCursor } from '../../events/subscription.service';

export class SnapshotService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The newest event-log sequence this read sees. Log writers commit in sequence order (see
   * appendEvents), so inside a snapshot every event up to it is visible and none after it.
   */
  cursor = async (): Promise<string> => eventCursor({ sequence: await latestSequence(this.db) });
}
