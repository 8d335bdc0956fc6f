// `npm run emulator`: the UQPAY emulator on its own, configured from the environment.
import { DEMO_IDS } from './seed';
import { startEmulator } from './server';

const env = process.env;
const int = (name: string, fallback: number) => {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};
const amountFormat = env.EMULATOR_AMOUNT_FORMAT ?? 'string';
if (amountFormat !== 'string' && amountFormat !== 'number')
  throw new Error('EMULATOR_AMOUNT_FORMAT must be string or number');

const emu = await startEmulator({
  port: int('EMULATOR_PORT', 8900),
  host: env.EMULATOR_HOST ?? '127.0.0.1',
  seed: env.EMULATOR_SEED !== 'off',
  tokenTtlSeconds: int('EMULATOR_TOKEN_TTL_SECONDS', 1800),
  invalidateOldTokens: env.EMULATOR_INVALIDATE_OLD_TOKENS === 'on',
  asyncDelayMs: int('EMULATOR_ASYNC_DELAY_MS', 5),
  amountFormat,
  webhookUrl: env.EMULATOR_WEBHOOK_URL || undefined,
  webhookSecret: env.EMULATOR_WEBHOOK_SECRET || undefined,
  logger: env.EMULATOR_LOG === 'on',
});

console.log(`UQPAY emulator listening on ${emu.url}
  base URL (UQPAY_BASE_URL): ${emu.baseUrl}
  client id:  ${emu.clientId}
  API key:    ${emu.apiKey}
  master account:  ${emu.masterAccountId}
  sub-accounts:    ${emu.subAccountIds.join(', ')}
  webhooks:   ${env.EMULATOR_WEBHOOK_URL || '(none; see GET /__emulator/webhooks)'} secret ${emu.webhookSecret}
              stamped in ${env.EMULATOR_WEBHOOK_TIMESTAMP || 'milliseconds'}, \
account_id in envelope ${env.EMULATOR_WEBHOOK_ACCOUNT_ID || 'off'}
  controls:   ${env.EMULATOR_CONTROLS === 'off' ? 'off' : `${emu.url}/__emulator`}
  try: curl -s -X POST ${emu.baseUrl}/v1/connect/token -H 'x-client-id: ${emu.clientId}' -H 'x-api-key: ${emu.apiKey}'
  demo card: ${DEMO_IDS.cards.sophiaUsdSingle}`);

const stop = async () => {
  await emu.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
