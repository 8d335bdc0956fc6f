// GraphiQL, the page a browser gets on `GET /graphql`: its title, the query it opens with, and its assets bundled
// so it loads without a CDN (offline machines, CI's browser check). The page is ~9 MB of HTML and script and the
// same for every request of a process: it is rendered once, compressed once per encoding a browser asks for
// (brotli ~20% of the raw size, gzip ~27%), and served from memory with an ETag, so a reload costs a 304.
import { createHash } from 'node:crypto';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { compress, negotiateEncoding, STATIC, varyOnEncoding, type Encoding } from './compression';

// Short lines: GraphiQL's editor is about half the window wide, and longer comment lines were cut off in it.
export const DEFAULT_QUERY = /* GraphQL */ `
  # UQPAY Card Issuing over GraphQL.
  # Field descriptions: the Docs panel.
  # To act for a connected account, add
  # in the Headers tab below:
  #   {"x-on-behalf-of": "<account uuid>"}
  query Dashboard {
    account {
      accountId
      balances {
        currency
        available {
          amount
          currency
        }
      }
    }
    cardholders(first: 3) {
      totalCount
      edges {
        node {
          cardholderId
          firstName
          lastName
          email
          status
          cards(first: 5) {
            totalCount
            edges {
              node {
                cardId
                maskedNumber
                status
                mode
                availableBalance {
                  amount
                  currency
                }
                product {
                  scheme
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const GRAPHIQL: GraphiQLOptions = { title: 'UQPAY Card Issuing — GraphQL', defaultQuery: DEFAULT_QUERY };

/**
 * Yoga's `renderGraphiQL`. Imported on first use: the 9 MB bundle costs ~35 MB of heap (~70 MB RSS) in every
 * API-only process.
 */
export async function renderGraphiQL(opts: GraphiQLOptions): Promise<string> {
  return (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(opts);
}

/** The page in each encoding asked for so far; each one is compressed once, the first time it is asked for. */
interface Page {
  etag: string;
  identity: Buffer;
  encoded: Map<Encoding, Promise<Buffer>>;
}

// One per options object and process: gateways in one process (tests) share the work.
const pages = new WeakMap<GraphiQLOptions, Promise<Page>>();

function pageFor(opts: GraphiQLOptions): Promise<Page> {
  let page = pages.get(opts);
  if (!page) {
    page = renderGraphiQL(opts).then((html) => {
      const identity = Buffer.from(html);
      const etag = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
      return { etag, identity, encoded: new Map() };
    });
    page.catch(() => pages.delete(opts));
    pages.set(opts, page);
  }
  return page;
}

function encodedBody(page: Page, encoding: Encoding): Promise<Buffer> {
  let body = page.encoded.get(encoding);
  if (!body) {
    body = compress(page.identity, encoding, STATIC[encoding]);
    body.catch(() => page.encoded.delete(encoding));
    page.encoded.set(encoding, body);
  }
  return body;
}

/** What yoga's own GraphiQL answers: a browser's page load (GET, `accept: text/html`). */
export const wantsGraphiQL = (request: Request): boolean =>
  request.method === 'GET' && (request.headers.get('accept')?.includes('text/html') ?? false);

export interface GraphiQLPageOptions {
  path: string;
  /** false: the page goes out uncompressed. */
  compress: boolean;
  options?: GraphiQLOptions;
}

/**
 * Serves GraphiQL on `path` in place of yoga's renderer (yoga's `graphiql` is off), from the per-process cache.
 * Mount after the observability plugins: the page load is timed and logged like any request.
 */
export function useGraphiQLPage(opts: GraphiQLPageOptions): Plugin {
  const options = opts.options ?? GRAPHIQL;
  return {
    onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      if (url.pathname !== opts.path || !wantsGraphiQL(request)) return;
      const encoding = opts.compress ? negotiateEncoding(request.headers.get('accept-encoding')) : undefined;
      return pageFor(options).then(async (page) => {
        const etag = `"${page.etag}${encoding ? `-${encoding}` : ''}"`;
        const headers = new fetchAPI.Headers({
          'content-type': 'text/html; charset=utf-8',
          // Revalidate every time (a new release is a new ETag), and answer a match with 304.
          'cache-control': 'no-cache',
          etag,
        });
        if (opts.compress) varyOnEncoding(headers);
        if (ifNoneMatch(request.headers.get('if-none-match'), etag)) {
          payload.endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        const body = encoding ? await encodedBody(page, encoding) : page.identity;
        if (encoding) headers.set('content-encoding', encoding);
        headers.set('content-length', String(body.length));
        payload.endResponse(new fetchAPI.Response(body as unknown as BodyInit, { status: 200, headers }));
      });
    },
  };
}

function ifNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
