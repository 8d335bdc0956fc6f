// `npm start` reads a `.env` file from its working directory; variables already in the environment win over it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, runToExit, startGatewayProcess } from './process';

const root = join(import.meta.dirname, '../..');
// What `npm start` runs (`tsx src/main.ts`), as a node process whose working directory is ours.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const args = ['--import', tsx, join(root, 'src/main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'gateway-env-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('.env', () => {
  it('is read at start-up: a bad value in the file stops the gateway with a message naming it', async () => {
    writeFileSync(join(dir, '.env'), 'GATEWAY_MAX_DEPTH=very-deep\n');
    const run = await runToExit(process.execPath, args, { cwd: dir, env: cleanEnv({ PORT: '0', EMULATOR_PORT: '0' }) });
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain('GATEWAY_MAX_DEPTH');
  });

  it("the environment wins over the file, and the file's other values apply", async () => {
    const emulatorPort = await freePort();
    writeFileSync(join(dir, '.env'), `# comment\nGATEWAY_MAX_DEPTH=very-deep\nEMULATOR_PORT=${emulatorPort}\n`);
    const env = cleanEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', GATEWAY_MAX_DEPTH: '12' });
    const gateway = await startGatewayProcess(process.execPath, args, { cwd: dir, env });
    try {
      const emulatorUrl = `http://127.0.0.1:${emulatorPort}/api`;
      expect(gateway.output()).toContain(`embedded UQPAY emulator with demo data at ${emulatorUrl}`);
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ cardProducts { productId } }' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: { cardProducts: unknown[] } }).data.cardProducts.length).toBeGreaterThan(0);
    } finally {
      await gateway.stop();
    }
  });
});
