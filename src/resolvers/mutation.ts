// The gateway's own part of every mutation, between input validation and the UQPAY call: the caller's authority
// over what the input names, then the idempotency key (required on money-moving mutations; its first use
// recorded, a different request under it refused, and the key UQPAY sees scoped to the API client). Both refuse
// with a userError before any upstream call.
import type { z } from 'zod';
import type { GatewayContext } from '../context';
import {
  MutationRefused,
  runMutation,
  userError,
  type MutationOptions,
  type Payload,
  type UserError,
} from './user-errors';

export interface MutationSpec<S extends z.ZodType, R extends object> {
  /** The mutation's name, recorded with its idempotency keys. */
  operation: string;
  input: S;
  /** Moves money (or issues a funded card): an idempotencyKey is required unless switched off. */
  moneyMoving?: boolean;
  /** The caller's authority over the accounts and objects the input names; a userError refuses. */
  authorize?(input: z.output<S>, ctx: GatewayContext): Promise<UserError | undefined>;
  /** Literal values from the raw input to keep out of any message (a card number). */
  secrets?(input: unknown): string[];
  /** Where a KYC rejection's missing fields point (see MutationOptions.missingFieldsAt). */
  missingFieldsAt?: MutationOptions['missingFieldsAt'];
  /** The UQPAY call; `idempotencyKey` is the key to send upstream (undefined: the datasource makes one). */
  perform(input: z.output<S>, ctx: GatewayContext, idempotencyKey: string | undefined): Promise<R>;
}

export function defineMutation<S extends z.ZodType, R extends object>(spec: MutationSpec<S, R>) {
  return (_root: unknown, args: { input: unknown }, ctx: GatewayContext): Promise<Partial<R> & Payload> =>
    runMutation(
      args.input,
      spec.input,
      async (input) => {
        const refused = await spec.authorize?.(input, ctx);
        if (refused) throw new MutationRefused(refused);
        return spec.perform(input, ctx, await claimKey(spec.operation, input, ctx));
      },
      {
        requireKey: spec.moneyMoving === true && ctx.idempotency.required,
        secrets: spec.secrets?.(args.input),
        missingFieldsAt: spec.missingFieldsAt,
      },
    );
}

/** Records the key's use (or recognises a replay) and returns the key to send upstream. */
async function claimKey(operation: string, input: unknown, ctx: GatewayContext): Promise<string | undefined> {
  const { idempotencyKey: key, ...rest } = input as { idempotencyKey?: string | null };
  if (!key) return undefined;
  const claim = await ctx.idempotency.claim({
    caller: ctx.caller.name,
    account: ctx.account.accountId ?? 'master',
    operation,
    key,
    input: rest,
  });
  if (claim.kind === 'reused') {
    throw new MutationRefused(
      userError(
        'IDEMPOTENCY_KEY_REUSED',
        `This idempotencyKey was already used for a different request (${claim.first.operation}); ` +
          'nothing was changed. ' +
          'Use a new key for a new change, and the same key only to retry the same one.',
        ['idempotencyKey'],
      ),
    );
  }
  return claim.upstreamKey;
}

/**
 * UQPAY answered with the outcome of a different request: it replays a key's first answer for the same route
 * template and body, so the same key for another card or account can come back as someone else's success.
 */
export function replayMismatch(what: string): MutationRefused {
  return new MutationRefused(
    userError(
      'IDEMPOTENCY_KEY_REUSED',
      `UQPAY answered this idempotencyKey with the outcome of a different request (${what}); ` +
        'this request changed nothing. Use a new key.',
      ['idempotencyKey'],
    ),
  );
}
