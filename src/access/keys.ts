// API keys. Clients come from GATEWAY_KEYS_FILE; a key exists only as its sha256 and is compared in constant
// time, so neither the file nor a timing side channel gives a usable key away.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex sha256 of the key (64 hex digits)')
  .transform((s) => s.toLowerCase());
// UQPAY account ids are UUIDs; accept any 8-4-4-4-12 hex shape and compare lower-cased.
const AccountId = z.guid('must be a connected account UUID').transform((s) => s.toLowerCase());
/** Concurrent subscriptions this client may hold (per replica); default GATEWAY_MAX_SUBSCRIPTIONS_PER_CLIENT. */
const MaxSubscriptions = z.number().int().positive().optional();

/**
 * This client's share of the UQPAY call budget, in calls per minute across all replicas. Unset: an equal part of
 * what the clients with an explicit share leave (see README "Upstream budget").
 */
const UpstreamShare = z.number().int('must be a whole number of calls per minute').positive().optional();

const ClientSchema = z.discriminatedUnion('kind', [
  z.object({
    name: z.string().min(1),
    kind: z.literal('frontend'),
    keySha256: Sha256Hex,
    /** The account a frontend acts for when it sends no x-on-behalf-of (default: the master account). */
    account: AccountId.optional(),
    upstreamSharePerMin: UpstreamShare,
    maxSubscriptions: MaxSubscriptions,
  }),
  z.object({
    name: z.string().min(1),
    kind: z.literal('partner'),
    keySha256: Sha256Hex,
    /** A partner always acts for this account and for no other. */
    account: AccountId,
    upstreamSharePerMin: UpstreamShare,
    maxSubscriptions: MaxSubscriptions,
  }),
]);

export const KeysFileSchema = z
  .object({ clients: z.array(ClientSchema).min(1, 'list at least one client') })
  .superRefine((file, ctx) => {
    const seenNames = new Set<string>();
    const seenKeys = new Set<string>();
    file.clients.forEach((c, i) => {
      if (seenNames.has(c.name))
        ctx.addIssue({ code: 'custom', path: ['clients', i, 'name'], message: `duplicate client name "${c.name}"` });
      if (seenKeys.has(c.keySha256))
        ctx.addIssue({ code: 'custom', path: ['clients', i, 'keySha256'], message: 'the same key is listed twice' });
      seenNames.add(c.name);
      seenKeys.add(c.keySha256);
    });
  });

export type KeysFile = z.infer<typeof KeysFileSchema>;
export type ApiClient = KeysFile['clients'][number];

export class KeysFileError extends Error {}

/** The hex sha256 of an API key: what the keys file stores. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function parseKeysFile(json: unknown, source = 'keys file'): KeysFile {
  const parsed = KeysFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new KeysFileError(`Invalid ${source}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadKeysFile(path: string): KeysFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KeysFileError(`Cannot read GATEWAY_KEYS_FILE ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new KeysFileError(`GATEWAY_KEYS_FILE ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseKeysFile(json, `GATEWAY_KEYS_FILE ${path}`);
}

export interface KeyRing {
  readonly clients: readonly ApiClient[];
  /** The client holding this key, or undefined. Costs the same whichever client (if any) matches. */
  find(key: string): ApiClient | undefined;
}

export function createKeyRing(file: KeysFile): KeyRing {
  const entries = file.clients.map((client) => ({ client, digest: Buffer.from(client.keySha256, 'hex') }));
  return {
    clients: file.clients,
    find(key) {
      const digest = createHash('sha256').update(key, 'utf8').digest();
      let found: ApiClient | undefined;
      // Visit every entry: no early exit, so the time taken does not say which client (if any) matched.
      for (const e of entries) {
        if (timingSafeEqual(digest, e.digest) && found === undefined) found = e.client;
      }
      return found;
    },
  };
}
