import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { backend } from '../support/database';
import { createAgreement, sign } from '../support/factories';
import { AgreementSigned, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

describe.skipIf(backend !== 'postgres')(
  'losing the LISTEN connection (needs the postgres backend: PGlite notifies in process, there is no connection to lose)',
  () => {
    let t: TestApp;
    let base: string;
    beforeAll(async () => {
      t = await startTestApp(LIVE_ENV);
      base = await t.listen();
    });
    afterAll(() => t?.close());

    const listenerPids = async () => {
      const { rows } = await sql<{ pid: number }>`
        select pid from pg_stat_activity
        where application_name like 'ua-agreements:listener:%' and datname = current_database()
      `.execute(t.app.database.db);
      return rows.map((row) => row.pid);
    };

    it('a signing committed right after the listener is killed still reaches the subscriber, and live continues', async () => {
      const [first, second, third] = [
        await createAgreement(t.execute, 'EE'),
        await createAgreement(t.execute, 'EE'),
        await createAgreement(t.execute, 'EE'),
      ];
      const subscriber = subscribeWs(base, AgreementSigned, { partnerCode: 'EE' });
      await untilSubscribers(t.app, 1);
      const [killed] = await listenerPids();
      expect(killed).toBeDefined();

      const { rows } = await sql<{ terminated: boolean }>`
        select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where application_name like 'ua-agreements:listener:%' and datname = current_database()
      `.execute(t.app.database.db);
      expect(rows).toEqual([{ terminated: true }]);

      // Sign while the bus knows it is deaf (it reconnects after a 50 ms backoff): the NOTIFY goes
      // to nobody, and only the catch-up read after reconnecting can deliver the event. (The
      // safety-net poll runs every 30 s, far beyond this wait.)
      await expect.poll(() => t.app.services.events.listening, { interval: 1, timeout: 2_000 }).toBe(false);
      const lost = await sign(t.execute, first!.id);
      expect((await subscriber.feed.next(5_000)).agreementSigned.sequence).toBe(lost.sequence);

      // A new listener took over and live delivery goes on through it.
      await expect
        .poll(async () => (await listenerPids()).filter((pid) => pid !== killed), { timeout: 5_000 })
        .toHaveLength(1);
      expect(await listenerPids()).toHaveLength(1);
      expect(t.app.services.events.listening).toBe(true);
      const live = [await sign(t.execute, second!.id), await sign(t.execute, third!.id)];
      const received = await subscriber.feed.take(2);
      expect(received.map((event) => event.agreementSigned.sequence)).toEqual(live.map((signed) => signed.sequence));
      expect(await subscriber.feed.rest()).toEqual([]);
      await subscriber.close();
    });
  },
);
