/**
 * Assertions for errors a client should be able to read and act on: a message that says what to
 * change, a code to branch on, and nothing of the server's insides (stack frames, file paths, SQL,
 * database or driver messages).
 */
import { expect } from 'vitest';
import type { GraphQLErrors, HttpAnswer } from './http';

interface ExecuteResult {
  status: number;
  data?: unknown;
  errors?: GraphQLErrors;
}

/** What must never reach a client, even in an answer that quotes the client's input back. */
const LEAKS = [
  /^\s*at |\bat \S+ \(?[^()\s]+:\d+:\d+\)?|\bat .+\.(ts|js|mjs|cjs):\d+|\.ts:\d+/m,
  /node_modules/,
  /"stack"/,
  /\/work\/|\/src\//,
  /syntax error at or near/i,
  /\brelation "/i,
  /\bcolumn "/i,
  /violates .* constraint/i,
  /invalid byte sequence/i,
  /SQLSTATE|pg_catalog|PGlite|postgres/i,
  /kysely/i,
];

/** SQL and driver wording, for answers to input that holds none (a hostile input may be quoted back). */
const SQL_TEXT = /\bselect\b[^"]*\bfrom\b|\binsert into\b|\bdelete from\b|\bsqlstate\b|\bpg_|\binvalid input syntax\b/i;

/** The text (a body, a close reason) holds nothing of the server's insides. */
export function expectNoLeak(text: string): void {
  for (const pattern of LEAKS) expect(text, `answer leaks ${pattern}`).not.toMatch(pattern);
}

/** The body holds no stack frame or SQL anywhere, in any message or extension. */
export function expectNoInternals(result: ExecuteResult): void {
  const body = JSON.stringify(result);
  expectNoLeak(body);
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

/**
 * A raw answer refusing the request as the client's fault: 4xx, or GraphQL errors none of which is
 * the masked INTERNAL_SERVER_ERROR (each with one of `allowedCodes`, when given), and no leak.
 */
export function expectRefusal(answer: HttpAnswer, allowedCodes?: readonly string[]): void {
  expectNoLeak(answer.text);
  expect(answer.status, answer.text).toBeLessThan(500);
  const errors = answer.json?.errors ?? [];
  if (answer.status < 400) expect(errors.length, answer.text).toBeGreaterThan(0);
  for (const error of errors) {
    const code = error.extensions?.code;
    expect(code, answer.text).not.toBe('INTERNAL_SERVER_ERROR');
    if (allowedCodes) expect(allowedCodes, answer.text).toContain(code);
  }
}

/** No errors at all; shows the body when there are some. */
export function expectOk(result: ExecuteResult): void {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.status).toBe(200);
}
