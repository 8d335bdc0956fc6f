// Server-sent events, distinct connections mode (graphql-sse's default): one HTTP response per subscription.
import { createClient } from 'graphql-sse';

export function cardEventsOverSse(url: string, key: string, onEvent: (data: unknown) => void): () => void {
  const client = createClient({ url, headers: { authorization: `Bearer ${key}` } });
  return client.subscribe(
    { query: 'subscription { cardEvents { eventId type cardId } }' },
    { next: ({ data }) => onEvent(data), error: console.error, complete: () => undefined },
  );
}
