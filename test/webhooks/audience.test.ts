// The event audience on its own: one ownership read per (account, subject), shared by concurrent askers, bounded,
// expiring, and a failed read is not remembered.
import { describe, expect, it } from 'vitest';
import { createEventAudience } from '../../src/events/audience';

describe('event audience', () => {
  it("answers ownership once per (account, subject), for concurrent and later asks, and reuses the read as the event's copy", async () => {
    const audience = createEventAudience();
    let reads = 0;
    const read = async () => {
      reads++;
      return { cardId: 'c1' };
    };
    const answers = await Promise.all([1, 2, 3].map(() => audience.owns('acct-a', 'card:c1', 'e1', read)));
    expect(answers).toEqual([true, true, true]);
    expect(await audience.owns('acct-a', 'card:c1', 'e2', read)).toBe(true);
    expect(reads).toBe(1);
    // The read that answered ownership is event e1's fresh copy; event e2 reads anew, once.
    expect(await audience.freshFor('acct-a', 'card:c1', 'e1', read)).toEqual({ cardId: 'c1' });
    expect(reads).toBe(1);
    await Promise.all([
      audience.freshFor('acct-a', 'card:c1', 'e2', read),
      audience.freshFor('acct-a', 'card:c1', 'e2', read),
    ]);
    expect(reads).toBe(2);
    // Another account is asked on its own.
    expect(await audience.owns('acct-b', 'card:c1', 'e1', async () => null)).toBe(false);
  });

  it('keeps "not owned" for less time than "owned", and forgets failed reads', async () => {
    let t = 0;
    const audience = createEventAudience({
      now: () => t,
      ownedTtlMs: 10_000,
      notOwnedTtlMs: 1_000,
      eventReadTtlMs: 100,
    });
    let reads = 0;
    const none = async () => {
      reads++;
      return null;
    };
    expect(await audience.owns('a', 'card:x', 'e1', none)).toBe(false);
    t = 500;
    expect(await audience.owns('a', 'card:x', 'e2', none)).toBe(false);
    expect(reads).toBe(1);
    t = 1_600;
    expect(await audience.owns('a', 'card:x', 'e3', none)).toBe(false);
    expect(reads).toBe(2);

    const failing = async () => {
      throw new Error('upstream down');
    };
    await expect(audience.owns('a', 'card:y', 'e1', failing)).rejects.toThrow('upstream down');
    expect(await audience.owns('a', 'card:y', 'e1', async () => ({}))).toBe(true);
  });

  it('is bounded: the oldest answers go first', async () => {
    const audience = createEventAudience({ maxEntries: 50 });
    for (let i = 0; i < 500; i++) await audience.owns('a', `card:${i}`, `e${i}`, async () => ({}));
    expect(audience.size()).toBeLessThanOrEqual(50);
  });
});
