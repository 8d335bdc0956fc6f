import type { RouteDef } from '../route';

export const tokenRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v1/connect/token',
    auth: 'client',
    handler: ({ core: c, caller }) => c.tokens.issue(caller),
  },
];
