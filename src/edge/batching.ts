// Batched requests: a JSON array of operations in one POST (Apollo's BatchHttpLink, graphql-yoga's `batching`).
// yoga runs each operation through the whole per-operation pipeline on its own (keys, partners' persisted
// documents, limits, context, the upstream call estimate and meter); this bounds the batch itself: at most
// GATEWAY_MAX_BATCH_SIZE operations (the body limit bounds its bytes as for any request), and no operation whose
// answer is a stream, which a JSON array cannot carry.
import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { usesIncrementalDelivery } from '../execution';
import { gatewayError } from '../errors/graphql';

const requestOf = (args: { contextValue: unknown }) => (args.contextValue as { request?: Request }).request;

const notInABatch = (what: string) =>
  gatewayError(
    'BAD_REQUEST',
    `${what} cannot be batched: its answer is a stream, which a JSON array cannot carry. Send it on its own.`,
  );

export function useBatchLimit(max: number): Plugin {
  const batched = new WeakSet<Request>();
  return {
    onRequestParse({ request }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult)) return;
          const n = requestParserResult.length;
          if (n === 0 || n > max) {
            throw gatewayError(
              'BATCH_LIMIT_EXCEEDED',
              `A batch holds 1 to at most ${max} operations (GATEWAY_MAX_BATCH_SIZE); this one holds ${n}. ` +
                "Send fewer per request (Apollo's BatchHttpLink: `batchMax`).",
            );
          }
          // yoga's JSON parser takes any array: each element must be a request of its own.
          if (!requestParserResult.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p))) {
            throw gatewayError(
              'BAD_REQUEST',
              'A batch is a JSON array of GraphQL requests: each element an object with `query` or a persisted ' +
                'document id.',
            );
          }
          batched.add(request);
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const request = requestOf(args);
      if (request && batched.has(request)) setResultAndStopExecution({ errors: [notInABatch('A subscription')] });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const request = requestOf(args);
      if (request && batched.has(request) && usesIncrementalDelivery(args.document as DocumentNode)) {
        setResultAndStopExecution({ errors: [notInABatch('An operation using @defer or @stream')] });
      }
    },
  };
}
