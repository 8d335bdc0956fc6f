// How operations execute: compiled where that is safe (./jit.ts), incrementally for @defer and @stream
// (./defer-stream.ts, on graphql-js's executor), and abandoned past the request timeout with their upstream calls
// aborted (./timeout.ts). server.ts mounts them around the access plugins.
export { useDeferStream } from './defer-stream';
export { usesIncrementalDelivery } from './incremental';
export { jitApplies, useJit } from './jit';
export { requestSignalOf, timeoutError, useRequestTimeout } from './timeout';
