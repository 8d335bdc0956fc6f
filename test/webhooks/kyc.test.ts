// End to end: a STANDARD-KYC cardholder created through the gateway waits in review; the emulator's review control
// approves it and sends `cardholder.kyc.status_changed`, which reaches that cardholder's `cardholderEvents`
// subscriber over SSE. Real HTTP throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../src/webhooks';
import { startHarness, type Harness } from '../harness';
import { subscribe, type SseSubscription } from './sse';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateCardholderInput!) {
    createCardholder(input: $input) {
      cardholder {
        cardholderId
        status
      }
      userErrors {
        code
        message
      }
    }
  }
`;
const CARDHOLDER_EVENTS = /* GraphQL */ `
  subscription ($cardholderId: UUID) {
    cardholderEvents(cardholderId: $cardholderId) {
      eventId
      type
      cardholderId
      cardholderStatus
      data
      cardholder {
        cardholderId
        status
      }
    }
  }
`;

describe('cardholder KYC events', () => {
  let h: Harness;
  const open: SseSubscription[] = [];

  beforeAll(async () => {
    h = await startHarness({ emulator: { kycLevel: 'STANDARD' } });
    h.emulator.setWebhookUrl(h.gateway.url.replace(/\/graphql$/, '') + WEBHOOK_PATH);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await h?.close();
  });

  it('a cardholderEvents subscriber receives cardholder.kyc.status_changed when the review finishes', async () => {
    const created = await h.gql(CREATE, {
      input: {
        firstName: 'Review',
        lastName: 'Pending',
        email: 'review.pending@example.org',
        countryCode: 'SG',
        phoneNumber: '93456780',
        nationality: 'SG',
        identity: { type: 'PASSPORT', number: 'E7654321', frontFile: 'ZnJvbnQ=' },
        residentialAddress: { country: 'SG', city: 'Singapore', line1: '1 Raffles Place' },
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createCardholder.userErrors).toEqual([]);
    const { cardholderId, status } = created.data.createCardholder.cardholder;
    expect(status).toBe('PENDING');

    const s = await subscribe(h.gateway.url, CARDHOLDER_EVENTS, { cardholderId });
    open.push(s);
    expect(s.status).toBe(200);

    const review = await fetch(`${h.emulator.url}/__emulator/cardholders/${cardholderId}/kyc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'SUCCESS' }),
    });
    expect(review.status).toBe(200);

    await s.waitFor(1);
    expect(s.results[0]!.errors).toBeUndefined();
    expect((s.results[0]!.data as { cardholderEvents: unknown }).cardholderEvents).toMatchObject({
      type: 'cardholder.kyc.status_changed',
      cardholderId,
      cardholderStatus: 'SUCCESS',
      data: { cardholder_id: cardholderId, cardholder_status: 'SUCCESS', idv_status: 'PASSED' },
      cardholder: { cardholderId, status: 'SUCCESS' },
    });
    // UQPAY sends the whole profile; the gateway forwards none of it.
    expect(JSON.stringify(s.results)).not.toContain('review.pending@example.org');
    expect(JSON.stringify(s.results)).not.toContain('93456780');
  });
});
