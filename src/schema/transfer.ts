import * as r from '../resolvers/transfer';
import { builder } from './builder';
import { TransferStatusEnum } from './enums';
import { field, inputFromZod } from './input-from-zod';
import { idempotencyKey, payloadType } from './payload';
import { MoneyRef, TransferRef } from './refs';
import { uuidNodeId } from './node';

builder.node(TransferRef, {
  description: "Money moved between the master account and a connected account's issuing balances.",
  id: uuidNodeId((x) => x.transfer_id),
  loadWithoutCache: (id, ctx) => r.loadTransfer(ctx, id),
  fields: (t) => ({
    transferId: t.field({ type: 'UUID', description: "UQPAY's transfer id.", resolve: (x) => x.transfer_id }),
    referenceId: t.exposeString('reference_id', {
      nullable: true,
      description: 'UQPAY\'s human-readable reference, e.g. "T250624-K0XMYZRF".',
    }),
    sourceAccountId: t.field({
      type: 'UUID',
      description: 'Account the money left.',
      resolve: (x) => x.source_account_id,
    }),
    destinationAccountId: t.field({
      type: 'UUID',
      description: 'Account the money went to.',
      resolve: (x) => x.destination_account_id,
    }),
    amount: t.field({ type: MoneyRef, description: 'Amount moved.', resolve: r.transferAmount }),
    fee: t.field({ type: MoneyRef, nullable: true, description: 'Fee charged.', resolve: r.transferFee }),
    status: t.field({
      type: TransferStatusEnum,
      description: 'Progress of the transfer.',
      resolve: (x) => x.transfer_status,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the transfer was made.',
      resolve: (x) => x.create_time || null,
    }),
    completedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it settled.',
      resolve: (x) => x.complete_time || null,
    }),
    remark: t.exposeString('remark', { nullable: true, description: 'Free-text note given with the transfer.' }),
  }),
});

builder.queryField('transfer', (t) =>
  t.field({
    type: TransferRef,
    nullable: true,
    description: 'A transfer by UQPAY id; null when it does not exist for the acting account.',
    args: { transferId: t.arg({ type: 'UUID', required: true, description: "UQPAY's transfer id." }) },
    resolve: r.transfer,
  }),
);

const CreateTransferInput = inputFromZod('CreateTransferInput', r.CreateTransferInput, {
  description: 'Move funds between the master account and a connected account (either direction).',
  fields: {
    sourceAccountId: field('UUID', 'Account to take the money from.'),
    destinationAccountId: field('UUID', 'Account to move it to (not the source).'),
    amount: field('Decimal', 'Amount (> 0, at most 2 decimals).'),
    currency: field('CurrencyCode', 'Currency of the issuing balances involved.'),
    remark: field('String', 'Free-text note (≤ 255 characters).'),
    idempotencyKey,
  },
});

const CreateTransferPayload = payloadType<r.TransferPayload>(
  'CreateTransferPayload',
  'Result of createTransfer.',
  (t) => ({
    transfer: t.field({
      type: TransferRef,
      nullable: true,
      description: 'The transfer; null when userErrors is not empty.',
      resolve: r.payloadTransfer,
    }),
  }),
);

builder.mutationField('createTransfer', (t) =>
  t.field({
    type: CreateTransferPayload,
    description:
      'Transfer funds between the master account and a connected account. Errors: FORBIDDEN (an account the ' +
      'caller may not move money out of or into), INSUFFICIENT_BALANCE, ACCOUNT_NOT_FOUND, VALIDATION, ' +
      'IDEMPOTENCY_KEY_REQUIRED.',
    args: { input: t.arg({ type: CreateTransferInput, required: true, description: 'The transfer.' }) },
    resolve: r.createTransfer,
  }),
);
