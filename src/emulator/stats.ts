/** Counts per route pattern ("GET /v1/issuing/cards/{id}") and per response status (or "dropped"). */
export class Stats {
  private requests: Record<string, number> = {};
  private responses: Record<string, number> = {};

  request(key: string): void {
    this.requests[key] = (this.requests[key] ?? 0) + 1;
  }

  response(status: number | 'dropped'): void {
    const k = String(status);
    this.responses[k] = (this.responses[k] ?? 0) + 1;
  }

  snapshot(): { requests: Record<string, number>; responses: Record<string, number> } {
    return { requests: { ...this.requests }, responses: { ...this.responses } };
  }

  reset(): void {
    this.requests = {};
    this.responses = {};
  }
}
