import { InvalidInputError } from '../errors';

/** SQLSTATE classes that mean the client's data broke a rule the database enforces. */
const CLIENT_SQLSTATES: Record<string, string> = {
  '23505': 'already exists',
  '23503': 'refers to something that does not exist',
  '23514': 'breaks a rule of the data model',
  '22001': 'is too long',
  '22007': 'is not a valid date',
  '22008': 'is out of range',
};

/**
 * Turns a constraint violation into an input error (the database is the last line of defence
 * behind the service's own checks); rethrows anything else untouched, to be masked upstream.
 */
export function rethrowAsInputError(error: unknown, field: string): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in CLIENT_SQLSTATES) {
    const constraint = (error as { constraint?: string }).constraint;
    throw new InvalidInputError(field, `${CLIENT_SQLSTATES[code]}${constraint ? ` (${constraint})` : ''}`);
  }
  throw error;
}
