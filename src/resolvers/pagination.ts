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
  edges: { readonly cursor: string; readonly node: T }[];
  pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
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

/**
 * One edge. Its cursor is encoded only when read: most queries select `node` alone, and an eager cursor was a
 * Buffer and a base64 string per item for nothing. Pothos exposes `cursor` as a plain property read, so the getter
 * is what a client that selects it sees.
 */
class OffsetEdge<T> {
  constructor(
    readonly node: T,
    private readonly offset: number,
  ) {}
  get cursor(): string {
    return encodeCursor(this.offset);
  }
}

/** Where a page sits; its start and end cursors are likewise encoded only when selected. */
class OffsetPageInfo {
  readonly hasPreviousPage: boolean;
  constructor(
    readonly hasNextPage: boolean,
    private readonly offset: number,
    private readonly count: number,
  ) {
    this.hasPreviousPage = offset > 0;
  }
  get startCursor(): string | null {
    return this.count > 0 ? encodeCursor(this.offset) : null;
  }
  get endCursor(): string | null {
    return this.count > 0 ? encodeCursor(this.offset + this.count - 1) : null;
  }
}

/** A page of `items` starting at `offset`; `toNode` turns each item into what the edge's `node` resolves from. */
export function toConnection<T, N = T>(
  items: readonly T[],
  offset: number,
  totalCount: number,
  toNode?: (item: T) => N,
): Connection<N> {
  const count = items.length;
  const edges = new Array<Connection<N>['edges'][number]>(count);
  for (let i = 0; i < count; i++) {
    const item = items[i]!;
    edges[i] = new OffsetEdge(toNode ? toNode(item) : (item as unknown as N), offset + i);
  }
  return { edges, pageInfo: new OffsetPageInfo(offset + count < totalCount, offset, count), totalCount };
}

/** Resolve a connection from a UQPAY list endpoint; `onItems` primes by-id loaders with what came back. */
export async function listConnection<T, N = T>(
  args: ConnectionArgs,
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  onItems?: (items: readonly T[]) => void,
  toNode?: (item: T) => N,
): Promise<Connection<N>> {
  const { offset, limit } = windowOf(args);
  const { items, totalCount } = await fetchWindow(fetchPage, offset, limit);
  onItems?.(items);
  return toConnection(items, offset, totalCount, toNode);
}
