// The UQPAY client the gateway creates once: the typed API (resources/) over the call pipeline (transport/). The
// upstream economy (economy/) plugs into the pipeline as middleware given in the options.
import type { UqpayApi } from './resources/api';
import { createUqpayApi } from './resources/create-api';
import { createUpstream, type UqpayClientOptions } from './transport/client';

export interface UqpayClient {
  api: UqpayApi;
  /** Obtains a token (for /ready): proves credentials and reachability. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createUqpayClient(opts: UqpayClientOptions): UqpayClient {
  const upstream = createUpstream(opts);
  return {
    api: createUqpayApi(upstream.handle, upstream.masterAccountId),
    ready: upstream.ready,
    close: upstream.close,
  };
}
