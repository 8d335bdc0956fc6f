// The error catalogue (src/errors/codes.ts) is the one list of codes: README's "Error codes" tables are a checked
// copy of it (every code in both, with the same status and meaning), no code outside src/errors builds a GraphQL
// error itself, and every code literal in src/ is one the catalogue lists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOP_LEVEL_CODES, USER_ERROR_CODES, type TopLevelCodeInfo } from '../../src/errors/codes';
import { gatewayError } from '../../src/errors/graphql';

const ROOT = join(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** README's rows for the catalogue, as they should read. */
function expectedRows(): { topLevel: string[]; userErrors: string[] } {
  const topLevel = Object.entries(TOP_LEVEL_CODES as Record<string, TopLevelCodeInfo>).map(([code, info]) => {
    const status = info.status === undefined ? '—' : String(info.status);
    const from = info.from ? ` (${info.from})` : '';
    return `| \`${code}\` | ${status} | ${info.meaning}${from} |`;
  });
  const userErrors = Object.entries(USER_ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return { topLevel, userErrors };
}

/** The table rows under a README heading (up to the next heading). */
function rowsUnder(heading: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) return [];
  const rest = README.slice(start + heading.length + 2);
  const end = rest.search(/\n#{1,6} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return section
    .split('\n')
    .filter((l) => /^\| `[A-Z][A-Z0-9_]*` \|/.test(l))
    .map((l) => l.trimEnd());
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = posix.join(dir, name);
    if (path === 'src/emulator' || path === 'src/errors') continue;
    if (statSync(join(ROOT, path)).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('the error catalogue', () => {
  it('is what README lists under "Top-level error codes", row for row', () => {
    const { topLevel } = expectedRows();
    // On a mismatch the diff shows the rows to paste into README.
    expect(rowsUnder('#### Top-level error codes')).toEqual(topLevel);
  });

  it('is what README lists under "userError codes", row for row', () => {
    const { userErrors } = expectedRows();
    expect(rowsUnder('#### userError codes')).toEqual(userErrors);
  });

  it('is the only place a GraphQL error is built', () => {
    const builders = sourceFiles('src').filter((f) =>
      /\bcreateGraphQLError\(|\bnew GraphQLError\(/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(builders).toEqual([]);
  });

  it('lists every error code src/ names', () => {
    const known = new Set([...Object.keys(TOP_LEVEL_CODES), ...Object.keys(USER_ERROR_CODES)]);
    const unknown: string[] = [];
    for (const f of sourceFiles('src')) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      // `code: 'X'` (extensions, zod refinement params) and the builders' first argument.
      const literals = [
        ...text.matchAll(/\bcode: '([A-Z][A-Z0-9_]+)'/g),
        ...text.matchAll(/\b(?:gatewayError|userError)\(\s*'([A-Z][A-Z0-9_]+)'/g),
      ].map((m) => m[1]!);
      for (const code of literals) if (!known.has(code)) unknown.push(`${f}: ${code}`);
    }
    expect(unknown).toEqual([]);
    // The scan sees the codes it should (a check of the check).
    expect(readFileSync(join(ROOT, 'src/resolvers/card.ts'), 'utf8')).toMatch(/code: 'INVALID_CARD_NUMBER'/);
  });

  it('gives each top-level error the status and headers its code has', () => {
    const unauthenticated = gatewayError('UNAUTHENTICATED', 'Invalid API key.');
    expect(unauthenticated.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="uqpay-gateway"' } },
    });
    expect(gatewayError('QUERY_LIMIT_EXCEEDED', 'Too deep.', { spec: false }).extensions).toEqual({
      code: 'QUERY_LIMIT_EXCEEDED',
      http: { status: 400, spec: false },
    });
    // Execution errors ride in the result: no HTTP status of their own.
    const budget = gatewayError('UPSTREAM_BUDGET_EXHAUSTED', 'Budget.', { extensions: { retryAfterMs: 5 } });
    expect(budget.extensions).toEqual({ code: 'UPSTREAM_BUDGET_EXHAUSTED', retryAfterMs: 5 });
  });
});
