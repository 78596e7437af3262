import type { CodegenConfig } from '@graphql-codegen/cli';

const typeConfig = {
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { Date: 'string', DateTime: 'string', URL: 'string', CountryCode: 'string' },
};

// Reads the committed schema file, never a running server. The generated `graphql()` gives the
// tests and the dashboard page (and any frontend that copies this setup) typed documents and results.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    'tests/gql/': {
      // Relay's documents carry Relay's own directives: relay-compiler reads them (tests/clients/relay.test.ts).
      documents: ['tests/**/*.ts', '!tests/gql/**', '!tests/clients/relay/**'],
      preset: 'client',
      config: typeConfig,
      presetConfig: { fragmentMasking: false },
    },
    'web/gql/': {
      documents: ['web/src/**/*.ts'],
      preset: 'client',
      // Documents as strings: the page sends their text and needs no graphql-js in its bundle.
      config: { ...typeConfig, documentMode: 'string' },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
