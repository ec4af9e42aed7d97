import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderAccepted } from '../../shared/orders/schemas/order.js';
import { executionArnOf } from '../../shared/platform/aws/workflow.js';
import { availableStock } from '../support/stock.js';
import { deployedStack, givenCustomer, givenProduct, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';

/**
 * An execution that ends without reaching its close step (stopped by hand, timed out, failed outright) leaves its
 * order open and its stock reserved; its status-change event closes the order at once through the close rule.
 */
describe('given an allocated order waiting for the warehouse', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let gtin: string;
  let orderId: string;

  beforeAll(async () => {
    api = await portalApi(outputs);
    gtin = await givenProduct({ quantity: 10 });
    const customerId = await givenCustomer();
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      headers: { 'idempotency-key': idempotencyKey() },
      body: newOrder({ customerId, lines: [{ gtin, quantity: 3 }] }),
    });
    expect(placed.status, placed.text).toBe(202);
    orderId = placed.body.orderId;
    await waitForOrder(api, orderId, ['READY_TO_PICK']);
    expect(await availableStock(gtin)).toEqual({ T1: 7 });
  });

  it('when its execution is stopped (StopExecution), then the order is closed FAILED with the reason and its reservation is given back', async () => {
    await new SFNClient({}).send(
      new StopExecutionCommand({ executionArn: executionArnOf(outputs.StateMachineArn, orderId), error: 'Operator', cause: 'stopped by hand' }),
    );

    const order = await waitForOrder(api, orderId, ['FAILED', 'REJECTED', 'NEEDS_ATTENTION'], 30_000);
    expect(order.status).toBe('FAILED');
    expect(order.statusReason).toBe('technical failure: the order workflow ended ABORTED while the order was READY_TO_PICK');
    expect(await availableStock(gtin)).toEqual({ T1: 10 });
  });
});
