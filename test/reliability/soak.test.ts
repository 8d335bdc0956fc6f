// A short soak inside `npm test`: 150 mutations from concurrent clients through a real gateway process while the
// emulator injects 5xx, resets, lost responses, 429s and latency spikes. Money is the witness: every balance must
// equal the ledger of confirmed mutations, each applied exactly once. `npm run soak` runs the full 2,000.
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/reliability';

describe('soak under upstream faults', () => {
  it('150 retried mutations: balances equal the ledger, nothing applied twice, no 5xx, no crash', async () => {
    const report = await runSoak({ mutations: 150, concurrency: 8, seed: Number(process.env.SOAK_SEED ?? 7) });
    expect(report.balances.mismatches).toEqual([]);
    expect(report.ledger.mismatches).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.applied).toBe(150);
    // The faults really happened: UQPAY answered 5xx and 429 and dropped connections during the run.
    const r = report.upstream.responses;
    expect((r['500'] ?? 0) + (r['503'] ?? 0)).toBeGreaterThan(0);
    expect(r['429'] ?? 0).toBeGreaterThan(0);
    expect(r.dropped ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
