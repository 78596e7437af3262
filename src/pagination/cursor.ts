/**
 * The cursor codec. Cursors are opaque base64url of [ordering, key, id]; a cursor from another
 * ordering, or one that was tampered with, is rejected as invalid input rather than silently misread.
 */
import { InvalidInputError } from '../errors';

export type KeyValue = string | number;

/** The SQL type of a key or id, so that a decoded cursor is checked before it reaches SQL. */
export type KeyType = 'integer' | 'date' | 'text';

/** What a cursor names: the ordering, and the types its key and id must have. */
export interface CursorKind {
  /** Names the ordering inside cursors, e.g. "agreement:SIGNED_ON:ASC". */
  readonly name: string;
  readonly keyType: KeyType;
  readonly idType: KeyType;
}

export interface Position {
  key: KeyValue;
  id: KeyValue;
}

export function encodeCursor(ordering: string, key: KeyValue, id: KeyValue): string {
  return Buffer.from(JSON.stringify([ordering, key, id])).toString('base64url');
}

function isCalendarDate(value: string): boolean {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  return !!date && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// A cursor that decodes but holds a value its column cannot take (a word for an integer id,
// 2024-02-30 for a date, a NUL in text) would fail inside the database; reject it here instead.
const isKeyOfType: Record<KeyType, (value: unknown) => boolean> = {
  integer: (value) => Number.isSafeInteger(value) && Math.abs(value as number) <= 2_147_483_647,
  date: (value) => typeof value === 'string' && (value === 'infinity' || isCalendarDate(value)),
  text: (value) => typeof value === 'string' && value.length <= 500 && !value.includes('\u0000'),
};

/** The position a cursor names; `argument` (after, before) is the field an invalid one is blamed on. */
export function decodeCursor(argument: string, cursor: string, kind: CursorKind): Position {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 3 &&
    decoded[0] === kind.name &&
    isKeyOfType[kind.keyType](decoded[1]) &&
    isKeyOfType[kind.idType](decoded[2])
  ) {
    return { key: decoded[1], id: decoded[2] };
  }
  throw new InvalidInputError(argument, 'is not a valid cursor for this list and ordering');
}
