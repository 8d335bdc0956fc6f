// From the breakdown's measurements (CPU µs per response of the gateway and of the floor) to what each layer of
// a request costs: differences between requests that add one layer each, and a least-squares line through CPU per
// request against UQPAY calls per request (the cards-N requests, coalescing off) for the cost of one call.
import { round, type ScenarioResult } from './measure';

export interface Line {
  /** CPU µs per UQPAY call (and per card resolved and reshaped: the calls are card reads). */
  slope: number;
  /** CPU µs of the same request shape without calls (the line at 0 calls). */
  intercept: number;
  /** The measured points: calls/op (sequential, exact) and CPU µs per request. */
  points: { calls: number; cpuUsPerReq: number }[];
}

export interface LayerRow {
  layer: string;
  measuredBy: string;
  /** The gateway's CPU µs per request for this layer alone. */
  gatewayUs?: number;
  floorUs?: number;
}

export interface Breakdown {
  /** CPU µs per request of each measured request (median over rounds), by `id target`. */
  cpuUsPerReq: Record<string, number>;
  /** The lowest and highest of the rounds, by `id target`: how far this run's noise goes. */
  cpuUsPerReqRange: Record<string, [number, number]>;
  layers: LayerRow[];
  gatewayPerCall?: Line;
  floorPerCall?: Line;
  /** Where the gateway's extra CPU over the floor sits, for an S1-shaped request with one UQPAY call. */
  gap?: { http: number; perRequest: number; perCall: number; modelled: number; measured?: number };
}

export function fitLine(points: { calls: number; cpuUsPerReq: number }[]): Line | undefined {
  if (points.length < 2) return undefined;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.calls, 0) / n;
  const my = points.reduce((s, p) => s + p.cpuUsPerReq, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.calls - mx) ** 2, 0);
  if (sxx === 0) return undefined;
  const slope = points.reduce((s, p) => s + (p.calls - mx) * (p.cpuUsPerReq - my), 0) / sxx;
  return { slope: round(slope), intercept: round(my - slope * mx), points };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The median of each request's CPU µs per response over the rounds, keyed `id target`. */
export function medians(results: ScenarioResult[]): Record<string, number> {
  const groups = new Map<string, number[]>();
  for (const r of results) {
    const key = `${r.id} ${r.target}`;
    groups.set(key, [...(groups.get(key) ?? []), r.cpuUsPerReq]);
  }
  return Object.fromEntries([...groups].map(([k, v]) => [k, round(median(v))]));
}

const diff = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : round(a - b);

function ranges(results: ScenarioResult[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const r of results) {
    const key = `${r.id} ${r.target}`;
    const [lo, hi] = out[key] ?? [r.cpuUsPerReq, r.cpuUsPerReq];
    out[key] = [Math.min(lo, r.cpuUsPerReq), Math.max(hi, r.cpuUsPerReq)];
  }
  return out;
}

export function breakdown(results: ScenarioResult[]): Breakdown {
  const cpu = medians(results);
  const callsOf = (id: string, target: string) =>
    results.find((r) => r.id === id && r.target === target)?.upstreamCallsPerOp ?? 0;
  const line = (target: string) =>
    fitLine(
      Object.keys(cpu)
        .filter((k) => k.startsWith('cards-') && k.endsWith(` ${target}`))
        .map((k) => {
          const id = k.split(' ')[0]!;
          return { calls: callsOf(id, target), cpuUsPerReq: cpu[k]! };
        })
        .sort((a, b) => a.calls - b.calls),
    );
  const g = line('gateway-plain');
  const f = line('floor');
  const edge = cpu['edge gateway'];
  const health = cpu['health gateway'];
  const typename = cpu['typename gateway'];
  const s1 = cpu['S1 gateway'];
  const floorHttp = cpu['health floor'];
  const plain1 = cpu['cards-1 gateway-plain'];
  const floor1 = cpu['cards-1 floor'];
  const s1Load = results.find((r) => r.id === 'S1' && r.target === 'gateway')?.upstreamCallsPerOpUnderLoad;
  const layers: LayerRow[] = [
    {
      layer: 'HTTP: node:http + the edge (floor: node:http + a JSON answer)',
      measuredBy: 'GET /not-found, a 404 the edge answers (floor: GET /health)',
      gatewayUs: edge,
      floorUs: floorHttp,
    },
    {
      layer: "+ yoga's server adapter and the operator plugin",
      measuredBy: 'GET /health − GET /not-found',
      gatewayUs: diff(health, edge),
    },
    {
      layer:
        '+ a GraphQL request: body, parse/validate (cache hit), context, trivial execution, response, log, metrics',
      measuredBy: 'POST { __typename } − GET /health',
      gatewayUs: diff(typename, health),
    },
    {
      layer: `+ executing S1, its card answered by coalescing (${s1Load ?? '?'} UQPAY calls/op under load)`,
      measuredBy: 'S1 (coalescing on) − POST { __typename }',
      gatewayUs: diff(s1, typename),
    },
    {
      layer: "+ S1's UQPAY call made, not coalesced (floor: its whole S1 above HTTP: body, the GET, reshape)",
      measuredBy: 'cards-1 (S1 under an alias, coalescing off) − S1 (coalescing on); floor: cards-1 − GET /health',
      gatewayUs: diff(plain1, s1),
      floorUs: diff(floor1, floorHttp),
    },
    {
      layer: 'S1 call for call, in all',
      measuredBy: 'cards-1',
      gatewayUs: plain1,
      floorUs: floor1,
    },
    {
      layer: 'per UQPAY call (one card read, resolved and reshaped), coalescing off',
      measuredBy: `slope of CPU/req against calls/op over cards-${(g ?? f)?.points.map((p) => p.calls).join(',') ?? 'N'}`,
      gatewayUs: g?.slope,
      floorUs: f?.slope,
    },
    {
      layer: 'the cards-N request without its calls',
      measuredBy: 'the same line at 0 calls (intercept)',
      gatewayUs: g?.intercept,
      floorUs: f?.intercept,
    },
  ];
  let gap: Breakdown['gap'];
  if (g && f && edge !== undefined && floorHttp !== undefined) {
    const http = round(edge - floorHttp);
    const perRequest = round(g.intercept - edge - (f.intercept - floorHttp));
    const perCall = round(g.slope - f.slope);
    const measured = diff(plain1, floor1);
    gap = { http, perRequest, perCall, modelled: round(http + perRequest + perCall), measured };
  }
  return { cpuUsPerReq: cpu, cpuUsPerReqRange: ranges(results), layers, gatewayPerCall: g, floorPerCall: f, gap };
}
