// Compiled execution (graphql-jit) for the operations it handles correctly; the rest run on graphql-js. Mount it
// first: later plugins (the request timeout) wrap the execute function it installs.
import { useGraphQlJit } from '@envelop/graphql-jit';
import { Kind, OperationTypeNode, type ExecutionArgs } from 'graphql';
import { usesIncrementalDelivery } from './incremental';

/** The operation `execute` will run is a query or mutation (graphql-jit only compiles those for us). */
function isNotSubscription(args: ExecutionArgs): boolean {
  for (const def of args.document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    if (args.operationName == null || def.name?.value === args.operationName)
      return def.operation !== OperationTypeNode.SUBSCRIPTION;
  }
  return true;
}

/**
 * graphql-jit's envelop plugin caches ONE compiled operation per document, whatever `operationName` asks for: a
 * document holding several operations would run the first-compiled one for every name (a query's name could run
 * the document's mutation). Such documents run on graphql-js instead; single-operation documents (every persisted
 * one) keep the compiled path.
 */
function hasOneOperation(args: ExecutionArgs): boolean {
  let operations = 0;
  for (const def of args.document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION && ++operations > 1) return false;
  }
  return true;
}

export const jitApplies = (args: ExecutionArgs) =>
  hasOneOperation(args) && isNotSubscription(args) && !usesIncrementalDelivery(args.document);

/**
 * Subscriptions keep graphql-js's executor (their event streams and the bus), and so do @defer and @stream
 * (graphql-jit has no incremental delivery: it would answer everything at once, or not at all).
 */
export function useJit() {
  return useGraphQlJit({}, { enableIf: jitApplies });
}
