// Relay windows (offset, first+1) onto UQPAY's page_number/page_size (size 10–100). UQPAY has no offset
// parameter, so a naive mapping costs two pages for most windows. Instead we search the page sizes for one
// page that covers the whole window (one call), and otherwise the size needing the fewest pages, all fetched
// concurrently. Among equal call counts the smallest page size wins: fewer rows serialised upstream.
import type { Page } from './types';

export const MIN_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  page_number: number;
  page_size: number;
}

export interface PagePlan {
  pageSize: number;
  /** 1-based page numbers, ascending. */
  firstPage: number;
  lastPage: number;
}

/** The cheapest plan for items [offset, offset + limit). Exported for tests and for the resolvers' curiosity. */
export function planWindow(offset: number, limit: number): PagePlan {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer: ${offset}`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer: ${limit}`);
  const last = offset + limit - 1;
  let best: PagePlan | undefined;
  let bestCalls = Infinity;
  for (let size = MIN_PAGE_SIZE; size <= MAX_PAGE_SIZE; size++) {
    const first = Math.floor(offset / size);
    const calls = Math.floor(last / size) - first + 1;
    if (calls < bestCalls) {
      bestCalls = calls;
      best = { pageSize: size, firstPage: first + 1, lastPage: first + calls };
      if (calls === 1) break; // smallest size that does it in one call
    }
  }
  return best!;
}

/**
 * Fetch exactly the items [offset, offset + limit) and UQPAY's total count. `limit` 0 still makes one small
 * call, because the caller wants `totalCount`.
 */
export async function fetchWindow<T>(
  fetchPage: (q: PageRequest) => Promise<Page<T>>,
  offset: number,
  limit: number,
): Promise<{ items: T[]; totalCount: number }> {
  if (limit === 0) {
    const page = await fetchPage({ page_number: 1, page_size: MIN_PAGE_SIZE });
    return { items: [], totalCount: page.total_items };
  }
  const plan = planWindow(offset, limit);
  const { pageSize, firstPage, lastPage } = plan;
  const start = offset - (firstPage - 1) * pageSize;
  if (firstPage === lastPage) {
    const page = await fetchPage({ page_number: firstPage, page_size: pageSize });
    return { items: page.data.slice(start, start + limit), totalCount: page.total_items };
  }
  const calls: Promise<Page<T>>[] = [];
  for (let p = firstPage; p <= lastPage; p++) calls.push(fetchPage({ page_number: p, page_size: pageSize }));
  const pages = await Promise.all(calls);
  const all: T[] = [];
  for (const page of pages) for (const item of page.data) all.push(item);
  // total_items can move between the concurrent calls; the first page's figure is as good as any.
  return { items: all.slice(start, start + limit), totalCount: pages[0]!.total_items };
}

/** Every item of a (small) list: page 1 at the maximum size, then any further pages concurrently. */
export async function fetchAll<T>(fetchPage: (q: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const first = await fetchPage({ page_number: 1, page_size: MAX_PAGE_SIZE });
  if (!(first.total_pages > 1)) return first.data;
  const rest: Promise<Page<T>>[] = [];
  for (let p = 2; p <= first.total_pages; p++) rest.push(fetchPage({ page_number: p, page_size: MAX_PAGE_SIZE }));
  const out = first.data.slice();
  for (const page of await Promise.all(rest)) for (const x of page.data) out.push(x);
  return out;
}
