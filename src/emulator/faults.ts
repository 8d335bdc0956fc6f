import { invalidField } from './errors';
import { Fields } from './validation';

export const TOKEN_ROUTE = 'POST /v1/connect/token';

export interface FaultConfig {
  latencyMs: number;
  latencySpikeRate: number;
  latencySpikeMs: number;
  errorRate: number;
  resetRate: number;
  lostResponseRate: number;
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** stats keys; undefined = every route except the token call */
  routes?: string[];
  seed?: number;
}

export type FaultKind = 'none' | 'reset' | 'rateLimit' | 'error' | 'lost';

export interface FaultDecision {
  kind: FaultKind;
  latencyMs: number;
}

const NONE: FaultDecision = { kind: 'none', latencyMs: 0 };

/** mulberry32: tiny, seedable, good enough to make a fault sequence reproducible */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private config: FaultConfig | undefined;
  private random: () => number = Math.random;

  configure(body: Fields): FaultConfig {
    const rate = (key: string) => {
      const v = body.raw[key];
      if (v === undefined || v === null) return 0;
      if (typeof v !== 'number' || v < 0 || v > 1) throw invalidField(key, 'must be a number between 0 and 1');
      return v;
    };
    const cfg: FaultConfig = {
      latencyMs: body.integer('latencyMs', { min: 0, max: 60_000 }) ?? 0,
      latencySpikeRate: rate('latencySpikeRate'),
      latencySpikeMs: body.integer('latencySpikeMs', { min: 0, max: 60_000 }) ?? 0,
      errorRate: rate('errorRate'),
      resetRate: rate('resetRate'),
      lostResponseRate: rate('lostResponseRate'),
      rateLimitRate: rate('rateLimitRate'),
      retryAfterSeconds: body.integer('retryAfterSeconds', { min: 0, max: 3600 }) ?? 1,
      routes: body.stringArray('routes'),
      seed: body.integer('seed'),
    };
    if (cfg.errorRate + cfg.resetRate + cfg.lostResponseRate + cfg.rateLimitRate > 1) {
      throw invalidField('errorRate', 'plus resetRate, lostResponseRate and rateLimitRate must not exceed 1');
    }
    this.config = cfg;
    this.random = cfg.seed === undefined ? Math.random : prng(cfg.seed);
    return cfg;
  }

  current(): FaultConfig | null {
    return this.config ?? null;
  }

  clear(): void {
    this.config = undefined;
    this.random = Math.random;
  }

  decide(routeKey: string): FaultDecision {
    const c = this.config;
    if (!c) return NONE;
    const applies = c.routes ? c.routes.includes(routeKey) : routeKey !== TOKEN_ROUTE;
    if (!applies) return NONE;
    const spike = c.latencySpikeRate > 0 && this.random() < c.latencySpikeRate ? c.latencySpikeMs : 0;
    const latencyMs = c.latencyMs + spike;
    let r = this.random();
    const pick: [FaultKind, number][] = [
      ['reset', c.resetRate],
      ['rateLimit', c.rateLimitRate],
      ['error', c.errorRate],
      ['lost', c.lostResponseRate],
    ];
    for (const [kind, p] of pick) {
      if (r < p) return { kind, latencyMs };
      r -= p;
    }
    return { kind: 'none', latencyMs };
  }
}
