// Shared by the webhook tests: sign and deliver like UQPAY does, and read what a stream produced.
import { randomUUID } from 'node:crypto';
import { computeSignature } from '../../src/webhooks/signature';

export function envelope(eventType: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    version: 'V1.6.0',
    event_name: 'ISSUING',
    event_type: eventType,
    event_id: randomUUID(),
    source_id: randomUUID(),
    data,
    ...extra,
  };
}

export function rechargeEvent(cardId: string, accountId?: string, amount = '25.00') {
  return envelope(
    'card.recharge.succeeded',
    {
      amount,
      card_available_balance: '125.00',
      card_currency: 'USD',
      card_id: cardId,
      card_status: 'ACTIVE',
      complete_time: '2024-05-09 15:52:23',
      order_status: 'SUCCESS',
      update_time: '2024-05-09 15:52:23',
    },
    accountId ? { account_id: accountId } : {},
  );
}

/** POST a webhook signed the UQPAY way; `rawBody` overrides the JSON body, `timestamp`/`signature` the headers. */
export async function deliver(
  url: string,
  secret: string,
  body: unknown,
  opts: { rawBody?: string; timestamp?: string; signature?: string } = {},
): Promise<Response> {
  const raw = opts.rawBody ?? JSON.stringify(body);
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = opts.signature ?? computeSignature(secret, raw, timestamp);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wk-timestamp': timestamp, 'x-wk-signature': signature },
    body: raw,
  });
}

/** Collect what an async iterator yields until `count` items or `ms` elapse, then stop it. */
export async function collect<T>(iter: AsyncIterator<T>, opts: { count?: number; ms: number }): Promise<T[]> {
  const out: T[] = [];
  const deadline = Date.now() + opts.ms;
  while (opts.count === undefined || out.length < opts.count) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)));
    const r = await Promise.race([iter.next(), timeout]);
    clearTimeout(timer);
    if (r === 'timeout' || r.done) break;
    out.push(r.value);
  }
  await iter.return?.();
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Unique per test run, so parallel runs and leftovers on the shared local Redis never meet. */
export const testRedisPrefix = (name: string) => `test:${name}:${randomUUID()}:`;
export const REDIS_URL = 'redis://127.0.0.1:6379';
