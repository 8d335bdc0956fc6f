// Generators of invalid GraphQL requests, one family per kind of bad input. Every case is invalid beyond doubt
// (no ambiguous inputs such as Unicode letters in names), so a gateway that lets one through to UQPAY is wrong.
import type { Rng } from '../../bench/prng';
import { rngUuid } from '../../bench/prng';

export interface FuzzCase {
  family: string;
  /** What is being sent, for failure messages. */
  label: string;
  /** A JSON-serialisable request body, or a raw string sent as is. */
  body: unknown;
  contentType?: string;
  /** The mutation payload field whose userErrors count as the expected rejection. */
  payloadField?: string;
}

export interface FuzzIds {
  cardId: string;
  cardholderId: string;
  masterAccountId: string;
  subAccountId: string;
}

const CARD = 'query($id: UUID!) { card(cardId: $id) { cardId status } }';
const CARDHOLDER = 'query($id: UUID!) { cardholder(cardholderId: $id) { cardholderId } }';
const TRANSFER = 'query($id: UUID!) { transfer(transferId: $id) { transferId } }';
const CARDS =
  'query($first: Int, $status: CardStatus) { cards(first: $first, status: $status) { edges { node { cardId } } } }';
const RECHARGE =
  'mutation($input: CardAmountInput!) { rechargeCard(input: $input) { order { orderId } userErrors { code field message } } }';
const WITHDRAW =
  'mutation($input: CardAmountInput!) { withdrawCard(input: $input) { order { orderId } userErrors { code field message } } }';
const TRANSFER_CREATE =
  'mutation($input: CreateTransferInput!) { createTransfer(input: $input) { transfer { transferId } userErrors { code field message } } }';
const CREATE_CARDHOLDER =
  'mutation($input: CreateCardholderInput!) { createCardholder(input: $input) { cardholder { cardholderId } userErrors { code field message } } }';

const HEX = '0123456789abcdef';
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
];
const SYMBOLS = [
  '😀',
  '💳',
  '🏦',
  '<script>',
  '"; DROP TABLE cards;--',
  '../../',
  '%00',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '@',
  '#',
  '_',
  '1',
  '42',
];

