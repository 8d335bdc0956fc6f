// Relay connections over UQPAY's page_number/page_size lists. Cursors are opaque offsets; the datasource's
// fetchWindow fetches exactly [offset, offset + first) with the fewest calls, and UQPAY's total_items makes
// hasNextPage exact, so we never ask for the usual limit + 1.
import { fetchWindow, type PageRequest, type Page } from '../datasources/uqpay';
import { badUserInput } from '../errors/graphql';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_FIRST = 100;
const CURSOR_PREFIX = 'offset:';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export const encodeCursor = (offset: number): string => Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw badUserInput(
      '`after` is not a cursor from this API; pass a `cursor` or `pageInfo.endCursor` value unchanged.',
    );
  }
  return offset;
}

/** The window a connection asks for; bad arguments are client errors raised before any upstream call. */
export function windowOf(args: ConnectionArgs): { offset: number; limit: number } {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIRST) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_FIRST}; got ${limit}.`);
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit };
}

export function toConnection<T>(items: T[], offset: number, totalCount: number): Connection<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: offset + items.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

/** Resolve a connection from a UQPAY list endpoint; `onItems` primes by-id loaders with what came back. */
export async function listConnection<T>(
  args: ConnectionArgs,
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  onItems?: (items: T[]) => void,
): Promise<Connection<T>> {
  const { offset, limit } = windowOf(args);
  const { items, totalCount } = await fetchWindow(fetchPage, offset, limit);
  onItems?.(items);
  return toConnection(items, offset, totalCount);
}
