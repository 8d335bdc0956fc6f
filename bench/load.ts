// One fixed-concurrency, fixed-duration autocannon run, with every response body checked: a fast error is not
// throughput, so responses that fail the scenario's check are counted apart from the 2xx.
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Varies body and headers per request (fresh idempotency keys). */
  vary?: () => { body?: string; headers?: Record<string, string> };
  /** True when a 2xx body is nevertheless a failure (GraphQL errors, userErrors). */
  isFailure?: (body: string) => boolean;
  /** The status every answer should have when it is not a 2xx (a refusal measured on purpose, e.g. a 404). */
  status?: number;
}

export interface LoadResult {
  responses: number;
  durationS: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx responses whose body failed the scenario's check. */
  failed: number;
  /** One failing body, for the report. */
  sampleFailure?: string;
}

export async function runLoad(
  url: string,
  req: LoadRequest,
  connections: number,
  durationS: number,
): Promise<LoadResult> {
  let responses = 0;
  let failed = 0;
  let sampleFailure: string | undefined;
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: req.method,
        path: req.path,
        headers: { 'content-type': 'application/json', ...req.headers },
        body: req.body,
        ...(req.vary
          ? {
              setupRequest: (r: autocannon.Request) => {
                const v = req.vary?.() ?? {};
                return { ...r, body: v.body ?? r.body, headers: { ...r.headers, ...v.headers } };
              },
            }
          : {}),
        onResponse: (status, body) => {
          responses++;
          if (status >= 200 && status < 300 && req.isFailure?.(body)) {
            failed++;
            sampleFailure ??= body.slice(0, 500);
          } else if (status >= 300 && status !== req.status) {
            sampleFailure ??= `${status} ${body.slice(0, 500)}`;
          }
        },
      },
    ],
  });
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    responses,
    durationS: elapsedS,
    reqPerSec: responses / Math.max(result.duration, 1e-9),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    failed,
    sampleFailure,
  };
}
