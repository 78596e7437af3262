/** schema.graphql is printed from the builder and committed; this fails when the two differ. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../../scripts/print-schema';

it('matches the committed schema.graphql (run `npm run schema:print` after changing the schema)', () => {
  expect(printedSchema()).toBe(readFileSync(schemaFile, 'utf8'));
});

it('prints the root fields the API promises', () => {
  const printed = printedSchema();
  for (const field of [
    /\n {2}agreement\(id: ID!\): Agreement\n/,
    /\n {2}agreements\(after: String, before: String, filter: AgreementFilter, first: Int, last: Int, orderBy: AgreementOrder = \{direction: ASC, field: ID\}\): AgreementConnection!\n/,
    /\n {2}node\(id: ID!\): Node\n/,
    /\n {2}nodes\(ids: \[ID!\]!\): \[Node\]!\n/,
    /\n {2}partner\(code: CountryCode!\): Partner\n/,
    /\n {2}stats: Stats!\n/,
  ]) {
    expect(printed).toMatch(field);
  }
});
