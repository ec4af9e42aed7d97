import { LOCAL_PARTNERS } from '../../infra/local/demo-data.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack, givenCustomer, givenProduct, newOrder } from '../support/stack.js';
import { fakeWorkflow } from '../support/fake-ports.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

describe('given an order written while its client got an error (the workflow start was throttled: 500)', () => {
  const outputs = deployedStack();
  let intake: typeof import('../../shared/orders/services/place-order.js');
  let written: string;
  let customerId: string;
  const submitter = { channel: 'portal' as const, principal: 'client:test', requestKey: `key-${newOrderId()}` };

  beforeAll(async () => {
    intake = await import('../../shared/orders/services/place-order.js');
    const gtin = await givenProduct();
    customerId = await givenCustomer();
    const settings = { stateMachineArn: outputs.StateMachineArn, nearDuplicateWindowHours: 72, partners: LOCAL_PARTNERS };
    const workflow = fakeWorkflow();
    workflow.failWith(throttled());
    const request = newOrder({ customerId, lines: [{ gtin, quantity: 1 }] });
    await expect(intake.placeOrder(request, submitter, settings, new Date(), workflow)).rejects.toThrow('Rate exceeded');
    const { CustomerPoEntity } = await import('../../shared/orders/data/entities.js');
    const { GetItemCommand } = await import('dynamodb-toolbox/entity/actions/get');
    const { Item } = await CustomerPoEntity.build(GetItemCommand).key({ customerId, customerPo: request.customerPo }).send();
    written = Item!.orderId;
  });

  it('when the same caller looks up its Idempotency-Key (without the body), then it finds the order written', async () => {
    expect(await intake.findOrderByRequestKey(submitter)).toBe(written);
  });

  it('when another caller, or the same caller on another channel, looks up the same key, then it finds nothing', async () => {
    expect(await intake.findOrderByRequestKey({ ...submitter, principal: 'client:other' })).toBeUndefined();
    expect(await intake.findOrderByRequestKey({ ...submitter, channel: 'edi' })).toBeUndefined();
  });

  it('when a key nothing was written under is looked up, then it finds nothing', async () => {
    expect(await intake.findOrderByRequestKey({ ...submitter, requestKey: 'never-sent' })).toBeUndefined();
  });
});
