import { DescribeExecutionCommand, DescribeStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StackOutputs } from '../../infra/local/deploy.js';
import { partnerClientIds } from '../../infra/local/channel-client.js';
import { TEST_PARTNER_OF } from '../../infra/local/demo-data.js';
import { createOrder } from '../../shared/orders/data/order-repository.js';
import { documentClient } from '../../shared/platform/aws/dynamodb.js';
import { sfnClient } from '../../shared/platform/aws/sfn.js';
import { newOrderId } from '../../shared/platform/domain/ids.js';
import { FaultRule } from '../../shared/platform/domain/fault-plan.js';
import { FAULT_PARTITION_PREFIX } from '../../shared/platform/domain/table-layout.js';
import { retrierFor, type Definition, type State } from '../cdk/state-machine-definition.js';
import { uniqueId } from './fixtures.js';

/** A fault for one function (its declaration id, e.g. "Ship") and one subject (an order id, an Idempotency-Key). */
export interface PlannedFault {
  target: string;
  rule: FaultRule;
}

const tableName = () => {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set: call deployedStack() first');
  return name;
};

/** Writes a fault into the deployed stack's plan (the stack was deployed with faultInjection=true). */
export async function planFault(subject: string, fault: PlannedFault): Promise<void> {
  await documentClient.send(
    new PutCommand({ TableName: tableName(), Item: { PK: `${FAULT_PARTITION_PREFIX}${fault.target}`, SK: subject, ...FaultRule.parse(fault.rule) } }),
  );
}

/** The fault as the functions left it: `injected` is how many invocations it hit. */
export async function plannedFault(subject: string, target: string): Promise<FaultRule | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: { PK: `${FAULT_PARTITION_PREFIX}${target}`, SK: subject }, ConsistentRead: true }),
  );
  return Item ? FaultRule.parse(Item) : undefined;
}

/**
 * An order whose faults are planned before its workflow starts: the faults are written first, then the order as
 * intake writes it (RECEIVED, from the portal client), then its workflow is started as intake starts it (the stream
 * relay's own start finds it running). Order ids are made by intake, so an order placed through the API could pass
 * its first steps before a fault for it is written.
 */
export async function givenOrderWithFaults(
  outputs: StackOutputs,
  order: { customerId: string; gtin: string; quantity: number },
  faults: readonly PlannedFault[],
): Promise<string> {
  const orderId = newOrderId();
  for (const fault of faults) await planFault(orderId, fault);
  // The portal test partner's client, so the test's portal API reads the order as its own.
  const submittedBy = `client:${partnerClientIds(outputs)[TEST_PARTNER_OF.portal]}`;
  await createOrder(
    {
      orderId,
      status: 'RECEIVED',
      channel: 'portal',
      submittedBy,
      customerId: order.customerId,
      customerPo: uniqueId('PO-FAULT'),
      shipTo: { name: 'Fault Hospital', line1: '1 Retry Road', line2: uniqueId('Dock'), city: 'Springfield', postalCode: '12345', country: 'US' },
      lines: [{ lineNo: 1, gtin: order.gtin, quantity: order.quantity }],
    },
    { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: `portal:${submittedBy}` },
    new Date().toISOString(),
  );
  try {
    await sfnClient.send(new StartExecutionCommand({ stateMachineArn: outputs.StateMachineArn, name: orderId, input: JSON.stringify({ orderId }) }));
  } catch (error) {
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
  }
  return orderId;
}

/** The deployed order workflow's definition, as Step Functions runs it. */
export async function deployedDefinition(outputs: StackOutputs): Promise<Definition> {
  const machine = await sfnClient.send(new DescribeStateMachineCommand({ stateMachineArn: outputs.StateMachineArn }));
  return JSON.parse(machine.definition ?? '{}') as Definition;
}

/**
 * How many times a state runs a task whose every attempt fails with a technical error: the first attempt and the
 * retries of the retrier that takes it (on AWS the error's own name, `FaultInjected`; on the emulator every function
 * error is `Runtime.HandlerError`, docs/emulator.md gap 3; both fall to the States.TaskFailed retrier).
 */
export function attemptsOf(state: State | undefined): number {
  if (!state) throw new Error('no such state');
  const retrier = retrierFor(state, 'FaultInjected');
  return 1 + (retrier?.MaxAttempts ?? 0);
}

/** The order's execution (named by the order id): how it ended. */
export async function executionOf(outputs: StackOutputs, orderId: string) {
  const executionArn = `${outputs.StateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
  return sfnClient.send(new DescribeExecutionCommand({ executionArn }));
}
