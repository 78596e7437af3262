/** schema.graphql is printed from the builder and committed; this fails when the two differ. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../../scripts/print-schema';

it('matches the committed schema.graphql (run `npm run schema:print` after changing the schema)', () => {
  expect(printedSchema()).toBe(readFileSync(schemaFile, 'utf8'));
});

// A root field's `asOf` argument, printed with its description on lines of its own.
const asOf = String.raw`\n {4}"""\n[^"]+\n {4}"""\n {4}asOf: Date\n`;

it('prints the root fields the API promises', () => {
  const printed = printedSchema();
  for (const field of [
    new RegExp(String.raw`\n {2}agreement\(${asOf} {4}id: ID!\n {2}\): Agreement\n`),
    new RegExp(
      String.raw`\n {2}agreements\(\n {4}after: String\n${asOf} {4}before: String\n {4}filter: AgreementFilter\n {4}first: Int\n {4}last: Int\n {4}orderBy: AgreementOrder = \{direction: ASC, field: ID\}\n {2}\): AgreementConnection!\n`,
    ),
    /\n {2}node\(id: ID!\): Node\n/,
    /\n {2}nodes\(ids: \[ID!\]!\): \[Node\]!\n/,
    new RegExp(String.raw`\n {2}partner\(${asOf} {4}code: CountryCode!\n {2}\): Partner\n`),
    new RegExp(String.raw`\n {2}stats\(${asOf} {2}\): Stats!\n`),
  ]) {
    expect(printed).toMatch(field);
  }
});
