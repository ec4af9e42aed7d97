import { LOCAL_PARTNERS } from '../../infra/local/demo-data.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack, givenCustomer, givenProduct, newOrder } from '../support/stack.js';
import { fakeWorkflow } from '../support/fake-ports.js';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

describe('given an order whose workflow could not be started when it was placed (Step Functions throttled)', () => {
  const outputs = deployedStack();
  let intake: typeof import('../../shared/orders/services/place-order.js');

  beforeAll(async () => {
    intake = await import('../../shared/orders/services/place-order.js');
  });

  it('when the same request is retried with the same Idempotency-Key, then it is answered CREATED with the same order id and its workflow is started', async () => {
    const [customerId, gtin] = await Promise.all([givenCustomer(), givenProduct()]);
    const settings = { stateMachineArn: outputs.StateMachineArn, nearDuplicateWindowHours: 72, partners: LOCAL_PARTNERS };
    const request = newOrder({ customerId, lines: [{ gtin, quantity: 2 }] });
    const submitter = { channel: 'portal' as const, principal: 'client:test', requestKey: `key-${customerId}` };
    const workflow = fakeWorkflow();
    workflow.failWith(throttled());
    await expect(intake.placeOrder(request, submitter, settings, new Date(), workflow)).rejects.toThrow('Rate exceeded');
    workflow.recover();

    const retried = await intake.placeOrder(request, submitter, settings, new Date(), workflow);

    expect(retried).toMatchObject({ outcome: 'CREATED', status: 'RECEIVED' });
    const orderId = retried.outcome === 'CREATED' ? retried.orderId : '';
    expect([...workflow.started.keys()]).toEqual([orderId]);
    expect(workflow.started.get(orderId)?.input).toEqual({ orderId });
  });

  it('when the same customer PO is sent again under another Idempotency-Key, then it is still a duplicate and nothing is started', async () => {
    const [customerId, gtin] = await Promise.all([givenCustomer(), givenProduct()]);
    const settings = { stateMachineArn: outputs.StateMachineArn, nearDuplicateWindowHours: 72, partners: LOCAL_PARTNERS };
    const request = newOrder({ customerId, lines: [{ gtin, quantity: 2 }] });
    const workflow = fakeWorkflow();
    const first = await intake.placeOrder(request, { channel: 'portal', principal: 'client:test', requestKey: 'first' }, settings, new Date(), workflow);
    expect(first.outcome).toBe('CREATED');

    const again = await intake.placeOrder(request, { channel: 'portal', principal: 'client:test', requestKey: 'second' }, settings, new Date(), workflow);

    expect(again).toMatchObject({ outcome: 'EXACT_DUPLICATE', existingOrderId: first.outcome === 'CREATED' ? first.orderId : '' });
    expect(workflow.started.size).toBe(1);
  });
});
