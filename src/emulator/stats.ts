/**
 * Counts per route pattern ("GET /v1/issuing/cards/{id}") and per response status (or "dropped"), plus two
 * peaks per route as UQPAY would observe them: requests handled at once, and requests arriving within any one
 * second (what a rate limiter sees). Tests prove concurrency and pacing from these, not from their own timings.
 */
export class Stats {
  private requests: Record<string, number> = {};
  private arrivals = new Map<string, number[]>();
  private peakPerSecond: Record<string, number> = {};
  private responses: Record<string, number> = {};
  private inFlight: Record<string, number> = {};
  private peakInFlight: Record<string, number> = {};

  request(key: string, now = Date.now()): void {
    this.requests[key] = (this.requests[key] ?? 0) + 1;
    let recent = this.arrivals.get(key);
    if (!recent) this.arrivals.set(key, (recent = []));
    recent.push(now);
    let drop = 0;
    while (recent[drop]! <= now - 1_000) drop++;
    if (drop > 0) recent.splice(0, drop);
    if (recent.length > (this.peakPerSecond[key] ?? 0)) this.peakPerSecond[key] = recent.length;
  }

  /** A request of `key` is being handled until the returned function is called. */
  enter(key: string): () => void {
    const now = (this.inFlight[key] ?? 0) + 1;
    this.inFlight[key] = now;
    if (now > (this.peakInFlight[key] ?? 0)) this.peakInFlight[key] = now;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight[key] = (this.inFlight[key] ?? 1) - 1;
    };
  }

  response(status: number | 'dropped'): void {
    const k = String(status);
    this.responses[k] = (this.responses[k] ?? 0) + 1;
  }

  snapshot(): {
    requests: Record<string, number>;
    responses: Record<string, number>;
    peakInFlight: Record<string, number>;
    peakPerSecond: Record<string, number>;
  } {
    return {
      requests: { ...this.requests },
      responses: { ...this.responses },
      peakInFlight: { ...this.peakInFlight },
      peakPerSecond: { ...this.peakPerSecond },
    };
  }

  reset(): void {
    this.requests = {};
    this.responses = {};
    this.arrivals.clear();
    this.peakPerSecond = {};
    // Requests still being handled keep counting; only the peaks start over.
    this.peakInFlight = {};
  }
}
