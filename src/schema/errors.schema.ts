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
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    entity: t.exposeString('entity'),
    key: t.exposeString('key'),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field or argument to change.' }),
  }),
});

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof VersionConflictError,
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion'),
    actualVersion: t.exposeInt('actualVersion'),
  }),
});
