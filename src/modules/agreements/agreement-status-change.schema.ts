/**
 * A status change end to end: the mutation that makes one, the type it is recorded as in the
 * event log, and the subscriptions that deliver it (resuming from a cursor: events/subscription.service.ts).
 */
import { InvalidTransitionError } from '../../errors';
import { allows, eventCursor } from '../../events/subscription.service';
import { builder } from '../../schema/builder';
import { ErrorInterface } from '../../schema/errors.schema';
import type { DeliveredEventOf } from '../shared/delivered-event';
import { Agreement, AgreementStatusEnum, writeErrors } from './agreement.schema';

const PersonInput = builder.inputType('PersonInput', {
  description: 'A signatory.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Full name.' }),
    office: t.string({ description: 'Office held when signing, e.g. "Prime Minister".' }),
  }),
});

// Here rather than with the other errors (schema/ does not import modules/): its fields are the
// AgreementStatus enum, as on AgreementStatusChange, so one document can select `from` on both.
builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description: 'The agreement cannot move to the requested status from the one it is in.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidTransitionError,
  fields: (t) => ({
    from: t.expose('from', { type: AgreementStatusEnum, description: 'The status the agreement is in.' }),
    to: t.expose('to', { type: AgreementStatusEnum, description: 'The status that was asked for.' }),
    allowed: t.expose('allowed', { type: [AgreementStatusEnum], description: 'The statuses reachable from `from`.' }),
  }),
});

const TransitionAgreementInput = builder.inputType('TransitionAgreementInput', {
  description: 'A move of an agreement to another status (see AgreementStatus for the moves allowed).',
  fields: (t) => ({
    id: t.globalID({ for: Agreement, required: true, description: 'The agreement to move.' }),
    to: t.field({
      type: AgreementStatusEnum,
      required: true,
      description: 'The new status; one not in Agreement.allowedTransitions is an InvalidTransitionError.',
    }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you read; a stale one is a VersionConflictError.',
    }),
    effectiveDate: t.field({
      type: 'Date',
      description: 'Required for SIGNED (the signing date); defaults to today otherwise.',
    }),
    note: t.string({ description: 'Becomes the description of the timeline event (at most 5000 characters).' }),
    place: t.string({ description: 'Where it was signed (at most 500 characters); kept on the agreement.' }),
    partnerSignatories: t.field({ type: [PersonInput], description: 'Who signed for the partner; replaces the list.' }),
    sources: t.field({
      type: ['URL'],
      description: 'Sources of the change: added to the agreement’s sources, and the timeline event’s.',
    }),
  }),
});

/** The event itself: the mutation returns the one it committed, subscriptions the ones they receive. */
const AgreementStatusChange = builder
  .objectRef<DeliveredEventOf<'AGREEMENT_STATUS_CHANGED'>>('AgreementStatusChange')
  .implement({
    description: 'One committed move of an agreement along the state machine, as recorded in the event log.',
    fields: (t) => ({
      cursor: t.string({
        description: 'Pass as `after` to resume a subscription right after this event.',
        resolve: eventCursor,
      }),
      sequence: t.exposeInt('sequence', {
        description: 'Position in the event log, increasing across topics; the cursor is this number as text.',
      }),
      // Loaded with the event, once for every subscriber; the id is the fallback if the row is gone.
      agreement: t.field({
        type: Agreement,
        description: 'The agreement as it is now (see version for its state right after this change).',
        resolve: (change) => change.agreement ?? change.agreementId,
      }),
      from: t.field({
        type: AgreementStatusEnum,
        description: 'The status before the change.',
        resolve: (change) => change.payload.from,
      }),
      to: t.field({
        type: AgreementStatusEnum,
        description: 'The status after the change.',
        resolve: (change) => change.payload.to,
      }),
      effectiveDate: t.field({
        type: 'Date',
        description: 'The day the change took effect (the signing date for SIGNED), which may be before occurredAt.',
        resolve: (change) => change.payload.effectiveDate,
      }),
      version: t.int({
        description: "The agreement's version right after this change; `agreement` shows its state now.",
        resolve: (change) => change.payload.version,
      }),
      occurredAt: t.field({
        type: 'DateTime',
        description: 'When the change was committed.',
        resolve: (change) => change.createdAt,
      }),
    }),
  });

builder.mutationField('transitionAgreement', (t) =>
  t.field({
    type: AgreementStatusChange,
    description:
      'Moves an agreement to another status, with a timeline event (SIGNING or STATUS_CHANGE); subscribers hear of it once ' +
      'committed. Needs an editor or admin token.',
    authScopes: { editor: true },
    errors: {
      types: [...writeErrors, InvalidTransitionError],
      union: { description: 'The committed change, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: TransitionAgreementInput,
        required: true,
        description: 'The agreement and its new status.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const { agreement, event } = await context.services.agreements.transition({
        ...input,
        id: input.id.id,
        partnerSignatories: input.partnerSignatories?.map((person) => ({
          name: person.name,
          office: person.office ?? null,
        })),
      });
      return { ...event, agreement };
    },
  }),
);

const StatusChangeFilter = builder.inputType('AgreementStatusChangeFilter', {
  description: 'Which status changes to deliver: every condition given must hold; one left out does not filter.',
  fields: (t) => ({
    partnerCode: t.field({ type: ['CountryCode'], description: 'Of agreements with any of these partners.' }),
    from: t.field({ type: [AgreementStatusEnum], description: 'Leaving any of these statuses.' }),
    to: t.field({ type: [AgreementStatusEnum], description: 'Reaching any of these statuses.' }),
  }),
});

builder.subscriptionFields((t) => ({
  agreementStatusChanged: t.field({
    type: AgreementStatusChange,
    description: 'Every committed status change. Pass the last cursor you saw as `after` to resume without gaps.',
    args: {
      filter: t.arg({ type: StatusChangeFilter, description: 'Which changes to deliver; none: all.' }),
      after: t.arg.string({
        description:
          'The last cursor you saw: replays every later change, then continues live, with no gap or duplicate.',
      }),
    },
    subscribe: (_root, { filter, after }, context) =>
      context.services.subscriptions.subscribe(
        'AGREEMENT_STATUS_CHANGED',
        { after, lastEventId: context.lastEventId, start: context.subscriptionStart },
        ({ payload }) =>
          allows(filter?.partnerCode, payload.partnerCode) &&
          allows(filter?.from, payload.from) &&
          allows(filter?.to, payload.to),
      ),
    resolve: (change) => change,
  }),
  agreementSigned: t.field({
    type: AgreementStatusChange,
    description: 'Only signings: an agreement moving from NEGOTIATING to SIGNED.',
    args: {
      partnerCode: t.arg({ type: 'CountryCode', description: 'Only signings with this partner.' }),
      after: t.arg.string({
        description:
          'The last cursor you saw: replays every later signing, then continues live, with no gap or duplicate.',
      }),
    },
    subscribe: (_root, { partnerCode, after }, context) =>
      context.services.subscriptions.subscribe(
        'AGREEMENT_STATUS_CHANGED',
        { after, lastEventId: context.lastEventId, start: context.subscriptionStart },
        ({ payload }) =>
          payload.from === 'NEGOTIATING' &&
          payload.to === 'SIGNED' &&
          (!partnerCode || payload.partnerCode === partnerCode),
      ),
    resolve: (change) => change,
  }),
}));
