// fetchWindow against an in-memory pager: every window offset 0–300 × limit 1–101 returns exactly the right
// items with the fewest possible calls (1 when any single page covers the window, else 2).
import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_SIZE,
  MIN_PAGE_SIZE,
  fetchAll,
  fetchWindow,
  planWindow,
} from '../../src/datasources/uqpay/resources/paging';
import type { Page } from '../../src/datasources/uqpay/resources/types';

function pager(total: number) {
  const items = Array.from({ length: total }, (_, i) => i);
  const calls: { page_number: number; page_size: number }[] = [];
  const fetchPage = async (q: { page_number: number; page_size: number }): Promise<Page<number>> => {
    // Plain checks, not expect(): this runs ~60k times.
    if (q.page_size < MIN_PAGE_SIZE || q.page_size > MAX_PAGE_SIZE || q.page_number < 1)
      throw new Error(`bad page ${JSON.stringify(q)}`);
    calls.push(q);
    const start = (q.page_number - 1) * q.page_size;
    return {
      total_items: total,
      total_pages: Math.ceil(total / q.page_size),
      data: items.slice(start, start + q.page_size),
    };
  };
  return { fetchPage, calls };
}

/** Brute force: can one (size, page) cover [offset, offset + limit)? */
function oneCallPossible(offset: number, limit: number): boolean {
  for (let s = MIN_PAGE_SIZE; s <= MAX_PAGE_SIZE; s++) {
    if (Math.floor(offset / s) === Math.floor((offset + limit - 1) / s)) return true;
  }
  return false;
}

describe('fetchWindow', () => {
  it('matches the brief examples', () => {
    expect(planWindow(0, 51)).toEqual({ pageSize: 51, firstPage: 1, lastPage: 1 });
    expect(planWindow(37, 38)).toEqual({ pageSize: 75, firstPage: 1, lastPage: 1 });
    expect(planWindow(0, 101)).toMatchObject({ lastPage: 2 });
  });

  for (const total of [350, 120, 0]) {
    it(`every offset 0–300 × limit 1–101 is exact and minimal (total ${total})`, async () => {
      const { fetchPage, calls } = pager(total);
      for (let offset = 0; offset <= 300; offset++) {
        for (let limit = 1; limit <= 101; limit++) {
          calls.length = 0;
          const { items, totalCount } = await fetchWindow(fetchPage, offset, limit);
          const want: number[] = [];
          for (let i = offset; i < Math.min(total, offset + limit); i++) want.push(i);
          if (items.length !== want.length || items.some((v, i) => v !== want[i])) {
            throw new Error(`offset ${offset} limit ${limit}: got ${items.join(',')}`);
          }
          if (totalCount !== total) throw new Error(`totalCount ${totalCount}`);
          const minimal = oneCallPossible(offset, limit) ? 1 : 2;
          if (calls.length !== minimal)
            throw new Error(`offset ${offset} limit ${limit}: ${calls.length} calls, ${minimal} possible`);
        }
      }
    });
  }

  it('limit 0 still reports the total with one call', async () => {
    const { fetchPage, calls } = pager(42);
    expect(await fetchWindow(fetchPage, 5, 0)).toEqual({ items: [], totalCount: 42 });
    expect(calls).toHaveLength(1);
  });

  it('issues the pages of a two-call window concurrently', async () => {
    let inFlight = 0;
    let peak = 0;
    const { fetchPage } = pager(500);
    const slow = async (q: { page_number: number; page_size: number }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return fetchPage(q);
    };
    const { items } = await fetchWindow(slow, 150, 101);
    expect(items[0]).toBe(150);
    expect(items).toHaveLength(101);
    expect(peak).toBe(2);
  });

  it('rejects nonsense windows', async () => {
    expect(() => planWindow(-1, 5)).toThrow(RangeError);
    expect(() => planWindow(0, 1.5)).toThrow(RangeError);
  });

  it('fetchAll reads every page', async () => {
    const { fetchPage, calls } = pager(250);
    const all = await fetchAll(fetchPage);
    expect(all).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(calls).toHaveLength(3);
  });
});
