import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../../platform/aws/sfn.js';

/**
 * Starts an order's workflow, named by the order id. A second start of the
 * same order (a retried request, or the stream's safety net after intake
 * already started it) finds it and changes nothing: AWS answers a running
 * execution with the same name and input with that execution, and refuses a
 * finished one with ExecutionAlreadyExists.
 */
export async function startWorkflow(stateMachineArn: string, orderId: string): Promise<void> {
  try {
    await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name: orderId, input: JSON.stringify({ orderId }) }));
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return;
    throw error;
  }
}
