// The upstream disappears: `/ready` must fail, queries must fail with UPSTREAM_UNAVAILABLE (never HTTP 5xx), an
// open circuit must stop hammering the dead upstream (counted in connections, not timed), and service must come
// back by itself when UQPAY does.
import { describe, expect, it } from 'vitest';
import { runUpstreamDown } from '../../bench/reliability';

describe('upstream down', () => {
  it('fails fast and clearly while down, recovers on its own', async () => {
    const report = await runUpstreamDown({ probes: 10 });
    expect(report.downAnswers.every((a) => a.status < 500)).toBe(true);
    expect(report.downAnswers.map((a) => a.code)).toEqual(report.downAnswers.map(() => 'UPSTREAM_UNAVAILABLE'));
    expect(report.readyWhileDown.every((s) => s !== 200)).toBe(true);
    // 50 connection attempts without a breaker (10 queries × 5 attempts); half-open probes only with one.
    expect(report.connectionsWhileOpen).toBeLessThanOrEqual(4);
    expect(report.recoveredAfterQueries).toBeGreaterThan(0);
    expect(report.readyAfterRecovery).toBe(200);
    expect(report.problems).toEqual([]);
  }, 120_000);
});
