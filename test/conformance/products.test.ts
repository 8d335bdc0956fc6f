// Card products as UQPAY's SDKs describe them: `required_fields` is a list of objects, possibly nested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { DEMO_IDS } from '../../src/emulator/seed';
import { createLogger } from '../../src/logger';
import { startGateway, type RunningGateway } from '../../src/server';
import { useEmulator } from '../emulator/helpers';
import { startHarness, type Harness } from '../harness';
import { startRewritingProxy, type RewritingProxy } from './rewriting-proxy';

interface RequiredField {
  name: string;
  type: 'string' | 'object';
  required: boolean;
  description?: string;
  fields?: RequiredField[];
}

function assertShape(f: RequiredField): void {
  expect(typeof f.name).toBe('string');
  expect(['string', 'object']).toContain(f.type);
  expect(typeof f.required).toBe('boolean');
  if (f.description !== undefined) expect(typeof f.description).toBe('string');
  if (f.type === 'object') {
    expect(Array.isArray(f.fields)).toBe(true);
    f.fields!.forEach(assertShape);
  }
}

const FIELDS = /* GraphQL */ `
  fragment F on CardProductField {
    name
    type
    required
    description
  }
  query {
    cardProducts {
      productId
      kycLevel
      requiredFields {
        ...F
        fields {
          ...F
          fields {
            ...F
          }
        }
      }
    }
  }
`;

describe("the emulator's products", () => {
  const api = useEmulator();

  it('carry required_fields as {name, type, required, description?, fields?} objects (Node src/resources/issuing/types.ts ProductRequiredField)', async () => {
    const products = (await api.get('/v1/issuing/products')).body.data as {
      product_id: string;
      required_fields: RequiredField[];
    }[];
    for (const p of products) {
      expect(p.required_fields.length).toBeGreaterThan(0);
      p.required_fields.forEach(assertShape);
    }
    // The Mastercard product asks for an address, a nested object with its own required and optional parts.
    const mc = products.find((p) => p.product_id === DEMO_IDS.products.mastercard)!;
    const address = mc.required_fields.find((f) => f.name === 'residential_address')!;
    expect(address).toMatchObject({ type: 'object', required: true });
    expect(address.fields!.map((f) => [f.name, f.required])).toEqual(
      expect.arrayContaining([
        ['city', true],
        ['postal_code', false],
      ]),
    );
  });
});

describe("the gateway's cardProducts", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('exposes requiredFields: [CardProductField!]! with nested fields (Node src/resources/issuing/types.ts ProductRequiredField)', async () => {
    const r = await h.gql(FIELDS);
    expect(r.errors).toBeUndefined();
    const mc = r.data.cardProducts.find((p: { productId: string }) => p.productId === DEMO_IDS.products.mastercard);
    const address = mc.requiredFields.find((f: { name: string }) => f.name === 'residential_address');
    expect(address).toMatchObject({ type: 'object', required: true });
    expect(address.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'city', type: 'string', required: true, fields: [] }),
        expect.objectContaining({ name: 'postal_code', required: false }),
      ]),
    );
    const single = r.data.cardProducts.find((p: { productId: string }) => p.productId === DEMO_IDS.products.single);
    expect(single.requiredFields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['email', 'phone_number']),
    );
  });
});

describe('older shapes and odd entries from UQPAY', () => {
  let emulator: RunningEmulator;
  let proxy: RewritingProxy;
  let gateway: RunningGateway;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    // Older docs showed required_fields as names; an entry may lack parts of the object.
    proxy = await startRewritingProxy(emulator.url, (route, body: any) =>
      route === 'GET /api/v1/issuing/products'
        ? {
            ...body,
            data: body.data.map((p: any, i: number) => ({
              ...p,
              required_fields: i === 0 ? ['email', 'phone_number'] : [{ name: 'nationality' }, 42, null],
            })),
          }
        : body,
    );
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      UQPAY_BASE_URL: proxy.baseUrl,
      UQPAY_CLIENT_ID: emulator.clientId,
      UQPAY_API_KEY: emulator.apiKey,
    });
    gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await emulator?.close();
  });

  it('reads a list of names as required string fields and skips entries without a name', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: FIELDS }),
    });
    const r = await res.json();
    expect(r.errors).toBeUndefined();
    expect(r.data.cardProducts[0].requiredFields).toEqual([
      { name: 'email', type: 'string', required: true, description: null, fields: [] },
      { name: 'phone_number', type: 'string', required: true, description: null, fields: [] },
    ]);
    expect(r.data.cardProducts[1].requiredFields).toEqual([
      { name: 'nationality', type: 'string', required: true, description: null, fields: [] },
    ]);
  });
});
