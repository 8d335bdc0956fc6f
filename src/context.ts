// Per-request context: who is calling, which account the request acts for, and per-account loaders so that
// nested `Account` objects (connectedAccounts) read on behalf of THEIR account with their own caches.
import { randomUUID } from 'node:crypto';
import { EXPLORER, actingAccount, assertMayActFor, type Caller } from './access/caller';
import { callerOf } from './access/plugin';
import { CallMeter } from './access/upstream-calls';
import { MemoryLedgerStore, createIdempotencyLedger, type IdempotencyLedger } from './access/idempotency';
import {
  createLoaders,
  type LoaderOptions,
  type RequestScope,
  type UqpayApi,
  type UqpayLoaders,
} from './datasources/uqpay';
import { badUserInput, gatewayError } from './errors/graphql';
import { requestAbortedOf, requestSignalOf } from './execution/timeout';
import type { Logger } from './logger';
import { createEventAudience, type EventAudience } from './events/audience';
import type { EventLog } from './events/log';
import { requestIdOf } from './observability/request-id';

export type { Caller, UqpayLoaders };

/** One account's view of UQPAY: the scope every upstream call carries and the loaders caching its reads. */
export interface AccountView {
  /** undefined = the master account (no x-on-behalf-of sent upstream). */
  accountId: string | undefined;
  scope: RequestScope;
  loaders: UqpayLoaders;
  /** Memoises a read for this account for the rest of the request (e.g. the balance list). */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

export interface GatewayContext {
  requestId: string;
  caller: Caller;
  api: UqpayApi;
  logger: Logger;
  /** The account this request acts for (from `x-on-behalf-of`). */
  account: AccountView;
  /** The cached view for another account; the same object for the same id within a request. */
  forAccount(accountId: string | undefined): AccountView;
  /** Remembers which account an object was read for, so its nested fields read for the same account. */
  adopt<T extends object>(view: AccountView, value: T): T;
  /** The account an object was read for; the request's account when it was never adopted elsewhere. */
  viewOf(value: object): AccountView;
  /** Verified UQPAY webhook events, for subscriptions and the `events` query (the event log). */
  eventLog: EventLog;
  /** For master-level calls that name no acting account (connected accounts): metered and attributed like the rest. */
  masterScope: RequestScope;
  /** This operation's upstream calls, limited once execution starts (the per-operation call limit). */
  upstreamCalls: CallMeter;
  /** Idempotency keys: required for money-moving mutations, and a key's first use recorded. */
  idempotency: IdempotencyLedger;
  /** Which account owns an event's subject, answered once for all subscribers (webhooks name no account). */
  audience: EventAudience;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERIFIED_ACCOUNT_TTL_MS = 5 * 60_000;

export interface ContextFactoryDeps {
  api: UqpayApi;
  logger: Logger;
  loaderConcurrency: number;
  eventLog: EventLog;
  /** Shared by every subscription this factory serves; one is created when not given. */
  audience?: EventAudience;
  /** Each loader batch's size (the batch-size metric). */
  onBatch?: (loader: string, size: number) => void;
  /** The idempotency-key record (default: in memory, keys required). */
  idempotency?: IdempotencyLedger;
}

/**
 * Builds the per-request context. Kept small on purpose: the gateway is benchmarked against a hand-written
 * proxy, so the only work here is reading two headers and creating the request's loaders.
 */
export function createContextFactory(deps: ContextFactoryDeps) {
  // Accounts named by x-on-behalf-of that UQPAY confirmed recently: unknown ids become a clean 400 up front
  // instead of failing each field, at one upstream call per account per TTL.
  const verified = new Map<string, number>();
  const idempotency =
    deps.idempotency ??
    createIdempotencyLedger({ required: true, store: new MemoryLedgerStore(), secret: randomUUID() });
  const audience = deps.audience ?? createEventAudience();

  async function verifyAccount(accountId: string, scope: RequestScope): Promise<void> {
    const until = verified.get(accountId);
    if (until !== undefined && until > Date.now()) return;
    try {
      await deps.api.accounts.retrieve(scope, accountId);
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) {
        const message = `x-on-behalf-of: no connected account ${accountId} exists for these credentials.`;
        throw gatewayError('ACCOUNT_NOT_FOUND', message);
      }
      throw err;
    }
    if (verified.size > 10_000) verified.clear();
    verified.set(accountId, Date.now() + VERIFIED_ACCOUNT_TTL_MS);
  }

  const loaderOptions = { concurrency: deps.loaderConcurrency, onBatch: deps.onBatch };

