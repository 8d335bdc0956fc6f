// GraphiQL, the page a browser gets on `GET /graphql`: its title, the query it opens with, and its assets bundled
// so it loads without a CDN (offline machines, CI's browser check).
import type { GraphiQLOptions } from 'graphql-yoga';

export const DEFAULT_QUERY = /* GraphQL */ `
  # UQPAY Card Issuing over GraphQL. Descriptions are in the Docs panel.
  # Add an "x-on-behalf-of: <connected account uuid>" header to act for a connected account.
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
