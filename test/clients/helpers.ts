// What the gateway received, request by request, for the client-library tests: round trips are counted where they
// arrive (the gateway's request parser), not where a client says it sent them.
import type { Plugin } from 'graphql-yoga';

export interface Arrival {
  method: string;
  /** The request carried a document of its own. */
  query: boolean;
  /** `extensions.persistedQuery.sha256Hash`, if any. */
  hash?: string;
  documentId?: string;
}

export function arrivals(): { plugin: Plugin; seen: Arrival[] } {
  const seen: Arrival[] = [];
  const plugin: Plugin = {
    onRequestParse({ request }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          for (const params of [requestParserResult].flat()) {
            const extensions = params.extensions as { persistedQuery?: { sha256Hash?: string } } | undefined;
            const documentId = (params as { documentId?: unknown }).documentId;
            seen.push({
              method: request.method,
              query: Boolean(params.query),
              hash: extensions?.persistedQuery?.sha256Hash,
              documentId: typeof documentId === 'string' ? documentId : undefined,
            });
          }
        },
      };
    },
  };
  return { plugin, seen };
}
