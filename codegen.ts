// `npm run codegen`: typed documents for operations/**/*.graphql and the persisted-documents manifest
// (sha256 ids) that the gateway serves to partners. Reads the committed schema.graphql (printed from Pothos).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql'],
  ignoreNoDocuments: false,
  // Relative imports inside generated/ carry `.js`, so the typed documents compile for consumers under Node's ESM
  // resolution (`moduleResolution: nodenext`) as well as under bundlers (which map `.js` to the `.ts` file).
  importExtension: '.js',
  generates: {
    'generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        scalars: {
          Decimal: 'string',
          CurrencyCode: 'string',
          DateTime: 'string',
          Date: 'string',
          UUID: 'string',
          EmailAddress: 'string',
          CountryCode: 'string',
          JSONObject: 'Record<string, unknown>',
          URL: 'string',
        },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
