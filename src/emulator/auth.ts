import { randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { unauthorized } from './errors';
import type { TokenClaims } from './options';

export interface Client {
  clientId: string;
  apiKey: string;
  accountId: string;
}

/** What the token's account claims are made of. */
interface TokenAccount {
  short_reference_id?: string;
  parent_id?: string;
}

export interface Caller {
  clientId: string;
  accountId: string;
}

/**
 * UQPAY's auth token is a JWT carrying the master account (entity_id; account_id with tokenClaims 'legacy').
 * Expiry is checked three ways: the JWT's own
 * `exp`, a generation bumped by /__emulator/expire-tokens, and (optionally) "a newer token for this client
 * supersedes older ones". All three answer with the "token has expired" message the gateway keys on.
 */
export class TokenIssuer {
  private readonly key = randomBytes(32);
  private generation = 0;
  private readonly latestJti = new Map<string, string>();

  constructor(
    private readonly clients: readonly Client[],
    private readonly ttlSeconds: number,
    private readonly invalidateOld: boolean,
    private readonly claimStyle: TokenClaims = 'sdk',
    /** The account behind an id (for short_entity_id / parent_entity_id); read at issue time. */
    private readonly accounts: (id: string) => TokenAccount | undefined = () => undefined,
  ) {}

  client(clientId: string | undefined, apiKey: string | undefined): Client {
    if (!clientId || !apiKey) throw unauthorized('x-client-id and x-api-key headers are required');
    const c = this.clients.find((x) => x.clientId === clientId && x.apiKey === apiKey);
    if (!c) throw unauthorized('invalid client id or api key');
    return c;
  }

  async issue(client: Caller): Promise<{ auth_token: string; expired_at: number }> {
    const now = Math.floor(Date.now() / 1000);
    const jti = randomUUID();
    const expiredAt = now + this.ttlSeconds;
    const token = await new SignJWT({ ...this.claims(client), gen: this.generation })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(expiredAt)
      .sign(this.key);
    this.latestJti.set(client.clientId, jti);
    return { auth_token: token, expired_at: expiredAt };
  }

  /**
   * The account claims. 'sdk': as UQPAY's Node (src/auth.ts) and Python (uqpay/auth.py) SDKs decode them, the account
   * in entity_id; 'legacy': account_id only, as one older docs example shows.
   */
  private claims(client: Caller): Record<string, string> {
    if (this.claimStyle === 'legacy') return { account_id: client.accountId, client_id: client.clientId };
    const account = this.accounts(client.accountId);
    return {
      entity_id: client.accountId,
      short_entity_id: account?.short_reference_id ?? '',
      // The master's parent: UQPAY writes "0" for "none" in its account fields (direct_id); unsure for this claim.
      parent_entity_id: account?.parent_id ?? '0',
      client_id: client.clientId,
      api_version: 'V1.6.0',
      bus_type: 'ISSUING',
    };
  }

  async verify(header: string | undefined): Promise<Caller> {
    if (!header) throw unauthorized('x-auth-token header is required');
    const m = /^Bearer (\S+)$/.exec(header);
    if (!m?.[1]) throw unauthorized("x-auth-token must be 'Bearer <auth_token>'");
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(m[1], this.key, { algorithms: ['HS256'], clockTolerance: 0 }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw unauthorized('token has expired');
      throw unauthorized('invalid token');
    }
    const clientId = String(payload.client_id);
    if (typeof payload.gen !== 'number' || payload.gen < this.generation) throw unauthorized('token has expired');
    if (this.invalidateOld && this.latestJti.get(clientId) !== payload.jti) {
      throw unauthorized('token has expired: a newer token was issued for this client');
    }
    const accountId = payload.entity_id ?? payload.account_id;
    if (typeof accountId !== 'string') throw unauthorized('invalid token');
    return { clientId, accountId };
  }

  expireAll(): void {
    this.generation++;
  }
}
