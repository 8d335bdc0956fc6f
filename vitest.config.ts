import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node (and so every dependency vitest leaves
    // external: yoga, Pothos, envelop) loads the CJS one; vite would hand our own files the ESM one. Two
    // copies break `instanceof GraphQLError` and the schema realm check, so pin ours to what Node loads.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Every test talks real HTTP to servers on loopback; give slow CI machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One module graph per worker, not per file: every file imports the whole gateway (graphql, yoga, Pothos,
    // the emulator), and re-evaluating it per file cost ~340 s of CPU across the suite (~8 s shared). Files share
    // no state through modules: each starts its own emulator, gateway and Redis prefix on port 0.
    isolate: false,
    env: { NODE_ENV: 'test' },
  },
});
