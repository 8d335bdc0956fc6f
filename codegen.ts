// `npm run codegen`: typed documents for operations/**/*.graphql and the persisted-documents manifest
// (sha256 ids) that the gateway serves to partners. Reads the committed schema.graphql (printed from Pothos).
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

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
      // `__typename` on every object selection (not a subscription's root, which must be a single field): normalised
      // caches (Apollo's InMemoryCache, urql's Graphcache) key objects by it, and a partner's client runs these
      // documents exactly as the manifest holds them, so they cannot add it themselves.
      documentTransforms: [addTypenameSelectionDocumentTransform],
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
