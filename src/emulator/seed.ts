import { ASSIGNABLE_PANS, withLuhn } from './cardnumbers';
import { authorize, reverse } from './network';
import type {
  Account,
  AccountStore,
  Card,
  Cardholder,
  CardMode,
  EmulatorState,
  KycLevel,
  Product,
  ProductRequiredField,
} from './state';

export const DEMO_CREDENTIALS = { clientId: 'demo-client-id', apiKey: 'demo-api-key' } as const;

// Fixed ids so demos, docs and other teams' tests can name seeded objects.
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_IDS = {
  masterAccountId: id('ac000000', 1),
  subAccountIds: [id('ac000000', 2), id('ac000000', 3)] as [string, string],
  accounts: { master: id('ac000000', 1), acmeTravel: id('ac000000', 2), globexMedia: id('ac000000', 3) },
  products: {
    /** SINGLE (prepaid) virtual VISA on BIN 40963608, USD and SGD, SIMPLIFIED KYC */
    single: id('9d000000', 1),
    /** SHARE virtual/physical VISA on BIN 40963608, USD and SGD */
    share: id('9d000000', 2),
    /** SINGLE Mastercard on BIN 527735: card_limit is required; STANDARD KYC (date of birth, nationality, address) */
    mastercard: id('9d000000', 3),
  },
  cardholders: {
    sophiaTan: id('c4000000', 1),
    liamWong: id('c4000000', 2),
    oliviaMartin: id('c4000000', 3),
    /** PENDING review: cannot be issued cards */
    noahLim: id('c4000000', 4),
    meiLingGoh: id('c4000000', 5),
    /** in sub-account Acme Travel */
    danielOng: id('c4000000', 6),
    /** in sub-account Globex Media */
    emmaBrown: id('c4000000', 7),
  },
  cards: {
    /** Sophia Tan, SINGLE USD, ACTIVE, limit 1000.00, 51.00 spent */
    sophiaUsdSingle: id('ca000000', 1),
    /** Sophia Tan, SHARE SGD, FROZEN */
    sophiaSgdShareFrozen: id('ca000000', 2),
    /** Liam Wong, SINGLE SGD, ACTIVE, limit 500.00 */
    liamSgdSingle: id('ca000000', 3),
    /** Liam Wong, SINGLE USD, CANCELLED */
    liamUsdCancelled: id('ca000000', 4),
    /** Olivia Martin, SHARE USD, ACTIVE, limit 2000.00 */
    oliviaUsdShare: id('ca000000', 5),
    /** Mei Ling Goh, SINGLE USD Mastercard 527735, ACTIVE; spending controls 100.00 per transaction, 500.00 a month */
    meiLingMastercard: id('ca000000', 6),
    /** Acme Travel's Daniel Ong, SINGLE USD, ACTIVE */
    danielUsdSingle: id('ca000000', 7),
    /** Globex Media's Emma Brown, SHARE USD, ACTIVE */
    emmaUsdShare: id('ca000000', 8),
  },
  transactions: {
    sophiaGrab: id('e0000000', 1),
    oliviaAmazon: id('e0000000', 2),
    liamCoffee: id('e0000000', 3),
    liamCoffeeReversal: id('e0000000', 4),
    danielHotel: id('e0000000', 5),
  },
  assignablePans: ASSIGNABLE_PANS,
} as const;

// 2024-05-09 15:52:23 +08:00, the docs' example time; seeded objects are spread out from there.
const T0 = Date.UTC(2024, 4, 9, 7, 52, 23);
const at = (minutes: number) => T0 + minutes * 60_000;

function account(n: number, name: string, email: string, country: string, parent?: string): Account {
  return {
    account_id: id('ac000000', n),
    short_reference_id: `P2405090000${n}`,
    email,
    account_name: name,
    status: 'ACTIVE',
    verification_status: 'PASSED',
    country,
    entity_type: 'COMPANY',
    ...(parent ? { parent_id: parent } : {}),
    create_time: at(n),
  };
}

const field = (name: string, description: string, required = true): ProductRequiredField => ({
  name,
  type: 'string',
  required,
  description,
});

/** What every product needs of a cardholder (SIMPLIFIED KYC). */
const BASIC_FIELDS: ProductRequiredField[] = [
  field('first_name', 'Given name, 1-40 letters'),
  field('last_name', 'Family name, 1-40 letters'),
  field('email', "Unique among the account's cardholders"),
  field('country_code', 'ISO 3166-1 alpha-2'),
  field('phone_number', 'Digits without the country prefix'),
];

