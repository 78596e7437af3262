/**
 * The errors a mutation can return as data. Clients branch on __typename (or the shared `code`),
 * e.g. `... on VersionConflictError { actualVersion }`.
 */
import { InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import { builder } from './builder';

/** Implemented by every error type, here and in the modules (InvalidTransitionError sits with the transition). */
export const ErrorInterface = builder.interfaceRef<Error & { code: string }>('Error').implement({
  description: 'A problem the client can fix; the operation changed nothing.',
  fields: (t) => ({
    message: t.exposeString('message', {
      description:
        'What is wrong and what to change, in English, for a person (do not parse it; branch on the type or `code`).',
    }),
    code: t.exposeString('code', {
      description:
        'Stable machine-readable code, the same as `extensions.code` of a GraphQL error: NOT_FOUND, BAD_USER_INPUT, ' +
        'INVALID_TRANSITION or VERSION_CONFLICT.',
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object a mutation names does not exist (code NOT_FOUND).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'The type of what was not found, e.g. "Agreement" or "Partner".' }),
    key: t.exposeString('key', {
      description: 'The key it was looked up by: a partner code, or an agreement’s row id.',
    }),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  description: 'An argument or input field has a value the server refuses (code BAD_USER_INPUT); `field` names it.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'The input field or argument to change, e.g. "effectiveDate" or "filter.search".',
    }),
  }),
});

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  description:
    'Someone changed the agreement since you read it (code VERSION_CONFLICT): read it again and retry with its new version.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof VersionConflictError,
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version you passed as expectedVersion.' }),
    actualVersion: t.exposeInt('actualVersion', { description: 'The version the agreement is at now.' }),
  }),
});
