import type { CodegenConfig } from '@graphql-codegen/cli';

// Reads the committed schema file, never a running server. The generated `graphql()` gives the
// tests (and any frontend that copies this setup) typed documents and results.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['tests/**/*.ts', '!tests/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'tests/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string', URL: 'string', CountryCode: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
