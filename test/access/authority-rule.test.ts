// The transfer authority rule as a table: every kind of caller, every direction. The HTTP attacks are in
// authority.test.ts; this pins the rule itself, including when the master account id is needed at all.
import { describe, expect, it } from 'vitest';
import { transferRefusal } from '../../src/access/authority';
import { EXPLORER, type Caller } from '../../src/access/caller';

const M = 'ac000000-0000-4000-8000-000000000001';
const A = 'ac000000-0000-4000-8000-000000000002';
const B = 'ac000000-0000-4000-8000-000000000003';
const partnerA: Caller = { kind: 'partner', name: 'acme', account: A };
const partnerM: Caller = { kind: 'partner', name: 'holding', account: M };
const frontend: Caller = { kind: 'frontend', name: 'web' };

async function rule(caller: Caller, acting: string | undefined, source: string, destination: string) {
  let asked = 0;
  const refusal = await transferRefusal(
    caller,
    acting,
    { sourceAccountId: source, destinationAccountId: destination },
    async () => {
      asked++;
      return M.toUpperCase();
    },
  );
  return { field: refusal?.field ?? 'ok', asked };
}

describe('transferRefusal', () => {
  it.each([
    // caller, acting, source, destination → refused field (or ok)
    [partnerA, A, M, A, 'sourceAccountId'],
    [partnerA, A, B, M, 'sourceAccountId'],
    [partnerA, A, A, B, 'destinationAccountId'],
    [partnerA, A, A, M, 'ok'],
    [partnerA, A, A.toUpperCase(), M, 'ok'],
    [partnerM, M, M, A, 'ok'],
    [partnerM, M, A, M, 'sourceAccountId'],
    [frontend, A, M, A, 'sourceAccountId'],
    [frontend, A, A, M, 'ok'],
    [frontend, A, A, B, 'destinationAccountId'],
    [frontend, undefined, M, A, 'ok'],
    [frontend, undefined, A, M, 'ok'],
    [frontend, undefined, A, B, 'destinationAccountId'],
    [frontend, M, A, M, 'ok'],
    [EXPLORER, undefined, B, M, 'ok'],
    [EXPLORER, B, M, B, 'sourceAccountId'],
  ] as const)('%o acting for %s: %s → %s is %s', async (caller, acting, source, destination, expected) => {
    expect((await rule(caller, acting, source, destination)).field).toBe(expected);
  });

  it("refuses a partner's foreign source without asking for the master account id (no upstream call)", async () => {
    expect(await rule(partnerA, A, M, A)).toEqual({ field: 'sourceAccountId', asked: 0 });
  });
});
