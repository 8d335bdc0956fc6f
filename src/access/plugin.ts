// The yoga plugin that puts the access rules on every GraphQL request: authenticate the key, refuse a partner
// that names another account, and turn introspection off for partners. Non-GraphQL routes (GraphiQL's page,
// /health, /metrics, webhooks) never reach onParams, so they need no key.
import type { ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';
import type { Logger } from '../logger';
import { actingAccount, authenticate, type Caller } from './caller';
import type { KeyRing } from './keys';

const callers = new WeakMap<Request, Caller>();

// graphql's NoSchemaIntrospectionCustomRule, with the error built by yoga's own graphql instance (gatewayError)
// so it is reported as a client error and not masked (test runners can load graphql twice, ESM and CJS).
const NoIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      const message = `GraphQL introspection is not allowed for partner keys, but the query contained ${node.name.value}.`;
      context.reportError(gatewayError('INTROSPECTION_DISABLED', message, { nodes: node }));
    }
  },
});

/** The caller this request was authenticated as, once its parameters were read. */
export function callerOf(request: Request): Caller | undefined {
  return callers.get(request);
}

export interface AccessPluginOptions {
  /** Undefined = open explorer mode: every request is the explorer. */
  keyring: KeyRing | undefined;
  logger?: Logger;
}

export function useAccess(opts: AccessPluginOptions): Plugin {
  return {
    onParams({ request }) {
      const known = callers.get(request);
      if (known) return; // batched operations share one request
      let caller: Caller;
      try {
        caller = authenticate(request.headers.get('authorization'), opts.keyring);
        // Refuse a partner's foreign x-on-behalf-of before any document is looked at.
        actingAccount(caller, request.headers.get('x-on-behalf-of'));
      } catch (err) {
        opts.logger?.warn({ reason: (err as Error).message }, 'access refused');
        throw err;
      }
      callers.set(request, caller);
    },
    onValidate({ addValidationRule, context }) {
      const request = (context as { request?: Request }).request;
      if (request && callers.get(request)?.kind === 'partner') addValidationRule(NoIntrospection);
    },
  };
}

/** Says loudly, once at start-up, who may call this gateway. */
export function announceAccessMode(logger: Logger, keyring: KeyRing | undefined, keysFile: string | undefined): void {
  if (!keyring) {
    // One warn line (JSON logs keep it greppable), in capitals: it must not go unnoticed in a deployment's logs.
    logger.warn(
      { mode: 'open-explorer' },
      'OPEN EXPLORER MODE: no GATEWAY_KEYS_FILE, so ANYONE who can reach this port may run ANY operation for ANY account. ' +
        'Fine on a laptop with the embedded emulator; never expose it.',
    );
    return;
  }
  const partners = keyring.clients.filter((c) => c.kind === 'partner').length;
  logger.info(
    { keysFile, clients: keyring.clients.length, partners, frontends: keyring.clients.length - partners },
    'API keys required (Authorization: Bearer <key>)',
  );
}
