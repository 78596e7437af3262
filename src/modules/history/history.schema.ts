import type { AgreementRow, StatusRecordRow } from '../../db/types';
import { builder } from '../../schema/builder';
import { reads } from '../../schema/selection';
import { Agreement, AgreementStatusEnum } from '../agreements/agreement.schema';
import { loadPerDay, type OnDay, onDayCacheKey } from './as-of.schema';

const AgreementStatusRecord = builder.objectRef<StatusRecordRow>('AgreementStatusRecord').implement({
  description: 'One status an agreement has had, from the day it took effect.',
  fields: (t) => ({
    status: t.field({
      type: AgreementStatusEnum,
      description: 'The status from effectiveDate on, until the next record.',
      resolve: (row) => row.status,
    }),
    effectiveDate: t.expose('effectiveOn', {
      type: 'Date',
      description: 'The day the status took effect (for an inferred record, the day it is first known).',
    }),
    cursor: t.string({
      nullable: true,
      description:
        'The event-log cursor of the change that recorded it (as in AgreementStatusChange.cursor), for changes made ' +
        'through the API; null for seeded history.',
      resolve: (row) => (row.eventSequence === null ? null : String(row.eventSequence)),
    }),
    sources: t.expose('sources', { type: ['URL'], description: 'What the record rests on.' }),
    inferred: t.exposeBoolean('inferred', {
      description:
        'True where the record is only the first known state (no source dates its start), not a dated change.',
    }),
  }),
});

builder.objectField(Agreement, 'statusHistory', (t) =>
  t.loadableList({
    type: AgreementStatusRecord,
    description:
      'Every status the agreement has had, oldest first; for an agreement read with asOf, those up to that day.',
    extensions: reads<AgreementRow>('id'),
    loaderOptions: { maxBatchSize: 1000, cacheKeyFn: onDayCacheKey },
    load: (keys: OnDay<number>[], context) =>
      loadPerDay(keys, (ids, asOf) => context.services.history.ofAgreements(ids, asOf)),
    resolve: (agreement) => ({ key: agreement.id, asOf: agreement.asOf }),
  }),
);
