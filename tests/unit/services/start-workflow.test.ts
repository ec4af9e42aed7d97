import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { startWorkflow } from '../../../shared/orders/services/start-workflow.js';
import { startWorkflowsOfReceivedOrders } from '../../../shared/orders/services/start-received-orders.js';
import { fakeWorkflow } from '../../support/fake-ports.js';

const MACHINE = 'arn:aws:states:eu-central-1:000000000000:stateMachine:order-fulfilment';
const ORDER_ID = 'ORD-01JD0000000000000000000004';

describe('given the order workflow state machine', () => {
  it('when an order’s workflow is started, then it runs under the order id with the order id as input', async () => {
    const workflow = fakeWorkflow();
    await startWorkflow(MACHINE, ORDER_ID, workflow);
    expect([...workflow.started]).toEqual([[ORDER_ID, { stateMachineArn: MACHINE, input: { orderId: ORDER_ID } }]]);
  });

  it('when the same order is started again (a retried request, or the stream after intake), then it resolves as already started and starts nothing new', async () => {
    const workflow = fakeWorkflow();
    await startWorkflow(MACHINE, ORDER_ID, workflow);
    await expect(startWorkflow(MACHINE, ORDER_ID, workflow)).resolves.toBeUndefined();
    expect(workflow.started.size).toBe(1);
  });

  it('when Step Functions refuses for another reason, then the error reaches the caller', async () => {
    const workflow = fakeWorkflow();
    workflow.failWith(Object.assign(new Error('state machine is being deleted'), { name: 'StateMachineDeleting' }));
    await expect(startWorkflow(MACHINE, ORDER_ID, workflow)).rejects.toThrow('state machine is being deleted');
  });
});

const orderId = (letter: string) => `ORD-01JD${letter.padStart(22, '0')}`;
const [A, B, C] = [orderId('A'), orderId('B'), orderId('C')];

const orderRecord = (sequenceNumber: string, id: string, status: string, previous?: string): DynamoDBRecord => ({
  eventName: previous ? 'MODIFY' : 'INSERT',
  dynamodb: {
    SequenceNumber: sequenceNumber,
    NewImage: marshall({ PK: `ORDER#${id}`, SK: 'ORDER', _et: 'Order', status }) as never,
    ...(previous ? { OldImage: marshall({ PK: `ORDER#${id}`, SK: 'ORDER', _et: 'Order', status: previous }) as never } : {}),
  },
});

describe('given a batch of table stream records', () => {
  it('when orders enter RECEIVED (new, or a held near duplicate kept), then each gets its workflow and orders moving on from RECEIVED are left alone', async () => {
    const started: string[] = [];
    const failed = await startWorkflowsOfReceivedOrders(
      [orderRecord('1', A, 'RECEIVED'), orderRecord('2', B, 'VALIDATED', 'RECEIVED'), orderRecord('3', C, 'RECEIVED', 'POSSIBLE_DUPLICATE')],
      MACHINE,
      { startWorkflow: async (_arn, id) => void started.push(id) },
    );
    expect(started.sort()).toEqual([A, C]);
    expect(failed).toEqual([]);
  });

  it('when one start fails, then only that record’s sequence number is returned for the stream to retry', async () => {
    const failed = await startWorkflowsOfReceivedOrders([orderRecord('1', A, 'RECEIVED'), orderRecord('2', B, 'RECEIVED')], MACHINE, {
      startWorkflow: async (_arn, id) => {
        if (id === B) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      },
    });
    expect(failed).toEqual(['2']);
  });
});
