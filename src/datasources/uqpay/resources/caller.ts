// What the resource files use to describe a call: route key, path, body, normaliser. POSTs get their
// idempotency key here, ONCE per logical call (the caller's, or a fresh UUID v4), so every retry the client
// makes carries the same key and UQPAY replays instead of applying twice.
import { randomUUID } from 'node:crypto';
import type { CallHandler, RequestScope } from '../transport/pipeline';
import type { Page } from './types';
import type { AmountSpec } from '../transport/wire-json';

/** Options for POSTs: the caller's idempotency key, or one generated once per logical call. */
export interface WriteOptions {
  idempotencyKey?: string;
}

export type Normaliser = (data: unknown) => void;

/** How a POST's body goes on the wire. */
export interface PostWire {
  /** The body's amount fields, sent as JSON numbers. */
  amounts?: AmountSpec;
  /** The POST only reads (never an unknown-outcome write). */
  readOnly?: boolean;
}

export interface Caller {
  get<T>(scope: RequestScope, route: string, path: string, normalise?: Normaliser, onBehalf?: boolean): Promise<T>;
  post<T>(
    scope: RequestScope,
    route: string,
    path: string,
    body: unknown,
    opts?: WriteOptions,
    normalise?: Normaliser,
    wire?: PostWire,
  ): Promise<T>;
}

export function createCaller(handle: CallHandler): Caller {
  return {
    get: (scope, route, path, normalise, onBehalf = true) =>
      metered(scope, route) ?? (handle({ method: 'GET', route, path, scope, onBehalf, normalise }) as Promise<never>),
    post: (scope, route, path, body, opts, normalise, wire) =>
      metered(scope, route) ??
      (handle({
        method: 'POST',
        route,
        path,
        body,
        scope,
        onBehalf: true,
        normalise,
        idempotencyKey: opts?.idempotencyKey || randomUUID(),
        amounts: wire?.amounts,
        readOnly: wire?.readOnly,
      }) as Promise<never>),
  };
}

/** Counts the call against the operation's limit; a rejection when it is over (the call is not made). */
function metered(scope: RequestScope, route: string): Promise<never> | undefined {
  if (!scope.meter) return undefined;
  try {
    scope.meter.charge(route);
    return undefined;
  } catch (err) {
    return Promise.reject(err);
  }
}

/** A path segment from an id (ids are UUIDs, but never trust input into a URL). */
export const seg = encodeURIComponent;

/** `?a=1&b=x` from the defined entries of a query object ('' when none). Once per list call: no entry arrays. */
export function qs(query: object | undefined): string {
  if (!query) return '';
  const q = query as Record<string, string | number | boolean | null | undefined>;
  let out = '';
  for (const k of Object.keys(q)) {
    const v = q[k];
    if (v === undefined || v === null || v === '') continue;
    // A safe integer (page numbers and sizes) is digits and a sign: nothing to encode.
    out += `${out ? '&' : '?'}${k}=${Number.isSafeInteger(v) ? String(v) : encodeURIComponent(String(v))}`;
  }
  return out;
}

/** Lift an item normaliser to a page normaliser. Built once per resource, not per call. */
export function pageOf(item: Normaliser): Normaliser {
  return (page) => {
    const data = (page as Page<unknown> | undefined)?.data;
    if (Array.isArray(data)) for (const x of data) item(x);
  };
}
