// `npm start`: the gateway on PORT (default 4000). Without UQPAY credentials it embeds the UQPAY emulator
// (seeded demo data) on EMULATOR_PORT and points the gateway at it. This is the only gateway file that may
// import the emulator.
import './env-file';
import { ConfigError, loadConfig, type GatewayConfig } from './config';
import { createLogger } from './logger';
import { startGateway } from './server';
import { WEBHOOK_PATH } from './webhooks';

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }

  let closeEmulator: (() => Promise<void>) | undefined;
  let pointWebhooksAt: ((url: string) => void) | undefined;
  if (config.embedded) {
    const { startEmulator } = await import('./emulator');
    // The emulator signs its webhooks with UQPAY_WEBHOOK_SECRET when set, so the gateway's check matches.
    const emulator = await startEmulator({
      port: config.emulatorPort,
      host: config.host,
      seed: true,
      webhookSecret: config.webhookSecret,
    });
    closeEmulator = () => emulator.close();
    pointWebhooksAt = (url) => emulator.setWebhookUrl(url);
    config = {
      ...config,
      uqpay: { ...config.uqpay, baseUrl: emulator.baseUrl, clientId: emulator.clientId, apiKey: emulator.apiKey },
      webhookSecret: emulator.webhookSecret,
    };
    console.log(`No UQPAY credentials: embedded UQPAY emulator with demo data at ${emulator.baseUrl}`);
  }

  const logger = createLogger({ level: config.logLevel, secrets: [config.uqpay.apiKey, config.webhookSecret ?? ''] });
  const gateway = await startGateway(config, { logger });
  console.log(`GraphQL gateway ready: open GraphiQL at ${gateway.url}`);
  if (pointWebhooksAt) {
    // Card orders finish asynchronously; their webhooks feed the gateway's subscriptions (try `cardEvents` in GraphiQL).
    const webhookUrl = gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH;
    pointWebhooksAt(webhookUrl);
    console.log(`  webhooks: emulator → ${webhookUrl}`);
  }
  console.log(`  upstream: ${config.uqpay.baseUrl}${config.embedded ? ' (embedded emulator)' : ''}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await gateway.close();
    await closeEmulator?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
