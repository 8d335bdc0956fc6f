import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { defineRoute } from '../router';

export function registerToken(app: FastifyInstance, core: EmulatorCore): void {
  defineRoute(app, core, {
    method: 'POST',
    path: '/v1/connect/token',
    auth: 'client',
    handler: ({ core: c, caller }) => c.tokens.issue(caller),
  });
}
