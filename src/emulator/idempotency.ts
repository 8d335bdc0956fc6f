import { badRequest } from './errors';

const TTL_MS = 24 * 60 * 60 * 1000;

interface Entry {
  fingerprint: string;
  at: number;
  result?: { status: number; body: unknown };
}

export type Begin = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown };

/**
 * UQPAY keeps each x-idempotency-key's first result for 24 h, failures included. A key is scoped by
 * account + route so two accounts (or two endpoints) never collide.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  begin(scope: string, body: unknown): Begin {
    const now = Date.now();
    const fingerprint = canonicalJson(body);
    const e = this.entries.get(scope);
    if (e && now - e.at < TTL_MS) {
      if (e.fingerprint !== fingerprint) {
        throw badRequest(
          'idempotency_error',
          'idempotency_key_reused',
          'x-idempotency-key was already used with a different request body',
        );
      }
      if (!e.result) {
        throw badRequest('idempotency_error', 'request_processing', 'the request is processing, retry later');
      }
      return { kind: 'replay', ...e.result };
    }
    this.entries.set(scope, { fingerprint, at: now });
    return { kind: 'new' };
  }

  complete(scope: string, status: number, body: unknown): void {
    const e = this.entries.get(scope);
    if (e) e.result = { status, body };
  }

  /** an unexpected crash is not a result worth replaying: let the client try again */
  abandon(scope: string): void {
    this.entries.delete(scope);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Key order must not make two identical bodies look different. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
