import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import type { StackOutputs } from '../../infra/local/deploy.js';
import { EdiInterchangeResult, PoAcknowledgmentView } from '../../shared/channels/schemas/edi.js';
import type { ApiClient } from './stack.js';

let controlCounter = Math.floor(Math.random() * 1000);
/** A fresh interchange control number; senders are unique per test, so these never collide. */
export const nextControlNumber = () => String(++controlCounter);

/** A trading partner of its own (ISA06 at most 15 characters) for the given customer, with a cross-reference. */
export async function givenTradingPartner(customerId: string): Promise<string> {
  const { seedMasterData } = await import('../../infra/local/master-data.js');
  const { DEMO_PRICE_LIST } = await import('../../infra/local/demo-data.js');
  const partnerId = `T${Date.now().toString(36).slice(-6)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  await seedMasterData({
    priceList: DEMO_PRICE_LIST,
    customers: [],
    products: [],
    lots: [],
    tradingPartners: [{ partnerId, name: `Test partner ${partnerId}`, interchangeQualifier: 'ZZ', customerId }],
    productXrefs: [{ partnerId, entries: [{ qualifier: 'VC', productId: 'SYR-5ML-100', gtin: '05012345678900' }] }],
  });
  return partnerId;
}

/** Posts an interchange asking for the JSON summary (EdiInterchangeResult), or a problem. */
export function postInterchange(api: ApiClient, text: string) {
  return api.json(EdiInterchangeResult, 'POST', '/v1/channels/edi/x12', {
    body: text,
    headers: { 'content-type': 'application/edi-x12', accept: 'application/json' },
  });
}

/** Posts an interchange asking for the 997 itself: the answer is X12 text, read raw. */
export function postInterchangeX12(api: ApiClient, text: string) {
  return api.request('POST', '/v1/channels/edi/x12', { body: text, headers: { 'content-type': 'application/edi-x12', accept: 'application/edi-x12' } });
}

export async function waitForAck(api: ApiClient, path: string, timeoutMs = 60_000): Promise<PoAcknowledgmentView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await api.json(PoAcknowledgmentView, 'GET', path, { headers: { accept: 'application/json' } });
    if (response.status === 200) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no 855 at ${path}`);
}

/**
 * An event of the bus as EventBridge delivers it (published by
 * shared/orders/domain/domain-events.ts, which has no schema of its own):
 * the fields the tests read.
 */
export const BusEvent = z.looseObject({
  'detail-type': z.string(),
  detail: z.looseObject({
    eventId: z.string(),
    orderId: z.string(),
    customerId: z.string(),
    controlNumber: z.string().optional(),
    status: z.string().optional(),
    replaces: z.string().optional(),
    x12: z.string(),
  }),
});
export type BusEvent = z.infer<typeof BusEvent>;
const DetailType = z.looseObject({ 'detail-type': z.string() });

/**
 * A tap on the event bus for one test: an SQS queue with a rule that
 * matches one customer's events, created by the test itself (the stack has
 * no consumer of its own yet).
 */
export async function tapEvents(outputs: StackOutputs, customerId: string) {
  const sqs = new SQSClient({});
  const events = new EventBridgeClient({});
  const name = `edi-tap-${customerId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 64);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: outputs.EventBusName,
      EventPattern: JSON.stringify({ source: ['o2c.orders'], detail: { customerId: [customerId] } }),
    }),
  );
  await events.send(new PutTargetsCommand({ Rule: name, EventBusName: outputs.EventBusName, Targets: [{ Id: 'tap', Arn: Attributes!.QueueArn! }] }));
  return {
    async next(detailType: string, timeoutMs = 30_000): Promise<BusEvent> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        for (const message of Messages) {
          const event: unknown = JSON.parse(message.Body ?? '{}');
          if (DetailType.safeParse(event).data?.['detail-type'] === detailType) return BusEvent.parse(event);
        }
      }
      throw new Error(`no ${detailType} event for ${customerId}`);
    },
  };
}
