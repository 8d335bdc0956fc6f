// The typed documents in generated/ as a client project consumes them: one compiled by a bundler setup
// (`moduleResolution: bundler`, extensionless imports) and one by Node's own ESM rules (`nodenext`, where every
// relative import needs its file extension). Both must type-check with zero diagnostics, and the document types
// must really arrive (a wrong use of a result field must be an error, else a failed import could pass as `any`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const generated = resolve(import.meta.dirname, '../../generated');
const dir = mkdtempSync(join(tmpdir(), 'typed-documents-consumer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// An ESM package, as a Node consumer of the typed documents would be.
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));

function consumer(indexSpecifier: string, graphqlSpecifier: string): string {
  return `
import { graphql } from '${indexSpecifier}';
import { CardProductsDocument, type CardProductsQuery, type CardProductsQueryVariables } from '${graphqlSpecifier}';

export const document = CardProductsDocument;
export const productIds = (q: CardProductsQuery): string[] => q.cardProducts.map((p) => p.productId);
export const noVariables: CardProductsQueryVariables = {};
// An unknown document string falls back to the untyped overload.
export const untyped: unknown = graphql('query Unknown { __typename }');
// @ts-expect-error productId is a string: if the generated types failed to load, this line would not be an error
export const wrong = (q: CardProductsQuery): number => q.cardProducts[0]!.productId;
`;
}

function typecheck(name: string, compilerOptions: Record<string, unknown>, source: string): string[] {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, source);
  const tsconfig = join(dir, `tsconfig.${name}.json`);
  const base = { target: 'ES2022', lib: ['ES2022'], strict: true, noEmit: true, types: [], skipLibCheck: true };
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files: [`${name}.ts`] }));
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`could not read ${tsconfig}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
    const where = d.file ? `${relative(dir, d.file.fileName)}:${line}` : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

// Relative specifiers from the consumer's directory to the repository's generated/ folder.
const toGenerated = relative(dir, generated).split('\\').join('/');

describe('typed documents in generated/ compile for their consumers', () => {
  it('under moduleResolution nodenext (Node ESM: relative imports carry .js)', () => {
    const diagnostics = typecheck(
      'nodenext',
      { module: 'nodenext', moduleResolution: 'nodenext' },
      consumer(`${toGenerated}/index.js`, `${toGenerated}/graphql.js`),
    );
    expect(diagnostics).toEqual([]);
  });

  it('under moduleResolution bundler (extensionless imports)', () => {
    const diagnostics = typecheck(
      'bundler',
      { module: 'esnext', moduleResolution: 'bundler' },
      consumer(toGenerated, `${toGenerated}/graphql`),
    );
    expect(diagnostics).toEqual([]);
  });
});
