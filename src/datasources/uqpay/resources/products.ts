// Card products: list only (UQPAY has no retrieve-by-id; the product loader serves ids from one list call).
import { normaliseAmountList } from '../transport/amounts';
import { pageOf, qs, type Caller } from './caller';
import type { RequestScope } from '../transport/pipeline';
import type { Page, PageQuery, Product } from './types';

export const PRODUCT_ROUTES = { list: 'GET /v1/issuing/products' } as const;

export function normaliseProduct(p: unknown): void {
  normaliseAmountList(p, 'no_pin_payment_amount');
}

const normaliseProductPage = pageOf(normaliseProduct);

export interface ProductsApi {
  list(scope: RequestScope, query?: PageQuery): Promise<Page<Product>>;
}

export function productsApi(c: Caller): ProductsApi {
  return {
    list: (scope, query) => c.get(scope, PRODUCT_ROUTES.list, `/v1/issuing/products${qs(query)}`, normaliseProductPage),
  };
}
