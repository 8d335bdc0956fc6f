// Keys files, manifests and raw GraphQL-over-HTTP calls for the access tests.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashKey } from '../../src/access/keys';
import { DEFAULT_MANIFEST_PATH } from '../../src/access/persisted';
import { DEMO_IDS } from '../../src/emulator';

export const FRONTEND_KEY = 'fe-test-key-5d1b9c';
export const PARTNER_KEY = 'partner-acme-key-77e0a1';
export const GLOBEX_KEY = 'partner-globex-key-3c9f42';
export const ACME = DEMO_IDS.accounts.acmeTravel;
export const GLOBEX = DEMO_IDS.accounts.globexMedia;
export const MASTER = DEMO_IDS.accounts.master;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The committed manifest as { bare hex: document }. */
export function committedManifest(): Record<string, string> {
  const raw = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/^sha256:/, ''), v]));
}

/** The id of the committed document that defines this operation. */
export function idOf(operationName: string): string {
  const hit = Object.entries(committedManifest()).find(([, doc]) =>
    new RegExp(`\\b(query|mutation|subscription) ${operationName}\\b`).test(doc),
  );
  if (!hit) throw new Error(`no persisted document defines ${operationName}`);
  return hit[0];
}

/**
 * A temp dir with a keys file (one frontend, one partner bound to Acme Travel, plus `extraClients`) and a
 * manifest with extras.
 */
export function accessFiles(
  extraDocuments: string[] = [],
  extraClients: Record<string, unknown>[] = [],
): { keysFile: string; manifestFile: string; ids: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-access-'));
  const keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      clients: [
        { name: 'web-dashboard', kind: 'frontend', keySha256: hashKey(FRONTEND_KEY) },
        { name: 'acme-partner', kind: 'partner', keySha256: hashKey(PARTNER_KEY), account: ACME },
        ...extraClients,
      ],
    }),
  );
  const ids: Record<string, string> = {};
  const manifest: Record<string, string> = {};
  for (const [hash, doc] of Object.entries(committedManifest())) manifest[`sha256:${hash}`] = doc;
  for (const doc of extraDocuments) {
    const name = /^(?:query|mutation|subscription) (\w+)/.exec(doc)?.[1] ?? doc;
    ids[name] = sha256(doc);
    manifest[`sha256:${ids[name]}`] = doc;
  }
  const manifestFile = join(dir, 'persisted-documents.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return { keysFile, manifestFile, ids };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  code?: unknown;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = (/^[[{]/.test(text) ? JSON.parse(text) : { errors: [{ message: text }] }) as RawResponse['body'];
  return { status: res.status, headers: res.headers, body: parsed, code: parsed.errors?.[0]?.extensions?.code };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The Globex Media partner, for accessFiles' extraClients. */
export const globexPartner = (extra: Record<string, unknown> = {}) => ({
  name: 'globex-partner',
  kind: 'partner',
  keySha256: hashKey(GLOBEX_KEY),
  account: GLOBEX,
  ...extra,
});

/** Every emulator call, the token endpoint included. */
export const allCalls = (stats: Record<string, number>) => Object.values(stats).reduce((a, b) => a + b, 0);
