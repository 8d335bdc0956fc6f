// Persisted documents: the operations in the committed manifest (`npm run codegen` →
// generated/persisted-documents.json, sha256 ids), addressed by the GraphQL-over-HTTP form
// `{"documentId": "sha256:<hex>"}` or Apollo's `extensions.persistedQuery.sha256Hash`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';

// From src/access/ under tsx, or from the bundle in dist/ (`npm run build`).
const MANIFEST_CANDIDATES = ['../../generated/persisted-documents.json', '../generated/persisted-documents.json'].map(
  (rel) => fileURLToPath(new URL(rel, import.meta.url)),
);
export const DEFAULT_MANIFEST_PATH = MANIFEST_CANDIDATES.find((path) => existsSync(path)) ?? MANIFEST_CANDIDATES[0]!;

const HEX64 = /^[0-9a-f]{64}$/;

export interface PersistedManifest {
  readonly size: number;
  /** The document for a bare lower-case hex sha256, or undefined. */
  get(hash: string): string | undefined;
}

export function createManifest(entries: Record<string, string>): PersistedManifest {
  const docs = new Map<string, string>();
  for (const [key, document] of Object.entries(entries)) {
    const hash = key.replace(/^sha256:/i, '').toLowerCase();
    if (!HEX64.test(hash) || typeof document !== 'string') {
      throw new Error(`Persisted manifest entry "${key}" is not a sha256 id with a document string.`);
    }
    docs.set(hash, document);
  }
  return { size: docs.size, get: (hash) => docs.get(hash) };
}

/**
 * Reads the manifest. The default one may be missing (a checkout before its first codegen: no persisted
 * documents); a manifest named explicitly must exist.
 */
export function loadManifest(path?: string): PersistedManifest {
  let text: string;
  try {
    text = readFileSync(path ?? DEFAULT_MANIFEST_PATH, 'utf8');
  } catch (err) {
    if (path === undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return createManifest({});
    throw new Error(
      `Cannot read the persisted documents manifest ${path ?? DEFAULT_MANIFEST_PATH}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return createManifest(JSON.parse(text) as Record<string, string>);
}

/**
 * The persisted document id a request names, as a bare lower-case hex string (or whatever non-hex text it
 * gave, which then fails the lookup with a clear error). `documentId` may come in a POST body or a GET query.
 */
export function extractDocumentId(params: GraphQLParams & { documentId?: unknown }, request?: Request): string | null {
  let id: unknown = params.documentId;
  if (id == null && request?.method === 'GET') id = new URL(request.url).searchParams.get('documentId');
  if (id == null) {
    const pq = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
    id = pq?.sha256Hash;
  }
  if (typeof id !== 'string' || id === '') return null;
  return id
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase();
}

export interface PersistedPluginOptions {
  manifest: PersistedManifest;
  /** Whether this request may send a document of its own (frontends) or only persisted ids (partners). */
  allowArbitrary(request: Request): boolean | Promise<boolean>;
}

export function usePersistedDocuments(opts: PersistedPluginOptions): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => (HEX64.test(hash) ? (opts.manifest.get(hash) ?? null) : null),
    extractPersistedOperationId: (params, request) => extractDocumentId(params, request),
    allowArbitraryOperations: (request) => opts.allowArbitrary(request),
    customErrors: {
      // Apollo's client recognises PERSISTED_QUERY_NOT_FOUND; the message says what to do about it.
      notFound: () =>
        gatewayError(
          'PERSISTED_QUERY_NOT_FOUND',
          "Unknown persisted document id: it is not in this gateway's manifest. Use an id from " +
            'generated/persisted-documents.json (`"documentId": "sha256:<hex>"` or ' +
            '`extensions.persistedQuery.sha256Hash`).',
        ),
      keyNotFound: () =>
        gatewayError(
          'PERSISTED_QUERY_ID_REQUIRED',
          'Send a GraphQL document in `query`, or a persisted document id as `"documentId": "sha256:<hex>"` or ' +
            '`extensions.persistedQuery.sha256Hash`.',
        ),
      persistedQueryOnly: () =>
        gatewayError(
          'PERSISTED_QUERY_ONLY',
          'This API key may only run persisted documents: send `"documentId": "sha256:<hex>"` (or Apollo\'s ' +
            '`extensions.persistedQuery.sha256Hash`) instead of `query`.',
        ),
    },
  });
}
