import { beforeAll, describe, expect, it } from 'vitest';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import { uniqueId } from '../support/fixtures.js';
import { deployedStack, givenCustomer } from '../support/stack.js';
import { STREAM_CONSUMER_LAG_MS, STREAM_TEST_TIMEOUT_MS } from '../support/stream.js';

/**
 * The crash this guards against: intake wrote the order (the commitment to the
 * customer) and then stopped before StartExecution. Here the order is written
 * exactly like intake writes it, and nobody starts its workflow: the deployed
 * stack's stream relay must. (An end-to-end test: it observes the deployed
 * wiring, table stream -> publisher -> Step Functions. It runs with the e2e
 * tier, before the integration tier's bulk writes put the emulator's single
 * stream shard minutes behind.)
 */
describe('given an order written as RECEIVED whose intake stopped before starting its workflow', { timeout: STREAM_TEST_TIMEOUT_MS }, () => {
  deployedStack();
  let orders: typeof import('../../shared/orders/data/order-repository.js');

  beforeAll(async () => {
    orders = await import('../../shared/orders/data/order-repository.js');
  });

  it('when the table stream relays the write, then the workflow runs anyway and takes the order to a decision', async () => {
    // A USD customer: no price list, so the workflow decides quickly (rejected at pricing) without touching stock.
    const customerId = await givenCustomer({ currency: 'USD' });
    const orderId = newOrderId();
    await orders.createOrder(
      {
        orderId,
        status: 'RECEIVED',
        channel: 'portal',
        submittedBy: 'client:relay-test',
        customerId,
        customerPo: uniqueId('PO'),
        shipTo: { name: 'ACME University Hospital', line1: '1 Hospital Road', city: 'Springfield', postalCode: '12345', country: 'US' },
        lines: [{ lineNo: 1, gtin: '05012345678917', quantity: 1, unitOfMeasure: 'EA' }],
      },
      { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'client:relay-test' },
      new Date().toISOString(),
    );

    const deadline = Date.now() + STREAM_CONSUMER_LAG_MS;
    let order = await orders.getOrder(orderId);
    while (!['REJECTED', 'FAILED', 'ARCHIVED'].includes(order.status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      order = await orders.getOrder(orderId);
    }
    expect(order.status).toBe('REJECTED');
    const timeline = (await orders.getTimeline(orderId)).map((event) => event.status);
    expect(timeline.slice(0, 2)).toEqual(['RECEIVED', 'VALIDATED']);
    // Started once: a second start (the relay after intake) never ran the order twice.
    expect(timeline.filter((status) => status === 'VALIDATED')).toHaveLength(1);
  });
});
