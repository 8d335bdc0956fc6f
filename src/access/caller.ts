// Who is calling and which account they may act for. Pure rules: the yoga plugin and the request context
// apply them, so every path (the header, nested Account objects, subscriptions) answers the same way.
import { gatewayError } from '../errors/graphql';
import type { KeyRing } from './keys';

/** The client behind a request: a frontend or partner key, or anyone in open explorer mode (no keys file). */
export interface Caller {
  kind: 'explorer' | 'frontend' | 'partner';
  name: string;
  /** A partner's bound account; a frontend's default account. Lower-case UUID. */
  account?: string;
}

export const EXPLORER: Caller = Object.freeze({ kind: 'explorer', name: 'explorer' });

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The caller for an `Authorization` header value; throws 401 for a missing or unknown key when keys are on. */
export function authenticate(authorization: string | null | undefined, ring: KeyRing | undefined): Caller {
  if (!ring) return EXPLORER;
  if (!authorization) throw gatewayError('UNAUTHENTICATED', 'Missing API key: send `Authorization: Bearer <key>`.');
  const match = BEARER.exec(authorization.trim());
  if (!match) throw gatewayError('UNAUTHENTICATED', 'Malformed Authorization header: expected `Bearer <key>`.');
  const client = ring.find(match[1]!);
  if (!client) throw gatewayError('UNAUTHENTICATED', 'Invalid API key.');
  return client.account === undefined
    ? { kind: client.kind, name: client.name }
    : { kind: client.kind, name: client.name, account: client.account };
}

/**
 * The account a request acts for, from `x-on-behalf-of` and the caller: a partner always acts for its bound
 * account (naming any other → 403); others act for the header's account, else their default (the master when
 * undefined). Shape-checking the header is the context's job; this compares case-insensitively.
 */
export function actingAccount(caller: Caller, onBehalfOf: string | null | undefined): string | undefined {
  const named = onBehalfOf?.trim().toLowerCase() || undefined;
  if (caller.kind === 'partner') {
    if (named !== undefined && named !== caller.account) {
      throw gatewayError(
        'FORBIDDEN',
        `Partner key "${caller.name}" may only act for its own account; x-on-behalf-of names another account.`,
      );
    }
    return caller.account;
  }
  return named ?? caller.account;
}

/** Refuses a partner any account but its own, the master account (undefined) included. */
export function assertMayActFor(caller: Caller, accountId: string | undefined): void {
  if (caller.kind !== 'partner') return;
  if (accountId === undefined || accountId.toLowerCase() !== caller.account) {
    throw gatewayError('FORBIDDEN', `Partner key "${caller.name}" may only read and write its own account.`);
  }
}

/** Persisted documents only, no introspection: partners run the reviewed operations and nothing else. */
export function mayRunArbitraryDocuments(caller: Caller): boolean {
  return caller.kind !== 'partner';
}
