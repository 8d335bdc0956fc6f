// Automatic persisted queries (APQ): documents a frontend registered by sending them once with their sha256
// (`extensions.persistedQuery.sha256Hash`), so later requests may send the hash alone. The store is
// content-addressed (a hash names exactly one text), bounded in count and per-document size, and expiring; the
// committed manifest (./persisted.ts) is separate and the only source partners may run.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ApqConfig } from '../config';

export type { ApqConfig } from '../config';

export const DEFAULT_APQ: ApqConfig = { maxDocuments: 1_000, maxDocumentBytes: 16_384, ttlMs: 24 * 60 * 60 * 1000 };

/** Where registered documents live: this process (memory) or every replica (Redis). Keys are bare hex sha256. */
export interface ApqStore {
  readonly kind: 'memory' | 'redis';
  get(hash: string): Promise<string | undefined>;
  set(hash: string, document: string): Promise<void>;
}

/** Lower-case hex sha256 of the document text, as Apollo Client and urql compute it. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Least recently used documents go first past the count; each expires `ttlMs` after its last use. */
export class MemoryApqStore implements ApqStore {
  readonly kind = 'memory';
  private readonly docs: LRUCache<string, string>;

  constructor(config: Pick<ApqConfig, 'maxDocuments' | 'ttlMs'>) {
    this.docs = new LRUCache({ max: Math.max(1, config.maxDocuments), ttl: config.ttlMs, updateAgeOnGet: true });
  }

  getSync(hash: string): string | undefined {
    return this.docs.get(hash);
  }

  setSync(hash: string, document: string): void {
    this.docs.set(hash, document);
  }

  get(hash: string): Promise<string | undefined> {
    return Promise.resolve(this.docs.get(hash));
  }

  set(hash: string, document: string): Promise<void> {
    this.docs.set(hash, document);
    return Promise.resolve();
  }

  get size(): number {
    return this.docs.size;
  }
}
