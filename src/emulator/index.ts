// The UQPAY emulator's public surface. Its files are layered (entry → http → routes → core → issuing → platform
// → base, each importing only downward): README.md beside this file lists them, and
// test/structure/emulator-imports.test.ts holds the code to that list.
export { startEmulator, buildEmulatorApp } from './server';
export type { EmulatorOptions, RunningEmulator } from './options';
export { DEMO_IDS, DEMO_CREDENTIALS } from './seed';
export { signWebhook, type WebhookEnvelope } from './webhooks';
