// Incremental delivery: @defer and @stream. A document using either returns a stream of payloads (graphql-js's
// executor, via @graphql-yoga/plugin-defer-stream), which graphql-jit cannot produce and a batch cannot carry.
// The answer is kept per parsed document: yoga caches parsed documents, so a repeated one costs one lookup.
import { BREAK, visit, type DocumentNode } from 'graphql';

const verdicts = new WeakMap<DocumentNode, boolean>();

/** Whether any selection in the document (operations and fragments) carries @defer or @stream. */
export function usesIncrementalDelivery(document: DocumentNode): boolean {
  let verdict = verdicts.get(document);
  if (verdict === undefined) {
    verdict = false;
    visit(document, {
      Directive(node) {
        if (node.name.value === 'defer' || node.name.value === 'stream') {
          verdict = true;
          return BREAK;
        }
        return undefined;
      },
    });
    verdicts.set(document, verdict);
  }
  return verdict;
}
