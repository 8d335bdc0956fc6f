// The parsed-document cache yoga looks in on every request (and its twin for parse errors). yoga's default is an
// lru-cache with a TTL: every hit reads the clock, checks staleness and relinks the entry (~2 µs a request in S1's
// profile). Documents never go stale, so a two-generation cache does: a hit is a Map lookup (promoting an entry
// found in the older generation), a new entry goes into the younger one, and when that fills the older one is
// dropped. At most `max` entries; the documents in use stay, as with an LRU.

export const DEFAULT_DOCUMENT_CACHE_SIZE = 1_024;

export class GenerationalCache<T> {
  private young = new Map<string, T>();
  private old = new Map<string, T>();
  private readonly half: number;

  constructor(max = DEFAULT_DOCUMENT_CACHE_SIZE) {
    this.half = Math.max(1, Math.floor(max / 2));
  }

  get(key: string): T | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: string, value: T): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
