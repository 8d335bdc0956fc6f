import * as r from '../resolvers/account';
import { builder } from './builder';
import { CardStatusEnum } from './enums';
import { connectionArgs } from './pagination';
import { AccountConnection, AccountRef, BalanceRef, CardConnection, CardholderConnection } from './refs';
import { uuidNodeId } from './node';

builder.node(AccountRef, {
  description:
    'A UQPAY account: the master account or a connected (sub-)account. Fields under an Account act on behalf of THAT account.',
  id: { ...uuidNodeId<r.AccountShape>(() => ''), resolve: (a, _args, ctx) => r.accountId(a, undefined, ctx) },
  loadWithoutCache: (id, ctx) => r.loadAccount(id.toLowerCase(), ctx),
  fields: (t) => ({
    accountId: t.field({
      type: 'UUID',
      nullable: true,
      description: "UQPAY's account id (the master's is the token's account_id).",
      resolve: r.accountId,
    }),
    name: t.string({
      nullable: true,
      description: 'Account name (connected accounts).',
      resolve: r.accountField('account_name'),
    }),
    status: t.string({
      nullable: true,
      description: 'Account status (connected accounts), e.g. ACTIVE.',
      resolve: r.accountField('status'),
    }),
    email: t.string({
      nullable: true,
      description: 'Contact email (connected accounts).',
      resolve: r.accountField('email'),
    }),
    shortReferenceId: t.string({
      nullable: true,
      description: "UQPAY's short reference (connected accounts).",
      resolve: r.accountField('short_reference_id'),
    }),
    country: t.string({
      nullable: true,
      description: 'Country (connected accounts).',
      resolve: r.accountField('country'),
    }),
    verificationStatus: t.string({
      nullable: true,
      description: 'Verification status (connected accounts).',
      resolve: r.accountField('verification_status'),
    }),
    balances: t.field({
      type: [BalanceRef],
      description: "This account's issuing balances.",
      resolve: r.accountBalances,
    }),
    cardholders: t.field({
      type: CardholderConnection,
      description: "This account's cardholders.",
      args: connectionArgs(t.arg),
      resolve: r.accountCardholders,
    }),
    cards: t.field({
      type: CardConnection,
      description: "This account's cards.",
      args: {
        ...connectionArgs(t.arg),
        status: t.arg({ type: CardStatusEnum, description: 'Only cards in this status.' }),
      },
      resolve: r.accountCards,
    }),
  }),
});

builder.queryFields((t) => ({
  account: t.field({
    type: AccountRef,
    description: 'The account this request acts for: the `x-on-behalf-of` connected account, or the master account.',
    resolve: r.actingAccount,
  }),
  connectedAccounts: t.field({
    type: AccountConnection,
    description:
      "The master account's connected accounts; fields under each act on its behalf. Empty when acting for a connected account.",
    args: connectionArgs(t.arg),
    resolve: r.connectedAccounts,
  }),
}));
