// The SSE writer for log-fed subscriptions, on a toy yoga: each event goes out with its cursor as `id:`, a
// GraphQL error mid-stream (a subscriber that fell behind the retention) is sent as the last result and the
// stream completes, and subscriptions that note no cursors keep yoga's own writer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayError } from '../../src/errors/graphql';
import { expectCursors, noteCursor, useSseEventIds } from '../../src/events/sse';

describe('SSE with event ids', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean } type Subscription { ticks(fail: Boolean): Int! plain: Int! }',
        resolvers: {
          Subscription: {
            ticks: {
              // As the event resolvers do: mark the request before the stream starts, note each cursor as it goes.
              subscribe: (_: unknown, args: { fail?: boolean }, ctx: { request: Request }) => {
                expectCursors(ctx.request);
                return (async function* () {
                  for (const n of [1, 2]) {
                    noteCursor(ctx.request, `cursor-${n}`);
                    yield { ticks: n };
                  }
                  if (args.fail) throw gatewayError('CURSOR_EXPIRED', 'fell behind');
                })();
              },
            },
            plain: {
              subscribe: async function* () {
                yield { plain: 1 };
              },
            },
          },
        },
      }),
      plugins: [useSseEventIds()],
      logging: false,
    });
    server = createServer((req, res) => void yoga(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const stream = async (query: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, text: await res.text() };
  };

  it("writes each event's cursor as its id, then completes", async () => {
    const { status, text } = await stream('subscription { ticks }');
    expect(status).toBe(200);
    expect(text).toContain('retry: 1000');
    const frames = text.split('\n\n').filter((f) => f.includes('event: '));
    expect(frames).toEqual([
      'id: cursor-1\nevent: next\ndata: {"data":{"ticks":1}}',
      'id: cursor-2\nevent: next\ndata: {"data":{"ticks":2}}',
      'event: complete\ndata:',
    ]);
  });

  it('sends a GraphQL error thrown mid-stream as the last result, without internal extensions', async () => {
    const { text } = await stream('subscription { ticks(fail: true) }');
    const frames = text.split('\n\n').filter((f) => f.includes('event: '));
    expect(frames).toHaveLength(4);
    expect(frames[1]).toMatch(/^id: cursor-2\n/);
    const last = JSON.parse(frames[2]!.split('data: ')[1]!) as { errors: { extensions: Record<string, unknown> }[] };
    expect(last.errors[0]!.extensions).toEqual({ code: 'CURSOR_EXPIRED' });
    expect(frames[3]).toBe('event: complete\ndata:');
  });

  it("leaves other subscriptions to yoga's writer (no ids)", async () => {
    const { text } = await stream('subscription { plain }');
    expect(text).toContain('event: next\ndata: {"data":{"plain":1}}');
    expect(text).not.toContain('id:');
  });
});
