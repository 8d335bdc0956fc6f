// How operations execute: compiled where that is safe (./jit.ts), and abandoned past the request timeout with their
// upstream calls aborted (./timeout.ts). server.ts mounts the two around the access plugins.
export { usesIncrementalDelivery } from './incremental';
export { jitApplies, useJit } from './jit';
export { requestSignalOf, timeoutError, useRequestTimeout } from './timeout';
