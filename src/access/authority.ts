// Authority over money: which accounts a caller may move funds between. The gateway decides this itself, before
// any upstream call, instead of trusting UQPAY to refuse: UQPAY lets any party to a transfer create it, so a
// connected account acting for itself could otherwise pull money out of its master.
//
// The rule (README "Access"):
//   - a partner key moves money only out of its bound account;
//   - a caller acting for a connected account A (a partner, or a frontend / the open explorer sending
//     `x-on-behalf-of: A`) moves money only out of A, and only to the master account;
//   - a caller acting for the master account (a frontend or the open explorer, without `x-on-behalf-of` or
//     naming the master) moves money between the master and its connected accounts, either way: one side is
//     always the master. Whether the other side is one of the master's connected accounts is UQPAY's to say
//     (ACCOUNT_NOT_FOUND): the master has authority over all of them.
import type { Caller } from './caller';

export interface TransferParties {
  sourceAccountId: string;
  destinationAccountId: string;
}

/** Why a transfer is refused, and which input field names the account the caller may not use. */
export interface AuthorityRefusal {
  field: 'sourceAccountId' | 'destinationAccountId';
  message: string;
}

/**
 * The refusal for a transfer the caller may not make, or undefined when it may. `acting` is the account the
 * request acts for (undefined = the master); `masterAccountId` is asked only when the answer depends on it.
 */
export async function transferRefusal(
  caller: Caller,
  acting: string | undefined,
  parties: TransferParties,
  masterAccountId: () => Promise<string>,
): Promise<AuthorityRefusal | undefined> {
  const source = parties.sourceAccountId.toLowerCase();
  const destination = parties.destinationAccountId.toLowerCase();
  // A partner is held to its bound account whatever the header said (the access plugin refused a foreign one).
  if (caller.kind === 'partner' && source !== caller.account) return outOfOwnAccount(caller.account!);
  const master = (await masterAccountId()).toLowerCase();
  const own = (caller.kind === 'partner' ? caller.account : acting)?.toLowerCase();
  if (own !== undefined && own !== master) {
    if (source !== own) return outOfOwnAccount(own);
    if (destination !== master) {
      const message = 'A connected account may only move money to its master account.';
      return { field: 'destinationAccountId', message };
    }
    return undefined;
  }
  // Acting for the master (a partner bound to the master was held to it as the source above).
  if (source !== master && destination !== master) {
    return {
      field: 'destinationAccountId',
      message:
        'Transfers go between the master account and one of its connected accounts: one side must be the master.',
    };
  }
  return undefined;
}

const outOfOwnAccount = (own: string): AuthorityRefusal => ({
  field: 'sourceAccountId',
  message: `This request acts for account ${own}: money may only move out of that account.`,
});

/** Whether a transfer read for `acting` (undefined = the master) is one the acting account is a party to. */
export function mayReadTransfer(
  acting: string | undefined,
  t: { source_account_id: string; destination_account_id: string },
): boolean {
  if (acting === undefined) return true; // the master is a party to every transfer of its family
  const a = acting.toLowerCase();
  return t.source_account_id.toLowerCase() === a || t.destination_account_id.toLowerCase() === a;
}
