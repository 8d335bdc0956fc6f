// A variable of the wrong type, as client libraries see it: HTTP 400 (under application/graphql-response+json,
// which they all ask for), `extensions.code: BAD_USER_INPUT`, the variable the client really sent and the path
// into it, and the same helpful message as the inline-literal form. One mechanism (variables coerced by
// graphql-js's rules before any executor), so the compiled path and graphql-js's agree. Messages stay redacted.
import { randomUUID } from 'node:crypto';
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { Client, fetchExchange } from '@urql/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardDashboardDocument, RechargeCardDocument } from '../../generated/graphql';
import { DEMO_IDS } from '../../src/emulator';
import { apiCalls, startHarness, type Harness } from '../harness';

const CARD = DEMO_IDS.cards.sophiaUsdSingle;
const PAN = '4096360800133951';
const fullPan = new RegExp(PAN.split('').join('[ -]?'));
const DECIMAL_RULE = 'Decimal "1.234" is not a plain decimal with at most 15 integer and 2 fraction digits';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const recharge = (amount: unknown) => ({
  input: { cardId: CARD, amount, idempotencyKey: randomUUID() },
});

async function raw(body: unknown, accept: string) {
  const res = await fetch(h.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

describe('graphql-request with the typed documents', () => {
  const client = () => new GraphQLClient(h.gateway.url);

  it('a Decimal inside an input: 400, BAD_USER_INPUT, $input at input.amount, the scalar’s own message', async () => {
    await h.resetStats();
    const error = await client()
      .request(RechargeCardDocument, recharge('1.234') as never)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ClientError);
    const { response } = error as ClientError;
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    const [e] = response.errors!;
    expect(e!.extensions).toEqual({ code: 'BAD_USER_INPUT', variable: 'input', field: ['input', 'amount'] });
    expect(e!.message).toBe(
      `Variable "$input" got invalid value "1.234" at "input.amount"; ${DECIMAL_RULE} (e.g. "2000.05").`,
    );
    // The inline form says the same about the value.
    const inline = await h.gql(
      `mutation { rechargeCard(input: { cardId: "${CARD}", amount: "1.234", idempotencyKey: "${randomUUID()}" }) { userErrors { code } } }`,
    );
    expect(inline.errors?.[0]?.message).toContain(DECIMAL_RULE);
    // Refused before anything ran: no UQPAY call.
    expect(apiCalls(await h.stats())).toEqual({});
  });

  it('an Int of the wrong type: 400, BAD_USER_INPUT, $first', async () => {
    const error = (await client()
      .request(CardDashboardDocument, { first: 'x' } as never)
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as ClientError;
    expect(error.response.status).toBe(400);
    expect(error.response.errors?.[0]).toMatchObject({
      message: 'Variable "$first" got invalid value "x"; Int cannot represent non-integer value: "x"',
      extensions: { code: 'BAD_USER_INPUT', variable: 'first', field: ['first'] },
    });
  });

  it('typed documents with good variables still run (compiled)', async () => {
    const data = await client().request(CardDashboardDocument, { first: 2 });
    expect(data.cards.edges).toHaveLength(2);
    expect(data.cards.edges[0]!.node.__typename).toBe('Card');
  });
});

describe('Apollo Client 4', () => {
  it('its ErrorLink sees the 400, the code and the path', async () => {
    const seen: { status?: number; errors?: unknown }[] = [];
    const errorLink = new ErrorLink(({ error, operation }) => {
      const status = (operation.getContext() as { response?: Response }).response?.status;
      seen.push({ status, errors: CombinedGraphQLErrors.is(error) ? error.errors : error });
    });
    const client = new ApolloClient({
      link: ApolloLink.from([errorLink, new HttpLink({ uri: h.gateway.url })]),
      cache: new InMemoryCache(),
    });
    const error: unknown = await client
      .mutate({ mutation: RechargeCardDocument, variables: recharge('1.234') as never })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.status).toBe(400);
    expect(seen[0]!.errors).toMatchObject([
      { extensions: { code: 'BAD_USER_INPUT', variable: 'input', field: ['input', 'amount'] } },
    ]);
  });
});

describe('urql 6', () => {
  it('gets the code and path in CombinedError, with the 400 response', async () => {
    const client = new Client({ url: h.gateway.url, exchanges: [fetchExchange] });
    const result = await client.mutation(RechargeCardDocument, recharge(12.5) as never).toPromise();
    expect(result.data).toBeUndefined();
    expect((result.error?.response as Response | undefined)?.status).toBe(400);
    expect(result.error?.graphQLErrors[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      variable: 'input',
      field: ['input', 'amount'],
    });
    expect(result.error?.graphQLErrors[0]?.message).toMatch(/Decimal must be a string/);
  });
});

describe('the rules behind them', () => {
  const mutation = 'mutation R($input: CardAmountInput!) { rechargeCard(input: $input) { userErrors { code } } }';

  it('200 under accept: application/json (GraphQL over HTTP), the same error', async () => {
    const r = await raw({ query: mutation, variables: recharge('1.234') }, 'application/json');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      variable: 'input',
      field: ['input', 'amount'],
    });
  });

  it('graphql-js runs it the same way (a document with two operations is not compiled)', async () => {
    const r = await raw(
      { query: `${mutation}\nquery Other { __typename }`, operationName: 'R', variables: recharge('1.234') },
      'application/graphql-response+json',
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).errors[0]).toMatchObject({
      message: expect.stringContaining('at "input.amount"'),
      extensions: { code: 'BAD_USER_INPUT', variable: 'input', field: ['input', 'amount'] },
    });
  });

  it('missing values, unknown fields and list items each name their place', async () => {
    const accept = 'application/graphql-response+json';
    const missing = JSON.parse((await raw({ query: mutation, variables: {} }, accept)).text);
    expect(missing.errors[0]).toMatchObject({
      message: 'Variable "$input" of required type "CardAmountInput!" was not provided.',
      extensions: { code: 'BAD_USER_INPUT', variable: 'input', field: ['input'] },
    });
    const unknown = JSON.parse(
      (await raw({ query: mutation, variables: { input: { ...recharge('1.00').input, colour: 'red' } } }, accept)).text,
    );
    // graphql-js's rule: an unknown field is the object's error, and the message names the field.
    expect(unknown.errors[0]).toMatchObject({
      message: expect.stringContaining('Field "colour" is not defined by type "CardAmountInput"'),
      extensions: { code: 'BAD_USER_INPUT', variable: 'input', field: ['input'] },
    });
    const list = JSON.parse(
      (
        await raw(
          {
            query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }',
            variables: { ids: ['a', null] },
          },
          accept,
        )
      ).text,
    );
    expect(list.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['ids', 1] } });
    expect(list.errors[0].message).toContain('at "ids[1]"');
  });

  it('never echo a full card number, and quote long values short', async () => {
    const assign = 'mutation A($input: AssignCardInput!) { assignCard(input: $input) { userErrors { code } } }';
    for (const input of [PAN, { cardNumber: 4096360800133951, currency: 'USD' }, { cardNumber: PAN, mode: 7 }]) {
      const r = await raw({ query: assign, variables: { input } }, 'application/graphql-response+json');
      expect(r.status).toBe(400);
      expect(r.text).not.toMatch(fullPan);
      expect(r.text).toContain('BAD_USER_INPUT');
    }
    const long = await raw(
      { query: 'query C($id: UUID!) { card(cardId: $id) { cardId } }', variables: { id: 'a'.repeat(95_000) } },
      'application/graphql-response+json',
    );
    expect(long.status).toBe(400);
    expect(long.text.length).toBeLessThan(1_000);
    expect(long.text).not.toMatch(/a{64}/);
  });
});
