import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, LIVE_ENV, startTestApp, type TestApp } from '../support/app';
import { backend } from '../support/database';
import { createAgreement, SIGNED_ON, sign, transition } from '../support/factories';
import { type ServerProcess, startServer } from '../support/server-process';
import { AgreementSigned, subscribeWs } from '../support/subscriptions';
import { untilSubscribers } from '../support/wait';

const SIGNINGS = 100;

describe.skipIf(backend !== 'postgres')(
  'two server processes on one PostgreSQL (needs the postgres backend: PGlite lives inside one process)',
  () => {
    let t: TestApp;
    let a: string;
    let b: ServerProcess;
    beforeAll(async () => {
      t = await startTestApp(LIVE_ENV);
      a = await t.listen();
      b = await startServer({
        databaseUrl: t.db.url!,
        env: { MIGRATE_ON_START: 'false', SEED_ON_START: 'false' },
      });
    });
    afterAll(async () => {
      await b?.stop();
      await t?.close();
    });

    it(`a signing on B reaches a subscriber on A; commit-to-delivery over ${SIGNINGS} signings`, async () => {
      const onB = b.execute;
      const agreements = [];
      for (let i = 0; i < SIGNINGS; i++) agreements.push(await createAgreement(t.execute, 'LT', `Two instances ${i}`));
      const subscriber = subscribeWs(a, AgreementSigned, { partnerCode: 'LT' });
      await untilSubscribers(t.app, 1);

      const headers = await bearer('editor');
      // Commit happens between sending the mutation and reading its response, so the true delay
      // lies between these two measures (the first is negative when delivery beats the response).
      const afterResponse: number[] = [];
      const afterRequest: number[] = [];
      for (const [i, agreement] of agreements.entries()) {
        const sent = performance.now();
        const signed = await sign(onB, agreement.id, headers);
        const responded = performance.now();
        const event = (await subscriber.feed.next()).agreementSigned;
        expect(event).toMatchObject({ sequence: signed.sequence, agreement: { id: agreement.id, status: 'SIGNED' } });
        afterResponse.push(subscriber.feed.arrivedAt[i]! - responded);
        afterRequest.push(subscriber.feed.arrivedAt[i]! - sent);
      }
      expect(await subscriber.feed.rest()).toEqual([]);
      await subscriber.close();

      console.log(
        `commit-to-delivery, B -> A over ${SIGNINGS} signings: ` +
          `from mutation response median ${median(afterResponse).toFixed(1)} ms, max ${Math.max(...afterResponse).toFixed(1)} ms ` +
          `(min ${Math.min(...afterResponse).toFixed(1)} ms); ` +
          `from mutation request median ${median(afterRequest).toFixed(1)} ms, max ${Math.max(...afterRequest).toFixed(1)} ms`,
      );
    });

    it('the other way round: a signing on A reaches a subscriber on B', async () => {
      const agreement = await createAgreement(t.execute, 'LV');
      const seen = await sign(t.execute, (await createAgreement(t.execute, 'LV')).id);
      // B's bus is not observable from here, so subscribe from a known cursor: no race with the write.
      const subscriber = subscribeWs(b.url, AgreementSigned, { partnerCode: 'LV', after: seen.cursor });
      const signed = await sign(t.execute, agreement.id);
      expect((await subscriber.feed.next()).agreementSigned).toMatchObject({
        sequence: signed.sequence,
        agreement: { id: agreement.id },
      });
      expect(await subscriber.feed.rest()).toEqual([]);
      await subscriber.close();
    });

    it('50 attempts to sign one agreement, split across both instances: one success, 49 conflicts, one event on each', async () => {
      const agreement = await createAgreement(t.execute, 'RO');
      const seen = await sign(t.execute, (await createAgreement(t.execute, 'RO')).id);
      const onA = subscribeWs(a, AgreementSigned, { partnerCode: 'RO', after: seen.cursor });
      const onB = subscribeWs(b.url, AgreementSigned, { partnerCode: 'RO', after: seen.cursor });
      const executors = [t.execute, b.execute];
      const headers = await bearer('editor');
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          transition(
            executors[i % 2]!,
            { id: agreement.id, to: 'SIGNED', expectedVersion: 1, effectiveDate: SIGNED_ON },
            headers,
          ),
        ),
      );
      const outcomes = results.map(
        (result) => result.data?.transitionAgreement.__typename ?? JSON.stringify(result.errors),
      );
      expect(outcomes.filter((outcome) => outcome === 'AgreementStatusChange')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'VersionConflictError')).toHaveLength(49);
      for (const subscriber of [onA, onB]) {
        expect((await subscriber.feed.next()).agreementSigned.agreement.id).toBe(agreement.id);
        expect(await subscriber.feed.rest()).toEqual([]);
      }
    });
  },
);

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
