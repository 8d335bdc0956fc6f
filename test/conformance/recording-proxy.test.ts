// The recording proxy itself: raw bytes in, the same answer out, and a dropped upstream connection stays dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { header, routeOf, startRecordingProxy, type RecordingProxy } from './recording-proxy';

let emu: RunningEmulator;
let proxy: RecordingProxy;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  proxy = await startRecordingProxy(emu.url);
});
afterAll(async () => {
  await proxy.close();
  await emu.close();
});

describe('recording proxy', () => {
  it('records method, path, headers and the raw body, and relays the upstream answer unchanged', async () => {
    const raw = '{"b" :1, "a":500.10}';
    const res = await fetch(`${proxy.baseUrl}/v1/connect/token`, {
      method: 'POST',
      headers: { 'x-client-id': emu.clientId, 'x-api-key': emu.apiKey, 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(typeof ((await res.json()) as { auth_token: unknown }).auth_token).toBe('string');
    const rec = proxy.byRoute('POST /v1/connect/token').at(-1)!;
    expect(rec.text).toBe(raw);
    expect(rec.body.equals(Buffer.from(raw))).toBe(true);
    expect(header(rec, 'x-client-id')).toBe(emu.clientId);
    expect(rec.status).toBe(200);
  });

  it('drops the connection towards the client when the upstream drops it', async () => {
    await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resetRate: 1, routes: ['GET /v1/issuing/products'] }),
    });
    try {
      await expect(fetch(`${proxy.baseUrl}/v1/issuing/products`)).rejects.toThrow();
      expect(proxy.byRoute('GET /v1/issuing/products').at(-1)!.status).toBe('dropped');
    } finally {
      await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
    }
  });

  it('names routes with {id} in place of ids', () => {
    expect(routeOf('POST', '/api/v1/issuing/cards/ca000000-0000-4000-8000-000000000001/recharge')).toBe(
      'POST /v1/issuing/cards/{id}/recharge',
    );
    expect(routeOf('GET', '/api/v1/issuing/cards?page_size=10')).toBe('GET /v1/issuing/cards');
  });
});
