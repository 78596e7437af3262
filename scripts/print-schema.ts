/** Prints the schema from the builder to schema.graphql (committed; a test fails when it drifts). */
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema';

export const schemaFile = new URL('../schema.graphql', import.meta.url);
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(schemaFile, printedSchema());
  console.log('wrote schema.graphql');
}
