/**
 * TEMPORARY stand-in for C2's src/simulator/{store,api}.ts so the server tests run before those
 * land; each test file mocks the two modules with it (jest.mock … { virtual: true }). Remove the
 * mocks (and this file) once the real store and API exist.
 */
import type { ApiReply, ApiRequest, SimStoreOptions } from '../../src/simulator/types';

export interface StandInStore {
  opts: SimStoreOptions;
  products: { id: number; name: string }[];
  mutate(): void;
}

export function createStore(opts: SimStoreOptions): StandInStore {
  const products = Array.from({ length: opts.products }, (_, i) => ({ id: i + 1, name: `Product ${i + 1}` }));
  return {
    opts,
    products,
    mutate() {
      products.unshift({ id: products.length + 1000, name: 'Inserted' });
    },
  };
}

export function handleApi(store: StandInStore, req: ApiRequest): ApiReply {
  if (req.path === '/v2/store')
    return { status: 200, body: { id: store.opts.storeHash, name: 'Demo store' } };
  if (req.path === '/v3/catalog/products' && req.method === 'GET') {
    const limit = Number(req.query.get('limit') ?? 50);
    const data = store.products.slice(0, limit);
    return {
      status: 200,
      body: { data, meta: { pagination: { total: store.products.length, count: data.length } } },
    };
  }
  if (req.path === '/v3/catalog/products' && req.method === 'POST')
    return { status: 201, body: { data: req.body } };
  if (req.path === '/v2/orders')
    return req.query.get('page') === '2' ? { status: 204 } : { status: 200, body: [] };
  return { status: 404, body: { status: 404, title: 'Not found' } };
}

export function requiredScope(_method: string, path: string): { read: string; write: string } | null {
  const s = (name: string) => ({ read: `${name}_read_only`, write: name });
  if (path.startsWith('/v3/catalog')) return s('store_v2_products');
  if (path.startsWith('/v2/orders')) return s('store_v2_orders');
  if (path === '/v2/store') return s('store_v2_information');
  return null;
}
