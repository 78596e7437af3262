/** schema.graphql is printed from the builder and committed; this fails when the two differ. */
import { readFileSync } from 'node:fs';
import { type FieldDefinitionNode, Kind, parse, print } from 'graphql';
import { expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../../scripts/print-schema';

it('matches the committed schema.graphql (run `npm run schema:print` after changing the schema)', () => {
  expect(printedSchema()).toBe(readFileSync(schemaFile, 'utf8'));
});

/** A field as SDL without its descriptions (nor its arguments'), e.g. `node(id: ID!): Node`. */
const signature = (field: FieldDefinitionNode) =>
  print({
    ...field,
    description: undefined,
    arguments: field.arguments?.map((argument) => ({ ...argument, description: undefined })),
  });

it('prints the root fields the API promises', () => {
  const query = parse(printedSchema()).definitions.find(
    (definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query',
  );
  const fields = query?.kind === Kind.OBJECT_TYPE_DEFINITION ? (query.fields ?? []).map(signature) : [];
  expect(fields).toEqual(
    expect.arrayContaining([
      'agreement(asOf: Date, id: ID!): Agreement',
      'agreements(after: String, asOf: Date, before: String, filter: AgreementFilter, first: Int, last: Int, orderBy: AgreementOrder = {direction: ASC, field: ID}): AgreementConnection!',
      'node(id: ID!): Node',
      'nodes(ids: [ID!]!): [Node]!',
      'partner(asOf: Date, code: CountryCode!): Partner',
      'stats(asOf: Date): Stats!',
    ]),
  );
});
