export { startEmulator, buildEmulatorApp } from './server';
export type { EmulatorOptions, RunningEmulator } from './options';
export { DEMO_IDS, DEMO_CREDENTIALS } from './seed';
export { signWebhook, type WebhookEnvelope } from './webhooks';
