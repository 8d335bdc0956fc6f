// The container image, built without Docker: test/packaging/dockerfile.ts runs the Dockerfile's own steps (COPY,
// RUN, ENV) stage by stage in temporary directories, then this test starts the image's CMD with the image's
// environment and checks what the image must give: production dependencies only, every module the bundle loads
// present, /ready 200 without UQPAY credentials (embedded emulator), the HEALTHCHECK passing against it (and
// failing once it is gone), GraphiQL served, a non-root user.
//
// The build stage's `npm ci` is the one step replaced in the suite: it links the repository's node_modules,
// installed from the same lockfile by the suite's own set-up. DOCKERFILE_FULL=1 runs that step too (~20 s more).
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, dockerignore, linkInstalledModules, removeStages, type Stage } from './dockerfile';
import { cleanEnv, runToExit, startGatewayProcess, type GatewayProcess } from './process';

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const full = process.env.DOCKERFILE_FULL === '1';

let stages: Stage[] = [];
let image: Stage;
let appDir: string;

beforeAll(() => {
  stages = build(join(root, 'Dockerfile'), {
    context: root,
    // The npm cache of this machine stands in for the RUN's cache mount; prefer it over the network.
    env: cleanEnv({ npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' }),
    substitute: (stage, command, isFinal) =>
      !full && !isFinal && /^npm ci\b/.test(command) ? linkInstalledModules(root, stage) : undefined,
  });
  image = stages.at(-1)!;
  appDir = join(image.root, image.workdir);
}, 180_000);
afterAll(() => removeStages(stages));

describe('Dockerfile', () => {
  it('builds from a Node slim image on a release line engines declares, in a build and a runtime stage', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    for (const s of stages) {
      const m = /^node:(\d+)-[a-z]+-slim$/.exec(s.image);
      expect(m, s.image).not.toBeNull();
      expect(pkg.engines.node).toContain(`^${m![1]}.`);
    }
    expect(stages[0]!.runs).toContain('npm run build');
  });

  it('the runtime stage holds production dependencies only, and every package the bundle imports', () => {
    const installed = JSON.parse(readFileSync(join(appDir, 'node_modules/.package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const entries = Object.entries(installed.packages);
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.filter(([, e]) => e.dev).map(([p]) => p)).toEqual([]);
    for (const devOnly of ['vitest', 'typescript', '@graphql-codegen/cli', 'playwright-core']) {
      expect(installed.packages[`node_modules/${devOnly}`], devOnly).toBeUndefined();
    }

    // Bare specifiers in dist/ (static and dynamic imports, createRequire calls such as ioredis loaded on demand).
    const bundle = ['main.js', ...readFileSync(join(appDir, 'dist/main.js'), 'utf8').matchAll(/from\s*"\.\/([^"]+)"/g)]
      .map((m) => (typeof m === 'string' ? m : m[1]!))
      .map((f) => readFileSync(join(appDir, 'dist', f), 'utf8'))
      .join('\n');
    const specifiers = new Set(
      [...bundle.matchAll(/(?:from\s*|import\s*\(\s*|import\s+|require\w*\(\s*)["']([^"'./][^"']*)["']/g)].map(
        (m) => m[1]!,
      ),
    );
    const packages = [...specifiers]
      .filter((s) => !isBuiltin(s))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
    expect(packages).toContain('graphql-yoga');
    expect(packages).toContain('ioredis'); // loaded only with REDIS_URL, still part of the image
    const missing = packages.filter((p) => !installed.packages[`node_modules/${p}`]);
    expect(missing).toEqual([]);
  });

  it('runs as a non-root user, exposes PORT, listens on all interfaces, and its CMD is start:prod', () => {
    expect(image.user).toBeDefined();
    expect(['root', '0']).not.toContain(image.user!.split(':')[0]);
    expect(image.exposed).toEqual([image.env.PORT]);
    expect(image.env.HOST).toBe('0.0.0.0');
    expect(image.cmd).toEqual(pkg.scripts['start:prod']!.split(/\s+/));
  });

  it('keeps secrets and local installs out of the build context', () => {
    const ignored = dockerignore(root);
    const secretsAndInstalls = ['.env', '.env.production', '.git', 'node_modules', 'node_modules/zod/package.json'];
    for (const path of [...secretsAndInstalls, 'dist/main.js']) {
      expect(ignored(path), path).toBe(true);
    }
    for (const path of ['src/main.ts', 'package-lock.json', 'generated/persisted-documents.json']) {
      expect(ignored(path), path).toBe(false);
    }
  });

  describe('started as the image starts it', () => {
    let gateway: GatewayProcess;
    let port: string;
    // The image's environment, on loopback and free ports here (the emulator it embeds too).
    const env = () => cleanEnv({ ...image.env, HOST: '127.0.0.1', PORT: '0', EMULATOR_PORT: '0' });

    beforeAll(async () => {
      const [cmd, ...args] = image.cmd!;
      gateway = await startGatewayProcess(cmd!, args, { cwd: appDir, env: env() });
      port = new URL(gateway.url).port;
    });
    afterAll(() => gateway?.stop());

    it('answers /ready 200 with the embedded emulator (no UQPAY credentials)', async () => {
      expect(gateway.output()).toContain('No UQPAY credentials: embedded UQPAY emulator');
      const ready = await fetch(new URL('/ready', gateway.url));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
    });

    it('serves queries, persisted documents and GraphiQL from the production install', async () => {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ cardProducts { productId } }' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: { cardProducts: unknown[] } }).data.cardProducts.length).toBeGreaterThan(0);
      // A persisted document by id: the image must carry the manifest the repository commits.
      const manifestPath = join(root, 'generated/persisted-documents.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
      const documentId = Object.keys(manifest).find((id) => manifest[id]!.startsWith('query CardProducts '))!;
      const persisted = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ documentId }),
      });
      const body = (await persisted.json()) as { data?: { cardProducts: unknown[] }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data!.cardProducts.length).toBeGreaterThan(0);
      const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
    });

    it('passes its HEALTHCHECK, which fails once the gateway is gone', async () => {
      const [cmd, ...args] = image.healthcheck!;
      const healthy = await runToExit(cmd!, args, { cwd: appDir, env: { ...env(), PORT: port } });
      expect(healthy.code, healthy.output).toBe(0);
      await gateway.stop();
      const gone = await runToExit(cmd!, args, { cwd: appDir, env: { ...env(), PORT: port } });
      expect(gone.code).toBe(1);
    });
  });
});
