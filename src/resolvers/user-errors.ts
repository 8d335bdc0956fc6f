// The mutation runner: validate the input (no upstream call when invalid), perform, and turn expected UQPAY
// rejections into userErrors; unexpected failures are rethrown for the error mask. The userError vocabulary and
// the mapping from UQPAY's errors live in src/errors (re-exported here for the resolvers).
import type { z } from 'zod';
import { UpstreamOutcomeUnknownError } from '../datasources/uqpay';
import {
  keyRequired,
  userErrorsFromUpstream,
  userErrorsFromZod,
  type UpstreamUserErrorOptions,
  type UserError,
} from '../errors/user-errors';

export {
  keyRequired,
  userError,
  userErrorFromUpstream,
  userErrorsFromUpstream,
  userErrorsFromZod,
  type UserError,
} from '../errors/user-errors';

export interface Payload {
  userErrors: UserError[];
}

export interface MutationOptions extends UpstreamUserErrorOptions {
  /** A money-moving mutation: no `idempotencyKey` in the input → IDEMPOTENCY_KEY_REQUIRED, nothing done. */
  requireKey?: boolean;
}

/** Thrown by a mutation to refuse with this userError (the gateway's own checks, before or after UQPAY). */
export class MutationRefused extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
  }
}

const hasKey = (input: unknown) => {
  const key = (input as { idempotencyKey?: unknown } | null | undefined)?.idempotencyKey;
  return typeof key === 'string' && key !== '';
};

/**
 * Validate `input` (no upstream call when invalid), run the mutation, and turn expected UQPAY rejections into
 * userErrors. Unexpected failures are rethrown for the server's error masking.
 */
export async function runMutation<S extends z.ZodType, R extends object>(
  input: unknown,
  schema: S,
  perform: (valid: z.output<S>) => Promise<R>,
  opts: MutationOptions = {},
): Promise<Partial<R> & Payload> {
  const parsed = schema.safeParse(input);
  const userErrors = parsed.success ? [] : userErrorsFromZod(parsed.error);
  if (opts.requireKey && !hasKey(input)) userErrors.push(keyRequired());
  if (userErrors.length > 0 || !parsed.success) return { userErrors } as Partial<R> & Payload;
  try {
    const result = await perform(parsed.data);
    // A result may carry its own userErrors (an accepted write UQPAY reports a problem with, e.g. KYC pending).
    return { ...result, userErrors: (result as Partial<Payload>).userErrors ?? [] };
  } catch (err) {
    if (err instanceof MutationRefused) return { userErrors: [err.userError] } as Partial<R> & Payload;
    // The client retries with ITS key: name that one, whatever key went on the wire.
    const key = (parsed.data as { idempotencyKey?: unknown }).idempotencyKey;
    if (err instanceof UpstreamOutcomeUnknownError && typeof key === 'string' && key) throw err.withKey(key);
    const userErrors = userErrorsFromUpstream(err, opts);
    if (!userErrors) throw err;
    return { userErrors } as Partial<R> & Payload;
  }
}
