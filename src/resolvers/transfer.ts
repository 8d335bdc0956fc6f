// Transfers between the master account and connected accounts (issuing balances). UQPAY has no list endpoint.
import { z } from 'zod';
import type { GatewayContext } from '../context';
import type { Transfer } from '../datasources/uqpay/types';
import { isPositive, money } from './money';
import { upperEnum } from './enums';
import { runMutation, type Payload } from './user-errors';

export const transfer = (_root: unknown, args: { transferId: string }, ctx: GatewayContext) =>
  ctx.account.loaders.transfer.load(args.transferId);

export const transferAmount = (t: Transfer) => money(t.amount, t.currency)!;
export const transferFee = (t: Transfer) => money(t.fee_amount, t.currency);
export const transferStatus = (t: Transfer) => upperEnum(t.transfer_status);

const CreateTransferInput = z
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

export function createTransfer(_root: unknown, args: { input: unknown }, ctx: GatewayContext) {
  return runMutation(args.input, CreateTransferInput, async (i): Promise<TransferPayload> => {
    const { transfer_id } = await ctx.api.transfers.create(
      ctx.account.scope,
      {
        source_account_id: i.sourceAccountId,
        destination_account_id: i.destinationAccountId,
        currency: i.currency,
        amount: i.amount,
        ...(i.remark ? { remark: i.remark } : {}),
      },
      { idempotencyKey: i.idempotencyKey ?? undefined },
    );
    ctx.account.loaders.transfer.clear(transfer_id);
    return { transferId: transfer_id };
  });
}

export const payloadTransfer = (p: TransferPayload, _args: unknown, ctx: GatewayContext) =>
  p.transferId ? ctx.account.loaders.transfer.load(p.transferId) : null;
