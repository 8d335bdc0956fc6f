// Object refs and connection types shared across domain files, declared before any domain file implements
// them so that the domain files can point at each other without import cycles.
import type { Balance, Card, CardOrder, Cardholder, Product, Transaction, Transfer } from '../datasources/uqpay';
import type { AccountShape } from '../resolvers/account';
import type { Money } from '../resolvers/money';
import type { UserError } from '../resolvers/user-errors';
import { builder } from './builder';

export const CardholderRef = builder.objectRef<Cardholder>('Cardholder');
export const CardRef = builder.objectRef<Card>('Card');
export const CardOrderRef = builder.objectRef<CardOrder>('CardOrder');
export const CardProductRef = builder.objectRef<Product>('CardProduct');
export const BalanceRef = builder.objectRef<Balance>('Balance');
export const TransferRef = builder.objectRef<Transfer>('Transfer');
export const TransactionRef = builder.objectRef<Transaction>('Transaction');
export const AccountRef = builder.objectRef<AccountShape>('Account');
export const MoneyRef = builder.objectRef<Money>('Money');
export const UserErrorRef = builder.objectRef<UserError>('UserError');

export const CardholderConnection = builder.connectionObject(
  {
    type: CardholderRef,
    name: 'CardholderConnection',
    description: 'A page of cardholders, with the total across all pages.',
  },
  { name: 'CardholderEdge', description: 'One cardholder in a page, with its cursor.' },
);
export const CardConnection = builder.connectionObject(
  { type: CardRef, name: 'CardConnection', description: 'A page of cards, with the total across all pages.' },
  { name: 'CardEdge', description: 'One card in a page, with its cursor.' },
);
export const TransactionConnection = builder.connectionObject(
  {
    type: TransactionRef,
    name: 'TransactionConnection',
    description: 'A page of card transactions, with the total across all pages.',
  },
  { name: 'TransactionEdge', description: 'One card transaction in a page, with its cursor.' },
);
export const AccountConnection = builder.connectionObject(
  {
    type: AccountRef,
    name: 'AccountConnection',
    description: 'A page of connected accounts, with the total across all pages.',
  },
  { name: 'AccountEdge', description: 'One connected account in a page, with its cursor.' },
);
