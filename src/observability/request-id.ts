// One id per HTTP request: taken from a well-formed `x-request-id` (a load balancer's; never one holding a
// PAN-shaped number) or made here, echoed on the response, written on every log line and sent to UQPAY with each
// upstream call.
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { containsPan } from '../redact';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const ids = new WeakMap<Request, string>();

/** The request's id; assigned on first ask, so it is stable whichever hook or the context asks first. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const given = request.headers.get('x-request-id');
    // Echoed, logged and sent upstream: a card number in it is replaced like any malformed id.
    id = given && REQUEST_ID.test(given) && !containsPan(given) ? given : randomUUID();
    ids.set(request, id);
  }
  return id;
}

export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      requestIdOf(request);
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}
