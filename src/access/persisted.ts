// Persisted documents: the operations in the committed manifest (`npm run codegen` →
// generated/persisted-documents.json, sha256 ids), addressed by the GraphQL-over-HTTP form
// `{"documentId": "sha256:<hex>"}` or Apollo's `extensions.persistedQuery.sha256Hash`; and, for callers that may
// send documents of their own, the ones they registered by automatic persisted queries (./apq.ts).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';
import type { Logger } from '../logger';
import { sha256Hex, type ApqStore } from './apq';

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

/** `sha256:<HEX>` or `<hex>` → lower-case hex. */
const bareId = (id: string) =>
  id
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase();

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
  return bareId(id);
}

export interface PersistedPluginOptions {
  manifest: PersistedManifest;
  /** Whether this request may send a document of its own (frontends) or only persisted ids (partners). */
  allowArbitrary(request: Request): boolean;
  /**
   * Automatic persisted queries: callers that may send documents of their own may register them by hash, and
   * then send the hash alone. Absent: only the manifest's ids are known.
   */
  apq?: { store: ApqStore; maxDocumentBytes: number };
  logger?: Logger;
}

/** `extensions.persistedQuery.sha256Hash` as sent (Apollo's and urql's automatic persisted queries). */
function apqHash(params: GraphQLParams): string | undefined {
  const pq = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof pq?.sha256Hash === 'string' ? pq.sha256Hash : undefined;
}

export function usePersistedDocuments(opts: PersistedPluginOptions): Plugin {
  const { manifest, apq } = opts;
  // Documents that arrived with their hash, hash verified, to register once they pass validation.
  const pending = new WeakMap<object, { hash: string; document: string }>();
  const lookup = (hash: string, request: Request): string | null | Promise<string | null> => {
    if (!HEX64.test(hash)) return null;
    const listed = manifest.get(hash);
    if (listed !== undefined) return listed;
    // Partners run the manifest and nothing else, whatever a frontend registered.
    if (!apq || !opts.allowArbitrary(request)) return null;
    return apq.store.get(hash).then((doc) => doc ?? null);
  };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(persistedOperations(lookup, (request) => opts.allowArbitrary(request)));
    },
    // Runs before the persisted-operations plugin added above: a document sent with a hash that is not its own
    // is refused before anything else looks at it; a partner's document is left for that plugin to refuse.
    onParams({ params, request, context }) {
      const claimed = apqHash(params);
      if (claimed === undefined || !params.query || !opts.allowArbitrary(request)) return;
      const hash = sha256Hex(params.query);
      if (bareId(claimed) !== hash) {
        throw gatewayError(
          'PERSISTED_QUERY_HASH_MISMATCH',
          'extensions.persistedQuery.sha256Hash is not the sha256 of the document sent in `query`: ' +
            'hash the exact query text, as UTF-8, to lower-case hex.',
        );
      }
      if (!apq || manifest.get(hash) !== undefined) return;
      const bytes = Buffer.byteLength(params.query);
      if (bytes > apq.maxDocumentBytes) {
        opts.logger?.debug({ bytes }, 'persisted queries: document too large to register');
        return;
      }
      pending.set(context, { hash, document: params.query });
    },
    onValidate({ context }) {
      const registration = pending.get(context);
      if (!registration || !apq) return;
      pending.delete(context);
      // Only documents that parse and validate (limits included) are kept.
      return ({ valid }) => {
        if (valid) void apq.store.set(registration.hash, registration.document);
      };
    },
  };
}

function persistedOperations(
  lookup: (hash: string, request: Request) => string | null | Promise<string | null>,
  allowArbitrary: (request: Request) => boolean,
): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash, request) => lookup(hash, request),
    extractPersistedOperationId: (params, request) => extractDocumentId(params, request),
    allowArbitraryOperations: (request) => allowArbitrary(request),
    customErrors: {
      // The message and code Apollo Client's persisted-queries link and urql's persisted exchange both look for:
      // on it they send the document again (a frontend's then registers, see above).
      notFound: () => gatewayError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound'),
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
