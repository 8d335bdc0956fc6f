// How operations execute: variables coerced once by graphql-js's rules before any executor (./variables.ts),
// compiled where that is safe (./jit.ts), incrementally for @defer and @stream (./defer-stream.ts, on graphql-js's
// executor), and abandoned past the request timeout with their upstream calls aborted (./timeout.ts); validation
// results cached by rule set (./validation-cache.ts), parsed documents in a two-generation cache
// (./document-cache.ts). server.ts mounts them around the access plugins.
export { useDeferStream } from './defer-stream';
export { usesIncrementalDelivery } from './incremental';
export { jitApplies, useJit } from './jit';
export { useVariableCoercion, variableErrors } from './variables';
export { requestSignalOf, timeoutError, useRequestTimeout } from './timeout';
export { useValidationCache } from './validation-cache';
export { GenerationalCache } from './document-cache';
