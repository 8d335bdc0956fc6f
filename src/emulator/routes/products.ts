import type { FastifyInstance } from 'fastify';
import type { EmulatorCore } from '../core';
import { defineRoute } from '../router';
import { page, paging } from '../validation';

export function registerProducts(app: FastifyInstance, core: EmulatorCore): void {
  defineRoute(app, core, {
    method: 'GET',
    path: '/v1/issuing/products',
    handler: ({ core: c, query }) => {
      const products = [...c.state.products.values()];
      return page(products, paging(query), (p) => c.views.product(p));
    },
  });
}
