import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every test talks real HTTP to servers on loopback; give slow CI machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Redis-backed tests must never skip in CI: they fail loudly if Redis is not answering.
    env: { NODE_ENV: 'test' },
  },
});