function randomString(rng: Rng, length: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

function invalidUuid(rng: Rng): string {
  const valid = rngUuid(rng);
  const variants = [
    () => '',
    () => ' ',
    () => valid.slice(0, rng.int(1, 35)),
    () => `${valid}${randomString(rng, rng.int(1, 5), HEX)}`,
    () => valid.replace(/-/g, ''),
    () => valid.replace(/[0-9a-f]/, 'g'),
    () => valid.replace(/-/g, '_'),
    () => `${valid.slice(0, 8)}/${valid.slice(9)}`,
    () => `../${valid}`,
    () => `${valid}/recharge`,
    () => `${valid}?page_size=100`,
    () => `${valid}%2F..%2Faccounts`,
    () => `${valid}\n`,
    () => `${valid}\u0000`,
    () => randomString(rng, 36, 'ghijklmnopqrstuvwxyz-'),
    () => rng.pick(SYMBOLS),
    () => 'x'.repeat(rng.int(100, 5000)),
    () => '00000000-0000-0000-0000-00000000000', // 35 chars
  ];
  return rng.pick(variants)();
}

/** Amounts no money field may accept: ≤ 0, more than two decimals, exponents, non-numbers, absurd sizes. */
function invalidAmount(rng: Rng): unknown {
  const variants: (() => unknown)[] = [
    () => '0',
    () => '0.00',
    () => '-0.01',
    () => `-${rng.int(1, 100000)}.${rng.int(10, 99)}`,
    () => `${rng.int(0, 1000)}.${String(rng.int(1, 999)).padStart(3, '0')}`,
    () => `${rng.int(1, 1000)}.${randomString(rng, rng.int(3, 12), '0123456789')}`,
    () => `${rng.int(1, 9)}e${rng.int(1, 30)}`,
    () => `${rng.int(1, 9)}E-${rng.int(1, 5)}`,
    () => `1${'0'.repeat(rng.int(30, 400))}.00`,
    () => '9'.repeat(rng.int(20, 60)),
    () => 'NaN',
    () => 'Infinity',
    () => '-Infinity',
    () => '',
    () => ' ',
    () => '1,00',
    () => '1.00.00',
    () => '0x10',
    () => 'ten dollars',
    () => `${rng.int(1, 99)}.${rng.int(0, 9)}5 USD`,
    () => -rng.int(1, 1000),
    () => 0,
    () => rng.int(1, 1000) + 0.001 * rng.int(1, 9) + 0.0001,
    () => 1e21,
    () => -0.5,
    () => true,
    () => null,
    () => [],
    () => ({ amount: '1.00' }),
    () => rng.pick(SYMBOLS.filter((x) => !/^\d+$/.test(x))),
  ];
  return rng.pick(variants)();
}

/** Names UQPAY refuses whatever its exact rules: controls, digits, symbols, emoji, edge spaces, > 40 chars. */
function invalidName(rng: Rng): unknown {
  const variants: (() => unknown)[] = [
    () => '',
    () => ' ',
    () => ` Alex`,
    () => `Alex `,
    () => `Al${rng.pick(CONTROL)}ex`,
    () => `${rng.pick(CONTROL)}`,
    () => `Alex${rng.pick(SYMBOLS)}`,
    () => `${randomString(rng, rng.int(1, 10), 'abc')}${rng.int(0, 999)}`,
    () => 'A'.repeat(rng.int(41, 2000)),
    () => rng.pick(SYMBOLS),
    () => 42,
    () => null,
    () => ['Alex'],
  ];
  return rng.pick(variants)();
}

function wrongType(rng: Rng): unknown {
  return rng.pick<unknown>([
    rng.int(-1e6, 1e6),
    rng.next(),
    true,
    false,
    {},
    { id: rngUuid(rng) },
    [rngUuid(rng)],
    [],
    null,
  ]);
}

export function malformedJson(rng: Rng): FuzzCase {
  const good = JSON.stringify({ query: CARD, variables: { id: rngUuid(rng) } });
  const variants: (() => FuzzCase)[] = [
    () => ({ family: 'json', label: 'truncated', body: good.slice(0, rng.int(0, good.length - 1)) }),
    () => ({
      family: 'json',
      label: 'random bytes',
      body: randomString(rng, rng.int(1, 300), '{}[]":,\\ abc019\u0000\u00ff'),
    }),
    () => ({ family: 'json', label: 'trailing garbage', body: `${good}${randomString(rng, rng.int(1, 20), '}]x,')}` }),
    () => ({ family: 'json', label: 'single quotes', body: good.replace(/"/g, "'") }),
    () => ({
      family: 'json',
      label: 'non-object JSON',
      body: JSON.stringify(rng.pick<unknown>([null, 1, 'query', [], [1, 2], true])),
    }),
    () => ({ family: 'json', label: 'query not a string', body: { query: wrongType(rng) } }),
    () => ({
      family: 'json',
      label: 'variables not an object',
      body: { query: CARD, variables: rng.pick<unknown>(['x', 1, [1], true]) },
    }),
    () => ({ family: 'json', label: 'no query', body: { variables: { id: rngUuid(rng) } } }),
    () => ({
      family: 'json',
      label: 'syntax error',
      body: { query: `{ card(cardId: "${rngUuid(rng)}") { ${randomString(rng, rng.int(1, 30), '{}()$:!@ ab')} ` },
    }),
    () => ({
      family: 'json',
      label: 'unknown field',
      body: { query: `{ ${randomString(rng, 8, 'abcdefghijklmnop')} }` },
    }),
    () => ({
      family: 'json',
      label: 'wrong content-type',
      body: good,
      contentType: rng.pick([
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
      ]),
    }),
    () => ({
      family: 'json',
      label: 'invalid UTF-8',
      body: `{"query":"{ card(cardId: \\"${'\udc00'}\\") { status } }"}`,
    }),
    () => ({
      family: 'json',
      label: 'duplicate operation names',
      body: { query: 'query A { __typename } query A { __typename }', operationName: 'A' },
    }),
    () => ({
      family: 'json',
      label: 'operationName not found',
      body: { query: CARD, variables: { id: rngUuid(rng) }, operationName: 'Nope' },
    }),
  ];
  return rng.pick(variants)();
}

export function wrongVariableTypes(rng: Rng, ids: FuzzIds): FuzzCase {
  const variants: (() => FuzzCase)[] = [
    () => ({ family: 'types', label: 'card id type', body: { query: CARD, variables: { id: wrongType(rng) } } }),
    () => ({ family: 'types', label: 'missing required variable', body: { query: CARD, variables: {} } }),
    () => ({
      family: 'types',
      label: 'first not an Int',
      body: { query: CARDS, variables: { first: rng.pick<unknown>(['ten', 1.5, 2 ** 40, -(2 ** 40), true, {}, [1]]) } },
    }),
    () => ({
      family: 'types',
      label: 'first out of range',
      body: { query: CARDS, variables: { first: rng.pick([0, -1, 101, 1000, 2 ** 31 - 1, -(2 ** 31)]) } },
    }),
    () => ({
      family: 'types',
      label: 'unknown enum',
      body: {
        query: CARDS,
        variables: { first: 5, status: rng.pick<unknown>(['NOPE', 'active', 'ACTIVE ', '', 1, 'FROZEN;']) },
      },
    }),
    () => ({
      family: 'types',
      label: 'input not an object',
      body: { query: RECHARGE, variables: { input: wrongType(rng) } },
    }),
    () => ({
      family: 'types',
      label: 'input extra field',
      body: {
        query: RECHARGE,
        variables: { input: { cardId: ids.cardId, amount: '1.00', [randomString(rng, 6, 'xyz')]: 1 } },
      },
    }),
    () => ({
      family: 'types',
      label: 'inline literal of wrong type',
      body: { query: `{ card(cardId: ${rng.pick(['1', 'true', '[]', '{a: 1}', 'null', '1.5'])}) { status } }` },
    }),
    () => ({
      family: 'types',
      label: 'variable type mismatch',
      body: { query: 'query($id: Int!) { card(cardId: $id) { status } }', variables: { id: 1 } },
    }),
  ];
  return rng.pick(variants)();
}

export function hugeStrings(rng: Rng, ids: FuzzIds): FuzzCase {
  const big = () => randomString(rng, rng.int(10_000, 200_000), 'abcdefghij ');
  const variants: (() => FuzzCase)[] = [
    () => ({ family: 'huge', label: 'huge card id', body: { query: CARD, variables: { id: big() } } }),
    () => ({
      family: 'huge',
      label: 'huge amount',
      body: {
        query: RECHARGE,
        variables: { input: { cardId: ids.cardId, amount: '9'.repeat(rng.int(10_000, 100_000)) } },
      },
      payloadField: 'rechargeCard',
    }),
    () => ({
      family: 'huge',
      label: 'huge name',
      body: {
        query: CREATE_CARDHOLDER,
        variables: {
          input: {
            firstName: big(),
            lastName: 'Chen',
            email: 'huge@example.com',
            countryCode: 'SG',
            phoneNumber: '81234567',
          },
        },
      },
      payloadField: 'createCardholder',
    }),
    () => ({
      family: 'huge',
      label: 'huge unknown variable',
      body: { query: CARD, variables: { id: 'x', other: big() } },
    }),
  ];
  return rng.pick(variants)();
}

export function invalidUuids(rng: Rng): FuzzCase {
  const [query, field] = rng.pick([
    [CARD, 'card'],
    [CARDHOLDER, 'cardholder'],
    [TRANSFER, 'transfer'],
  ] as const);
  const id = invalidUuid(rng);
  return rng.chance(0.5)
    ? { family: 'uuid', label: `${field} id ${JSON.stringify(id).slice(0, 60)}`, body: { query, variables: { id } } }
    : {
        family: 'uuid',
        label: `inline ${field} id ${JSON.stringify(id).slice(0, 60)}`,
        body: { query: `{ ${field}(${field}Id: ${JSON.stringify(id)}) { __typename } }` },
      };
}

export function invalidAmounts(rng: Rng, ids: FuzzIds): FuzzCase {
  const amount = invalidAmount(rng);
  const label = `amount ${JSON.stringify(amount)?.slice(0, 60)}`;
  const key = rng.chance(0.5) ? { idempotencyKey: rngUuid(rng) } : {};
  const which = rng.int(0, 2);
  if (which === 2) {
    return {
      family: 'amount',
      label: `transfer ${label}`,
      body: {
        query: TRANSFER_CREATE,
        variables: {
          input: {
            sourceAccountId: ids.masterAccountId,
            destinationAccountId: ids.subAccountId,
            currency: 'USD',
            amount,
            ...key,
          },
        },
      },
      payloadField: 'createTransfer',
    };
  }
  return {
    family: 'amount',
    label: `${which ? 'withdraw' : 'recharge'} ${label}`,
    body: { query: which ? WITHDRAW : RECHARGE, variables: { input: { cardId: ids.cardId, amount, ...key } } },
    payloadField: which ? 'withdrawCard' : 'rechargeCard',
  };
}

export function invalidMutationFields(rng: Rng, ids: FuzzIds): FuzzCase {
  const variants: (() => FuzzCase)[] = [
    () => ({
      family: 'fields',
      label: 'invalid idempotency key',
      body: {
        query: RECHARGE,
        variables: { input: { cardId: ids.cardId, amount: '1.00', idempotencyKey: invalidUuid(rng) } },
      },
      payloadField: 'rechargeCard',
    }),
    () => ({
      family: 'fields',
      label: 'invalid card id in mutation',
      body: { query: RECHARGE, variables: { input: { cardId: invalidUuid(rng), amount: '1.00' } } },
      payloadField: 'rechargeCard',
    }),
    () => ({
      family: 'fields',
      label: 'invalid currency',
      body: {
        query: TRANSFER_CREATE,
        variables: {
          input: {
            sourceAccountId: ids.masterAccountId,
            destinationAccountId: ids.subAccountId,
            currency: rng.pick(['usd', 'US', 'USDXX', '123', '', 'U$D', '💵']),
            amount: '1.00',
          },
        },
      },
      payloadField: 'createTransfer',
    }),
    () => ({
      family: 'fields',
      label: 'transfer to itself',
      body: {
        query: TRANSFER_CREATE,
        variables: {
          input: {
            sourceAccountId: ids.masterAccountId,
            destinationAccountId: ids.masterAccountId,
            currency: 'USD',
            amount: '1.00',
          },
        },
      },
      payloadField: 'createTransfer',
    }),
  ];
  return rng.pick(variants)();
}

export function invalidNames(rng: Rng): FuzzCase {
  const firstBad = rng.chance(0.5);
  const email = rng.chance(0.2)
    ? rng.pick(['not-an-email', 'a@', '@b.com', `a${rng.pick(CONTROL)}@example.com`, 'a b@example.com'])
    : `fuzz.${rng.int(1, 1e9)}@example.com`;
  const input = {
    firstName: firstBad ? invalidName(rng) : 'Alex',
    lastName: firstBad ? 'Chen' : invalidName(rng),
    email,
    countryCode: 'SG',
    phoneNumber: String(rng.int(80000000, 89999999)),
  };
  return {
    family: 'names',
    label: `names ${JSON.stringify([input.firstName, input.lastName]).slice(0, 80)}`,
    body: { query: CREATE_CARDHOLDER, variables: { input } },
    payloadField: 'createCardholder',
  };
}

export function deepNesting(rng: Rng, ids: FuzzIds): FuzzCase {
  const depth = rng.int(12, 120);
  if (rng.chance(0.3)) {
    // Deep selection of plain fields the parser must refuse or the depth limit must catch.
    return {
      family: 'depth',
      label: `braces depth ${depth}`,
      body: { query: `{ ${'card(cardId: "x") { '.repeat(depth)}status${' }'.repeat(depth)} }` },
    };
  }
  let sel = 'cardId';
  for (let i = 0; i < depth; i++)
    sel = i % 2 ? `cards(first: 5) { edges { node { ${sel} } } }` : `cardholder { ${sel} }`;
  if (rng.chance(0.2)) {
    // Deeply nested JSON where a UUID belongs; built as text so the client's JSON.stringify cannot overflow.
    const levels = depth * rng.int(10, 200);
    const deep = `${'{"v":'.repeat(levels)}1${'}'.repeat(levels)}`;
    return {
      family: 'depth',
      label: `deep JSON variable depth ${levels}`,
      body: `{"query":${JSON.stringify(CARD)},"variables":{"id":${deep}}}`,
    };
  }
  return {
    family: 'depth',
    label: `relation depth ${depth}`,
    body: { query: `query { card(cardId: "${ids.cardId}") { ${sel} } }` },
  };
}

export function aliasFlood(rng: Rng, ids: FuzzIds): FuzzCase {
  const n = rng.int(200, 3000);
  const fields = Array.from(
    { length: n },
    (_, i) => `a${i}: card(cardId: "${rng.chance(0.5) ? ids.cardId : rngUuid(rng)}") { status }`,
  );
  if (rng.chance(0.3)) {
    const m = n * 4;
    return {
      family: 'alias',
      label: `field flood ×${m}`,
      body: { query: `{ card(cardId: "${ids.cardId}") { ${'status '.repeat(m)} } }` },
    };
  }
  return { family: 'alias', label: `alias flood ×${n}`, body: { query: `{ ${fields.join(' ')} }` } };
}

export function unknownPersistedIds(rng: Rng): FuzzCase {
  const hash = randomString(rng, 64, HEX);
  const variants: (() => FuzzCase)[] = [
    () => ({ family: 'persisted', label: 'unknown documentId', body: { documentId: `sha256:${hash}` } }),
    () => ({ family: 'persisted', label: 'documentId without prefix', body: { documentId: hash } }),
    () => ({
      family: 'persisted',
      label: 'malformed documentId',
      body: { documentId: rng.pick<unknown>(['', 'sha256:', 'md5:abc', `sha256:${hash}${hash}`, 1, null, {}]) },
    }),
    () => ({
      family: 'persisted',
      label: 'unknown Apollo hash',
      body: { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
    }),
    () => ({
      family: 'persisted',
      label: 'Apollo hash wrong type',
      body: { extensions: { persistedQuery: { version: 1, sha256Hash: wrongType(rng) } } },
    }),
    () => ({
      family: 'persisted',
      label: 'unknown id with variables',
      body: { documentId: `sha256:${hash}`, variables: { cardId: rngUuid(rng) } },
    }),
  ];
  return rng.pick(variants)();
}

export function oversizedBody(rng: Rng): FuzzCase {
  const mb = rng.int(2, 12);
  const padding = 'x'.repeat(mb * 1024 * 1024);
  return rng.chance(0.5)
    ? { family: 'oversized', label: `${mb} MB variable`, body: { query: CARD, variables: { id: 'x', padding } } }
    : { family: 'oversized', label: `${mb} MB query`, body: `{"query":"{ __typename } #${padding}"}` };
}
