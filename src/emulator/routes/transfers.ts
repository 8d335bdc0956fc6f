import { randomUUID } from 'node:crypto';
import { badRequest, invalidField, notFound } from '../errors';
import type { Cents } from '../money';
import type { RouteDef } from '../route';
import { shortRef, type Transfer } from '../state';
import { bodyObject } from '../validation';

export const transferRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/v1/issuing/transfers',
    handler: ({ core: c, store, caller, body }) => {
      const f = bodyObject(body, c.options.amountInput);
      const sourceId = f.uuid('source_account_id', { required: true }) as string;
      const destId = f.uuid('destination_account_id', { required: true }) as string;
      const currency = f.currency('currency', { required: true }) as string;
      const amount = f.amount('amount', { required: true }) as Cents;
      const remark = f.string('remark', { max: 200 }) ?? null;
      if (sourceId === destId) throw invalidField('destination_account_id', 'must differ from source_account_id');

      // Funds move only between the master and one of its own sub-accounts, by a party to the transfer.
      const masterId = store.account.parent_id ?? store.id;
      const family = (id: string, field: string) => {
        const s = c.state.accounts.get(id);
        if (!s || (s.id !== masterId && s.account.parent_id !== masterId) || s.account.status !== 'ACTIVE') {
          throw badRequest('account_error', 'sub_account_not_found', `${field}: account ${id} not found`);
        }
        return s;
      };
      const src = family(sourceId, 'source_account_id');
      const dst = family(destId, 'destination_account_id');
      if (src.id !== masterId && dst.id !== masterId) {
        throw invalidField('destination_account_id', 'transfers go between the master account and a sub-account');
      }
      if (store.id !== masterId && store.id !== src.id && store.id !== dst.id) {
        throw badRequest(
          'account_error',
          'sub_account_not_found',
          'the acting account is not a party to this transfer',
        );
      }

      const now = Date.now();
      const id = randomUUID();
      // move() refuses a short source before anything changes, so a failed transfer leaves no trace.
      src.move(currency, -amount, 'TRANSFER_OUT', `transfer ${id} to ${dst.id}`, now);
      dst.move(currency, amount, 'TRANSFER_IN', `transfer ${id} from ${src.id}`, now);
      const t: Transfer = {
        seq: c.state.nextSeq(),
        transfer_id: id,
        reference_id: shortRef('T', id, now),
        source_account_id: src.id,
        destination_account_id: dst.id,
        amount,
        fee_amount: 0n,
        currency,
        transfer_status: 'completed',
        create_time: now,
        complete_time: now,
        creator_id: caller.clientId,
        remark,
      };
      c.state.transfers.set(id, t);
      // UQPAY answers with the id only (Go CreateTransferResponse); the transfer is read with GET.
      return c.options.transferCreateResponse === 'full' ? c.views.transfer(t) : { transfer_id: id };
    },
  },

  {
    method: 'GET',
    path: '/v1/issuing/transfers/{id}',
    handler: ({ core: c, store, params }) => {
      const t = c.state.transfers.get(String(params.id).toLowerCase());
      const visible = t && (store.id === t.source_account_id || store.id === t.destination_account_id);
      if (!t || !visible) {
        throw notFound('invalid_request_error', 'transfer_not_found', `transfer ${params.id} not found`);
      }
      return c.views.transfer(t);
    },
  },
];