  /**
   * The request's context; a promise only when `x-on-behalf-of` names an account UQPAY has not confirmed
   * recently. Synchronous otherwise, so yoga goes on to execute without waiting a turn.
   */
  return function buildContext({ request }: { request: Request }): GatewayContext | Promise<GatewayContext> {
    const requestId = requestIdOf(request);
    // Open explorer mode unless the access plugin authenticated the request as a key's client.
    const caller = callerOf(request) ?? EXPLORER;
    const header = request.headers.get('x-on-behalf-of')?.trim() || undefined;
    if (header !== undefined && !UUID_RE.test(header)) {
      throw badUserInput('x-on-behalf-of must be the UUID of a connected account.');
    }
    const onBehalfOf = actingAccount(caller, header);
    const meter = new CallMeter();
    const views = new AccountViews(deps.api, loaderOptions, request, requestId, meter, caller);
    const account = views.get(onBehalfOf?.toLowerCase());
    const context: GatewayContext = {
      requestId,
      caller,
      api: deps.api,
      logger: deps.logger,
      eventLog: deps.eventLog,
      masterScope: new Scope(undefined, requestId, meter, caller.name, request),
      upstreamCalls: meter,
      idempotency,
      audience,
      account,
      forAccount: (accountId) => views.get(accountId),
      adopt: (view, value) => views.adopt(view, value),
      viewOf: (value) => views.viewOf(value),
    };
    if (onBehalfOf !== undefined && onBehalfOf !== caller.account) {
      return verifyAccount(account.accountId!, { requestId, client: caller.name }).then(() => context);
    }
    return context;
  };
}

/**
 * The scope every upstream call of the request carries, for one account. A class: one small object per account
 * per request, its signal getter shared on the prototype.
 */
class Scope implements RequestScope {
  constructor(
    readonly accountId: string | undefined,
    readonly requestId: string,
    readonly meter: CallMeter,
    readonly client: string,
    private readonly request: Request,
  ) {}

  /**
   * Fires when the request timeout abandons the execution: its upstream calls stop too. Created on first read
   * (an upstream call), not per request.
   */
  get signal(): AbortSignal {
    return requestSignalOf(this.request);
  }

  /** Whether the request timeout fired, without making the signal: a call checks this before it starts. */
  get aborted(): boolean {
    return requestAbortedOf(this.request);
  }
}

/** One account's view: its scope, its loaders (each created on first use) and its memoised reads. */
class View implements AccountView {
  readonly scope: Scope;
  readonly loaders: UqpayLoaders;
  private memo?: Map<string, Promise<unknown>>;

  constructor(
    readonly accountId: string | undefined,
    scope: Scope,
    api: UqpayApi,
    loaderOptions: LoaderOptions,
  ) {
    this.scope = scope;
    this.loaders = createLoaders(api, scope, loaderOptions);
  }

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const memo = (this.memo ??= new Map());
    let hit = memo.get(key) as Promise<T> | undefined;
    if (!hit) memo.set(key, (hit = read()));
    return hit;
  }
}

/** The request's account views: the same object for the same account id, and which view each object belongs to. */
class AccountViews {
  private first?: View;
  private others?: Map<string | undefined, View>;
  private tags?: WeakMap<object, AccountView>;

  constructor(
    private readonly api: UqpayApi,
    private readonly loaderOptions: LoaderOptions,
    private readonly request: Request,
    private readonly requestId: string,
    private readonly meter: CallMeter,
    private readonly caller: Caller,
  ) {}

  get(accountId: string | undefined): AccountView {
    const first = this.first;
    if (first === undefined) return (this.first = this.create(accountId));
    if (first.accountId === accountId) return first;
    let view = this.others?.get(accountId);
    if (!view) {
      // Nested Account objects switch accounts too: a partner key never reaches past its own.
      assertMayActFor(this.caller, accountId);
      view = this.create(accountId);
      (this.others ??= new Map()).set(accountId, view);
    }
    return view;
  }

  /** Remembers an object read for another account than the request's. */
  adopt<T extends object>(view: AccountView, value: T): T {
    if (view !== this.first) (this.tags ??= new WeakMap()).set(value, view);
    return value;
  }

  viewOf(value: object): AccountView {
    return this.tags?.get(value) ?? this.first!;
  }

  private create(accountId: string | undefined): View {
    const scope = new Scope(accountId, this.requestId, this.meter, this.caller.name, this.request);
    return new View(accountId, scope, this.api, this.loaderOptions);
  }
}
