import type { RouteDef } from '../route';
import { page, paging } from '../validation';

export const productRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/issuing/products',
    handler: ({ core: c, query }) => {
      const products = [...c.state.products.values()];
      return page(products, paging(query), (p) => c.views.product(p));
    },
  },
];
