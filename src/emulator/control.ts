import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from './core';
import { badRequest, invalidField } from './errors';
import { feeData } from './event-data';
import { finishKycReview } from './kyc-review';
import { findCard, findCardholder } from './lookups';
import type { Cents } from './money';
import { chargeFee } from './network';
import { WEBHOOK_TIMESTAMP_UNITS } from './options';
import { DEMO_CREDENTIALS, DEMO_IDS } from './seed';
import { KYC_LEVELS, type AccountStore } from './state';
import { bodyObject } from './validation';

/** Test and demo knobs under /__emulator: no auth, no stats, never part of UQPAY's surface. */
export function registerControls(app: FastifyInstance, core: EmulatorCore): void {
  app.get('/', async () => ({
    credentials: DEMO_CREDENTIALS,
    ids: DEMO_IDS,
    controls: [
      'GET /__emulator/stats',
      'POST /__emulator/stats/reset',
      'GET|POST|DELETE /__emulator/faults',
      'POST /__emulator/expire-tokens',
      'POST /__emulator/deposit',
      'POST /__emulator/reset',
      'GET /__emulator/webhooks',
      'POST /__emulator/webhooks/config',
      'POST /__emulator/kyc-level',
      'POST /__emulator/cardholders/{id}/kyc',
      'POST /__emulator/cards/{id}/fee',
    ],
  }));

  app.get('/stats', async () => core.stats.snapshot());
  app.post('/stats/reset', async () => {
    core.stats.reset();
    return { ok: true };
  });

  app.get('/faults', async () => ({ faults: core.faults.current() }));
  app.post('/faults', async (req) => ({ faults: core.faults.configure(bodyObject(req.body)) }));
  app.delete('/faults', async () => {
    core.faults.clear();
    return { faults: null };
  });

  app.post('/expire-tokens', async () => {
    core.tokens.expireAll();
    return { ok: true };
  });

  // The dashboard's "deposit": money arriving from outside, so it is the one way to grow the total.
  app.post('/deposit', async (req) => {
    const f = bodyObject(req.body);
    const accountId = f.uuid('account_id') ?? core.state.masterId;
    const currency = f.currency('currency', { required: true }) as string;
    const amount = f.amount('amount', { required: true }) as Cents;
    const store = core.state.accounts.get(accountId);
    if (!store) throw badRequest('account_error', 'sub_account_not_found', `account_id ${accountId} not found`);
    const entry = store.move(currency, amount, 'DEPOSIT', 'deposit (emulator control)');
    const balance = store.balance(currency);
    return {
      account_id: store.id,
      ledger_entry: core.views.ledger(entry),
      balance: balance && core.views.balance(balance),
    };
  });

  const levels = () => Object.fromEntries([...core.state.accounts.values()].map((s) => [s.id, s.kycLevel]));
  const account = (id: string): AccountStore => {
    const store = core.state.accounts.get(id);
    if (!store) throw badRequest('account_error', 'sub_account_not_found', `account_id ${id} not found`);
    return store;
  };

  // The KYC level new cardholders get (UQPAY: the card product's). Without account_id: every account.
  // Back to the kycLevel option on /reset.
  app.post('/kyc-level', async (req) => {
    const f = bodyObject(req.body);
    const accountId = f.uuid('account_id');
    const level = f.enum('level', KYC_LEVELS, { required: true }) as (typeof KYC_LEVELS)[number];
    const stores = accountId ? [account(accountId)] : [...core.state.accounts.values()];
    for (const s of stores) s.kycLevel = level;
    return { kyc_levels: levels() };
  });

  // UQPAY's side of a review or IDV: PENDING/INCOMPLETE → SUCCESS|FAILED, then `cardholder.kyc.status_changed`.
  // Without account_id the cardholder is looked up in every account.
  app.post('/cardholders/:id/kyc', async (req) => {
    const f = bodyObject(req.body);
    const accountId = f.uuid('account_id');
    const status = f.enum('status', ['SUCCESS', 'FAILED'] as const, { required: true }) as 'SUCCESS' | 'FAILED';
    const id = String((req.params as { id: string }).id).toLowerCase();
    const store = accountId
      ? account(accountId)
      : ([...core.state.accounts.values()].find((s) => s.cardholders.has(id)) ?? core.state.master);
    const ch = findCardholder(store, id);
    finishKycReview(core, store, ch, status);
    return { account_id: store.id, cardholder: core.views.cardholder(store, ch) };
  });

  // UQPAY charging a card fee: a FEE transaction and `issuing.fee.card`. Without account_id: whichever holds the card.
  app.post('/cards/:id/fee', async (req) => {
    const f = bodyObject(req.body);
    const accountId = f.uuid('account_id');
    const amount = f.amount('amount', { required: true }) as Cents;
    const remark = f.string('remark', { max: 200 });
    const id = String((req.params as { id: string }).id).toLowerCase();
    const holder = [...core.state.accounts.values()].find((s) => s.cards.has(id));
    const store = accountId ? account(accountId) : (holder ?? core.state.master);
    const card = findCard(store, id);
    const text = remark ?? `deduct ${card.form_factor.toLowerCase()} card [${card.pan.slice(-4)}] fee`;
    const tx = chargeFee(core.state, store, id, amount, text);
    core.webhooks.emit('issuing.fee.card', tx.transaction_id, store.id, feeData(core.views, store, tx, tx.description));
    return { account_id: store.id, transaction: core.views.transaction(store, tx) };
  });

  app.post('/reset', async () => {
    core.reset();
    return { ok: true };
  });

  app.get('/webhooks', async () => ({ url: core.webhooks.url ?? null, deliveries: core.webhooks.deliveries() }));
  app.post('/webhooks/config', async (req) => {
    const f = bodyObject(req.body);
    if (f.raw.url === null) core.webhooks.url = undefined;
    const url = f.string('url');
    if (url !== undefined) {
      if (!/^https?:\/\/\S+$/.test(url)) throw invalidField('url', 'must be an http(s) URL');
      core.webhooks.url = url;
    }
    const secret = f.string('secret', { min: 1 });
    if (secret !== undefined) core.webhooks.secret = secret;
    // The envelope and stamp switches, at run time (back to the options on /reset).
    const timestamp = f.enum('timestamp', WEBHOOK_TIMESTAMP_UNITS);
    if (timestamp !== undefined) core.webhooks.format.timestamp = timestamp;
    if (f.has('account_id')) {
      if (typeof f.raw.account_id !== 'boolean') throw invalidField('account_id', 'must be a boolean');
      core.webhooks.format.accountId = f.raw.account_id;
    }
    const format = core.webhooks.format;
    return { url: core.webhooks.url ?? null, timestamp: format.timestamp, account_id: format.accountId };
  });
}
