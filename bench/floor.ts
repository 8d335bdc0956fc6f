// The floor: the least any gateway must do for the bench scenarios — parse the request body, make the same
// UQPAY GET(s) over a keep-alive undici Pool, reshape the JSON into the GraphQL response shape. No schema,
// no validation, no loaders. Its throughput and CPU per request are what the gateway is compared against.
// Runs as its own process: `FLOOR_PORT=... UQPAY_BASE_URL=... node --import tsx bench/floor.ts`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'undici';

const base = new URL(process.env.UQPAY_BASE_URL ?? 'http://127.0.0.1:8900/api');
const basePath = base.pathname.replace(/\/+$/, '');
const pool = new Pool(base.origin, { connections: Number(process.env.FLOOR_CONNECTIONS ?? 32), pipelining: 1 });
const clientId = process.env.UQPAY_CLIENT_ID ?? 'demo-client-id';
const apiKey = process.env.UQPAY_API_KEY ?? 'demo-api-key';

let token: Promise<string> | undefined;

function authToken(): Promise<string> {
  token ??= (async () => {
    const res = await pool.request({
      method: 'POST',
      path: `${basePath}/v1/connect/token`,
      headers: { 'x-client-id': clientId, 'x-api-key': apiKey },
    });
    const json = (await res.body.json()) as { auth_token: string };
    return json.auth_token;
  })();
  return token;
}

async function get<T>(path: string, retried = false): Promise<T> {
  const res = await pool.request({
    method: 'GET',
    path: `${basePath}${path}`,
    headers: { 'x-auth-token': `Bearer ${await authToken()}` },
  });
  if (res.statusCode === 401 && !retried) {
    await res.body.dump();
    token = undefined;
    return get(path, true);
  }
  if (res.statusCode !== 200) {
    const text = await res.body.text();
    throw new Error(`upstream ${res.statusCode}: ${text.slice(0, 200)}`);
  }
  return (await res.body.json()) as T;
}

interface WireCard {
  card_id: string;
  card_status: string;
  available_balance: string | number;
  card_currency: string;
  cardholder: { email: string };
}
interface WireCardholder {
  cardholder_id: string;
}
interface Page<T> {
  data: T[];
}

const money = (amount: string | number, currency: string) => ({
  amount: typeof amount === 'number' ? amount.toFixed(2) : amount,
  currency,
});

/** S1's selection on one card: `status availableBalance { amount currency } cardholder { email }`. */
const cardView = (c: WireCard) => ({
  status: c.card_status,
  availableBalance: money(c.available_balance, c.card_currency),
  cardholder: { email: c.cardholder.email },
});

const scenarios: Record<string, (vars: Record<string, unknown>) => Promise<unknown>> = {
  async '/s1'(vars) {
    const c = await get<WireCard>(`/v1/issuing/cards/${encodeURIComponent(String(vars.cardId))}`);
    return { card: cardView(c) };
  },
  // N cards by id, each its own GET, answered under aliases c0…: the breakdown's per-call slope.
  async '/cards'(vars) {
    const ids = Array.isArray(vars.cardIds) ? (vars.cardIds as unknown[]).map(String) : [];
    const cards = await Promise.all(ids.map((id) => get<WireCard>(`/v1/issuing/cards/${encodeURIComponent(id)}`)));
    return Object.fromEntries(cards.map((c, i) => [`c${i}`, cardView(c)]));
  },
  async '/s2'() {
    const page = await get<Page<WireCard>>('/v1/issuing/cards?page_number=1&page_size=50');
    return { cards: { edges: page.data.map((c) => ({ node: { cardholder: { email: c.cardholder.email } } })) } };
  },
  async '/s3'() {
    const holders = await get<Page<WireCardholder>>('/v1/issuing/cardholders?page_number=1&page_size=20');
    const edges = await Promise.all(
      holders.data.map(async (h) => {
        const cards = await get<Page<WireCard>>(
          `/v1/issuing/cards?cardholder_id=${encodeURIComponent(h.cardholder_id)}&page_number=1&page_size=10`,
        );
        return { node: { cards: { edges: cards.data.slice(0, 5).map((c) => ({ node: { cardId: c.card_id } })) } } };
      }),
    );
    return { cardholders: { edges } };
  },
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.url === '/health') return send(res, 200, { ok: true });
    const handler = scenarios[req.url ?? ''];
    if (!handler || req.method !== 'POST') return send(res, 404, { errors: [{ message: 'not found' }] });
    const body = JSON.parse((await readBody(req)) || '{}') as { variables?: Record<string, unknown> };
    send(res, 200, { data: await handler(body.variables ?? {}) });
  } catch (err) {
    send(res, 502, { errors: [{ message: (err as Error).message }] });
  }
}

const server = createServer((req, res) => void serve(req, res));

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.FLOOR_PORT ?? 4100), '127.0.0.1', () => {
  process.stdout.write(`floor listening on ${process.env.FLOOR_PORT}\n`);
});

const shutdown = () => {
  server.close();
  void pool.close();
  setTimeout(() => process.exit(0), 200).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
