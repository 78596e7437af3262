/**
 * What the client tests share: the app on a real port, and possibleTypes read from the committed
 * schema.graphql, as Apollo's and urql's docs have clients generate them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isAbstractType } from 'graphql';

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../schema.graphql');

export function possibleTypes(): Record<string, string[]> {
  const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  const out: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) out[type.name] = schema.getPossibleTypes(type).map((possible) => possible.name);
  }
  return out;
}
