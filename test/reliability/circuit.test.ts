// The circuit breaker's state machine, on a fake clock (no waiting, no wall-clock assertions).
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError, ScopedCircuit } from '../../src/datasources/uqpay/transport/circuit';
import { UpstreamUnavailableError } from '../../src/datasources/uqpay/transport/errors';
import { retryReason } from '../../src/datasources/uqpay/transport/retry';

function breaker(threshold = 3) {
  const clock = { t: 0 };
  const b = new CircuitBreaker({ threshold, cooldownMs: 100, maxCooldownMs: 400, now: () => clock.t });
  return { b, clock };
}

describe('CircuitBreaker', () => {
  it('opens after `threshold` consecutive failures; any answer below 500 resets the count', () => {
    const { b } = breaker(3);
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state()).toBe('closed');
    b.failure();
    expect(b.state()).toBe('open');
    expect(() => b.enter('GET /v1/issuing/cards/{id}')).toThrow(CircuitOpenError);
  });

  it('fails fast with an UpstreamUnavailableError that the retry loop does not retry', () => {
    const { b } = breaker(1);
    b.failure();
    let err: unknown;
    try {
      b.enter('GET /x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect((err as UpstreamUnavailableError).reason).toBe('circuit_open');
    expect(retryReason(err)).toBeUndefined();
  });

  it('lets one probe through after the cool-down; success closes, failure reopens with a longer cool-down', () => {
    const { b, clock } = breaker(1);
    b.failure();
    clock.t = 100;
    expect(b.state()).toBe('half-open');
    b.enter('GET /x'); // the probe
    expect(() => b.enter('GET /x')).toThrow(CircuitOpenError); // only one at a time
    b.failure();
    clock.t = 250; // cool-down doubled to 200 from t=100
    expect(b.state()).toBe('open');
    clock.t = 300;
    b.enter('GET /x');
    b.success();
    expect(b.state()).toBe('closed');
    b.enter('GET /x');
  });

  it('ignores failures of exchanges that started before the circuit opened', () => {
    const { b, clock } = breaker(1);
    b.failure();
    b.failure(); // straggler
    clock.t = 100;
    expect(b.state()).toBe('half-open');
  });
});

describe('ScopedCircuit', () => {
  const READ = 'GET /v1/issuing/cards/{id}';
  const WRITE = 'POST /v1/issuing/cards/{id}/recharge';
  function scoped(threshold = 3) {
    const clock = { t: 0 };
    const c = new ScopedCircuit({ threshold, cooldownMs: 100, maxCooldownMs: 400, now: () => clock.t });
    return { c, clock };
  }

  it('a route failing with 5xx or broken connections opens that route only', () => {
    for (const kind of ['server', 'broken'] as const) {
      const { c } = scoped(3);
      for (let i = 0; i < 10; i++) c.failure(WRITE, kind);
      expect(() => c.enter(WRITE)).toThrow(CircuitOpenError);
      expect(() => c.enter(READ)).not.toThrow();
      expect(c.state()).toBe('closed');
    }
  });

  it('refused connections open the host: every route fails fast', () => {
    const { c } = scoped(3);
    for (let i = 0; i < 3; i++) c.failure(READ, 'unreachable');
    expect(c.state()).toBe('open');
    expect(() => c.enter(WRITE)).toThrow(CircuitOpenError);
    expect(() => c.enter('GET /v1/issuing/transfers/{id}')).toThrow(CircuitOpenError);
  });

  it("broken connections on two routes in a row are the host's problem; any answer resets that run", () => {
    const { c } = scoped(3);
    c.failure(WRITE, 'broken');
    c.failure(WRITE, 'broken');
    c.success(READ); // UQPAY answered in between: the write route's own trouble
    c.failure(WRITE, 'broken');
    expect(c.state()).toBe('closed');
    c.failure(READ, 'broken'); // second route: the run (2 failures) counts for the host
    expect(c.state()).toBe('closed');
    c.failure(READ, 'broken');
    expect(c.state()).toBe('open');
  });

  it('a half-open probe slot is never taken when the other breaker refuses', () => {
    const { c, clock } = scoped(1);
    c.failure(WRITE, 'server'); // the write route opens
    c.failure(READ, 'unreachable'); // and the host
    clock.t = 100; // both half-open
    c.enter(READ); // the host's probe (READ's route breaker is closed)
    expect(() => c.enter(WRITE)).toThrow(CircuitOpenError); // host probing: refused, write's slot untouched
    c.success(READ);
    c.enter(WRITE); // the write route's own probe is still available
    expect(() => c.enter(WRITE)).toThrow(CircuitOpenError);
  });
});
