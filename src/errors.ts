/**
 * Errors a client can act on. Services throw these; the GraphQL layer turns them into typed
 * mutation results (errors plugin) or coded GraphQL errors (`extensions.code`). Anything else that
 * escapes a resolver is unexpected and is masked by yoga.
 */

import type { AgreementStatus } from './db/enums';

export abstract class AppError extends Error {
  abstract readonly code: string;

  /** graphql-js copies an error's `extensions` onto the GraphQLError it wraps it in. */
  get extensions(): { code: string } {
    return { code: this.code };
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} ${key} was not found`);
  }
}

/** A single argument or input field that the client must change. */
export class InvalidInputError extends AppError {
  override name = 'InvalidInputError';
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export class InvalidTransitionError extends AppError {
  override name = 'InvalidTransitionError';
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly from: AgreementStatus,
    readonly to: AgreementStatus,
    readonly allowed: readonly AgreementStatus[],
  ) {
    super(
      `an agreement cannot move from ${from} to ${to}` +
        (allowed.length ? ` (allowed from ${from}: ${allowed.join(', ')})` : ` (${from} is final)`),
    );
  }
}

export class VersionConflictError extends AppError {
  override name = 'VersionConflictError';
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`the agreement is at version ${actualVersion}, not ${expectedVersion}; reload it and try again`);
  }
}

export class UnauthenticatedError extends AppError {
  override name = 'UnauthenticatedError';
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
}

export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many requests; retry after ${retryAfterSeconds} s`);
  }
}

/** The database is unreachable or restarting: the client may retry, nothing was written. */
export class UnavailableError extends AppError {
  override name = 'UnavailableError';
  readonly code = 'SERVICE_UNAVAILABLE';
}
