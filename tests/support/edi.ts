import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import type { StackOutputs } from '../../infra/local/deploy.js';
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

export function postInterchange(api: ApiClient, text: string, accept = 'application/json') {
  return api.request('POST', '/v1/channels/edi/x12', { body: text, headers: { 'content-type': 'application/edi-x12', accept } });
}

export async function waitForAck(api: ApiClient, path: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await api.request('GET', path, { headers: { accept: 'application/json' } });
    if (response.status === 200) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no 855 at ${path}`);
}

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
    async next(detailType: string, timeoutMs = 30_000): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        for (const message of Messages) {
          const event = JSON.parse(message.Body ?? '{}');
          if (event['detail-type'] === detailType) return event;
        }
      }
      throw new Error(`no ${detailType} event for ${customerId}`);
    },
  };
}
