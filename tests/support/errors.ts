/**
 * Assertions for errors a client should be able to read and act on: a message that says what to
 * change, a code to branch on, and nothing of the server's insides (stack frames, SQL).
 */
import { expect } from 'vitest';

interface ExecuteResult {
  status: number;
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const STACK_FRAME = /^\s*at |\bat \S+ \(?[^()\s]+:\d+:\d+\)?|node_modules|\.ts:\d+/m;
const SQL_TEXT =
  /\bselect\b[^"]*\bfrom\b|\binsert into\b|\bdelete from\b|\bsyntax error at or near\b|\brelation "|\bcolumn "|\bsqlstate\b|\bpg_|\binvalid input syntax\b/i;

/** The body holds no stack frame or SQL anywhere, in any message or extension. */
export function expectNoInternals(result: ExecuteResult): void {
  const body = JSON.stringify(result);
  expect(body).not.toMatch(STACK_FRAME);
  expect(body).not.toMatch(SQL_TEXT);
  for (const error of result.errors ?? []) {
    expect(Object.keys(error.extensions ?? {})).not.toContain('stack');
    expect(Object.keys(error.extensions ?? {})).not.toContain('originalError');
  }
}

/**
 * Exactly one error, matching `message`, with `code` (undefined: any or none, as graphql-js
 * gives none for variable coercion errors), at `status`, and no internals.
 */
export function expectClientError(
  result: ExecuteResult,
  expected: { code?: string; message: RegExp; status?: number },
): void {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.message).toMatch(expected.message);
  if (expected.code !== undefined) expect(error!.extensions?.code).toBe(expected.code);
  expect(result.status).toBe(expected.status ?? 200);
  expectNoInternals(result);
}

/** No errors at all; shows the body when there are some. */
export function expectOk(result: ExecuteResult): void {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.status).toBe(200);
}
