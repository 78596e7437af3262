/**
 * Input checks the services share, each with the one message a client sees for it. The database
 * enforces the same rules last (db/constraint-errors.ts); these name the field and say why.
 */
import { InvalidInputError } from '../../errors';

/** At most `max` characters (absent is fine). */
export function checkLength(field: string, value: string | null | undefined, max: number): void {
  if (value != null && value.length > max) throw new InvalidInputError(field, `is longer than ${max} characters`);
}

/** At most `max` characters and not blank (absent is fine). */
export function checkText(field: string, value: string | null | undefined, max: number): void {
  checkLength(field, value, max);
  if (value != null && value.trim() === '') throw new InvalidInputError(field, 'must not be blank');
}

/** A name or title: 1 to `max` characters, not blank (absent is fine; removing it is the caller's rule). */
export function checkName(field: string, value: string | null | undefined, max: number): void {
  if (value != null && (value.trim() === '' || value.length > max)) {
    throw new InvalidInputError(field, `must be 1 to ${max} characters`);
  }
}

/** A from–to pair of dates (YYYY-MM-DD compare as text) that is not reversed. */
export function checkDateRange(fromField: string, from: string | null | undefined, to: string | null | undefined) {
  if (from && to && from > to) throw new InvalidInputError(fromField, `${from} is after ${to}`);
}