/** STANDARD KYC adds a date of birth, a nationality and a residential address (a nested object). */
const STANDARD_FIELDS: ProductRequiredField[] = [
  ...BASIC_FIELDS,
  field('date_of_birth', 'YYYY-MM-DD'),
  field('nationality', 'ISO 3166-1 alpha-2'),
  {
    name: 'residential_address',
    type: 'object',
    required: true,
    description: 'Where the cardholder lives',
    fields: [
      field('country', 'ISO 3166-1 alpha-2'),
      field('city', 'City'),
      field('line1', 'Street and number'),
      field('postal_code', 'Postal code', false),
    ],
  },
];

function product(
  n: number,
  mode: CardMode,
  bin: string,
  scheme: string,
  forms: ('VIR' | 'PHY')[],
  kyc: KycLevel = 'SIMPLIFIED',
): Product {
  return {
    product_id: id('9d000000', n),
    mode_type: mode,
    card_bin: bin,
    card_form: forms,
    max_card_quota: 1000,
    card_scheme: scheme,
    card_currency: ['USD', 'SGD'],
    product_status: 'ENABLED',
    no_pin_payment_amount: [
      { amount: 200000n, currency: 'USD' },
      { amount: 200000n, currency: 'SGD' },
    ],
    kyc_level: kyc,
    required_fields: kyc === 'SIMPLIFIED' ? BASIC_FIELDS : STANDARD_FIELDS,
    create_time: T0,
    update_time: T0,
  };
}

function holder(
  state: EmulatorState,
  store: AccountStore,
  n: number,
  first: string,
  last: string,
  country: string,
  phone: string,
  status: Cardholder['cardholder_status'] = 'SUCCESS',
): void {
  const ch: Cardholder = {
    seq: state.nextSeq(),
    cardholder_id: id('c4000000', n),
    email: `${first}.${last}@example.com`.toLowerCase().replace(/ /g, ''),
    first_name: first,
    last_name: last,
    create_time: at(10 + n),
    cardholder_status: status,
    date_of_birth: `199${n}-0${n}-1${n}`,
    country_code: country,
    phone_number: phone,
    gender: n % 2 ? 'FEMALE' : 'MALE',
    nationality: country,
    residential_address: { country, city: 'Singapore', line1: `${n} Demo Street`, postal_code: `0${n}8000` },
    review_status: status === 'SUCCESS' ? 'APPROVED' : 'PENDING',
    idv_status: status === 'SUCCESS' ? 'PASSED' : 'PENDING',
    idv_verification_url: null,
    idv_url_expires_at: null,
  };
  store.cardholders.set(ch.cardholder_id, ch);
}

function card(
  state: EmulatorState,
  store: AccountStore,
  n: number,
  holderN: number,
  productId: string,
  currency: string,
  limit: bigint,
  status: Card['card_status'] = 'ACTIVE',
  spending: Card['spending_controls'] = [],
): Card {
  const p = state.products.get(productId);
  if (!p) throw new Error(`seed: no product ${productId}`);
  const pan = withLuhn(`${p.card_bin}${String(n).padStart(15 - p.card_bin.length, '0')}`);
  const c: Card = {
    seq: state.nextSeq(),
    card_id: id('ca000000', n),
    cardholder_id: id('c4000000', holderN),
    card_product_id: productId,
    card_bin: p.card_bin,
    card_scheme: p.card_scheme,
    pan,
    form_factor: 'VIRTUAL',
    mode_type: p.mode_type,
    card_limit: limit,
    available_balance: limit,
    consumed_amount: 0n,
    no_pin_payment_amount: 200000n,
    card_status: status,
    card_currency: currency,
    spending_controls: spending,
    risk_controls: { allow_3ds_transactions: 'Y', allowed_mcc: [], blocked_mcc: [] },
    metadata: {},
    update_reason: status === 'ACTIVE' ? null : `seeded ${status.toLowerCase()}`,
    usage_type: 'NORMAL',
    create_time: at(30 + n),
  };
  state.usedPans.add(pan);
  store.cards.set(c.card_id, c);
  // Seeded SINGLE cards were funded from the issuing balance like any other, so the ledger adds up.
  if (c.mode_type === 'SINGLE' && limit > 0n)
    store.move(currency, -limit, 'CARD_CREATE', `fund card ${c.card_id}`, c.create_time, id('1e000000', n));
  return c;
}

