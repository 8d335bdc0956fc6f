// The two-generation cache yoga keeps parsed documents in (src/execution/document-cache.ts): bounded, and the
// entries in use survive while new ones keep arriving.
import { describe, expect, it } from 'vitest';
import { GenerationalCache } from '../../src/execution';

describe('GenerationalCache', () => {
  it('never holds more than its size, however many keys arrive', () => {
    const cache = new GenerationalCache<number>(100);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`q${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.get('q9999')).toBe(9999);
    expect(cache.get('q0')).toBeUndefined();
  });

  it('keeps a document that is still asked for while a flood of new ones passes through', () => {
    const cache = new GenerationalCache<string>(100);
    cache.set('hot', 'document');
    for (let i = 0; i < 5_000; i++) {
      cache.set(`cold${i}`, 'x');
      // Asked for now and then, as a persisted or popular operation is.
      if (i % 20 === 0) expect(cache.get('hot')).toBe('document');
    }
    expect(cache.get('hot')).toBe('document');
  });
});
