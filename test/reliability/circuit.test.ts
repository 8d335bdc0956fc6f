// The circuit breaker's state machine, on a fake clock (no waiting, no wall-clock assertions).
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError } from '../../src/datasources/uqpay/circuit';
import { UpstreamUnavailableError } from '../../src/datasources/uqpay/errors';
import { retryReason } from '../../src/datasources/uqpay/retry';

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