export function seedState(state: EmulatorState, withDemoData: boolean): void {
  const master = state.addAccount(account(1, 'Demo Holdings Pte. Ltd.', 'ops@demo-holdings.example', 'SG'));
  // Accounts, products and the card pool are the program's setup, present even without demo data.
  const acme = state.addAccount(account(2, 'Acme Travel Pte. Ltd.', 'finance@acme-travel.example', 'SG', master.id));
  const globex = state.addAccount(account(3, 'Globex Media Ltd.', 'finance@globex.example', 'HK', master.id));
  for (const p of [
    product(1, 'SINGLE', '40963608', 'VISA', ['VIR']),
    product(2, 'SHARE', '40963608', 'VISA', ['VIR', 'PHY']),
    product(3, 'SINGLE', '527735', 'MASTERCARD', ['VIR'], 'STANDARD'),
  ]) {
    state.products.set(p.product_id, p);
  }
  for (const pan of ASSIGNABLE_PANS) state.panPool.add(pan);
  if (!withDemoData) return;

  let ledgerN = 100;
  const deposit = (store: AccountStore, currency: string, cents: bigint) => {
    store.openBalance(currency, id('ba000000', ledgerN), at(4));
    store.move(currency, cents, 'DEPOSIT', 'seed deposit', at(5), id('1e000000', ledgerN++));
  };
  deposit(master, 'USD', 10_000_000n);
  deposit(master, 'SGD', 5_000_000n);
  deposit(acme, 'USD', 1_000_000n);
  deposit(acme, 'SGD', 200_000n);
  deposit(globex, 'USD', 500_000n);
  deposit(globex, 'SGD', 50_000n);

  holder(state, master, 1, 'Sophia', 'Tan', 'SG', '81234567');
  holder(state, master, 2, 'Liam', 'Wong', 'HK', '61234567');
  holder(state, master, 3, 'Olivia', 'Martin', 'US', '4155550123');
  holder(state, master, 4, 'Noah', 'Lim', 'SG', '82345678', 'PENDING');
  holder(state, master, 5, 'Mei Ling', 'Goh', 'SG', '83456789');
  holder(state, acme, 6, 'Daniel', 'Ong', 'SG', '84567890');
  holder(state, globex, 7, 'Emma', 'Brown', 'GB', '7700900123');

  const P = DEMO_IDS.products;
  card(state, master, 1, 1, P.single, 'USD', 100_000n);
  card(state, master, 2, 1, P.share, 'SGD', 300_000n, 'FROZEN');
  card(state, master, 3, 2, P.single, 'SGD', 50_000n);
  card(state, master, 4, 2, P.single, 'USD', 0n, 'CANCELLED');
  card(state, master, 5, 3, P.share, 'USD', 200_000n);
  card(state, master, 6, 5, P.mastercard, 'USD', 25_000n, 'ACTIVE', [
    { amount: 10_000n, interval: 'PER_TRANSACTION' },
    { amount: 50_000n, interval: 'MONTHLY' },
  ]);
  card(state, acme, 7, 6, P.single, 'USD', 30_000n);
  card(state, globex, 8, 7, P.share, 'USD', 100_000n);

  const T = DEMO_IDS.transactions;
  const C = DEMO_IDS.cards;
  const merchant = (name: string, mcc: string, city: string, country: string) => ({ name, mcc, city, country });
  authorize(
    state,
    master,
    C.sophiaUsdSingle,
    5_100n,
    'USD',
    merchant('GRAB SG', '4121', 'Singapore', 'SG'),
    at(60),
    T.sophiaGrab,
  );
  authorize(
    state,
    master,
    C.oliviaUsdShare,
    12_000n,
    'USD',
    merchant('AMAZON.COM', '5942', 'Seattle', 'US'),
    at(61),
    T.oliviaAmazon,
  );
  authorize(
    state,
    master,
    C.liamSgdSingle,
    1_250n,
    'SGD',
    merchant('TOAST BOX', '5814', 'Singapore', 'SG'),
    at(62),
    T.liamCoffee,
  );
  reverse(state, master, T.liamCoffee, at(63), T.liamCoffeeReversal);
  authorize(
    state,
    acme,
    C.danielUsdSingle,
    8_900n,
    'USD',
    merchant('MARINA BAY HOTEL', '7011', 'Singapore', 'SG'),
    at(64),
    T.danielHotel,
  );
}
