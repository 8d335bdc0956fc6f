// Transfers between the master account and connected accounts (issuing balances). UQPAY has no list endpoint.
import { z } from 'zod';
import type { GatewayContext } from '../context';
import type { Transfer } from '../datasources/uqpay';
import { mayReadTransfer, transferRefusal } from '../access/authority';
import { isPositive, money, sameAmount } from './money';
import { defineMutation, replayMismatch } from './mutation';
import { userError, type Payload } from './user-errors';

/**
 * A transfer the acting account is a party to, else null. UQPAY scopes transfer reads by account as well; this
 * holds even if it did not.
 */
export async function loadTransfer(ctx: GatewayContext, transferId: string): Promise<Transfer | null> {
  const t = await ctx.account.loaders.transfer.load(transferId);
  return t && mayReadTransfer(ctx.account.accountId, t) ? t : null;
}

export const transfer = (_root: unknown, args: { transferId: string }, ctx: GatewayContext) =>
  loadTransfer(ctx, args.transferId);

export const transferAmount = (t: Transfer) => money(t.amount, t.currency)!;
export const transferFee = (t: Transfer) => money(t.fee_amount, t.currency);

/** The input's one definition: schema/transfer.ts derives the GraphQL input type from it. */
export const CreateTransferInput = z
  .object({
    sourceAccountId: z.string(),
    destinationAccountId: z.string(),
    amount: z.string().refine(isPositive, 'must be greater than 0'),
    currency: z.string(),
    remark: z.string().trim().max(255, 'must be at most 255 characters').nullish(),
    idempotencyKey: z.string().nullish(),
  })
  .refine((i) => i.sourceAccountId.toLowerCase() !== i.destinationAccountId.toLowerCase(), {
    message: 'must differ from sourceAccountId',
    path: ['destinationAccountId'],
  });

export interface TransferPayload extends Partial<Payload> {
  transferId?: string;
}

export const createTransfer = defineMutation({
  operation: 'createTransfer',
  input: CreateTransferInput,
  moneyMoving: true,
  async authorize(i, ctx) {
    const master = () => ctx.api.masterAccountId(ctx.account.scope);
    const refused = await transferRefusal(ctx.caller, ctx.account.accountId, i, master);
    return refused && userError('FORBIDDEN', refused.message, [refused.field]);
  },
  async perform(i, ctx, key): Promise<TransferPayload> {
    const { transfer_id } = await ctx.api.transfers.create(
      ctx.account.scope,
      {
        source_account_id: i.sourceAccountId,
        destination_account_id: i.destinationAccountId,
        currency: i.currency,
        amount: i.amount,
        ...(i.remark ? { remark: i.remark } : {}),
      },
      { idempotencyKey: key },
    );
    // UQPAY answers with the id only: read the transfer (the payload shows this copy) and check that it is the
    // one asked for, not a replayed answer to another request under the same key.
    ctx.account.loaders.transfer.clear(transfer_id);
    const made = await ctx.account.loaders.transfer.load(transfer_id);
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    if (
      made &&
      (!same(made.source_account_id, i.sourceAccountId) ||
        !same(made.destination_account_id, i.destinationAccountId) ||
        !same(made.currency, i.currency) ||
        !sameAmount(made.amount, i.amount))
    ) {
      throw replayMismatch(`transfer ${transfer_id} moved ${made.amount} ${made.currency} between other accounts`);
    }
    return { transferId: transfer_id };
  },
});

export const payloadTransfer = (p: TransferPayload, _args: unknown, ctx: GatewayContext) =>
  p.transferId ? loadTransfer(ctx, p.transferId) : null;
