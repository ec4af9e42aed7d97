import { startExecution } from '../../platform/aws/workflow.js';

/**
 * Starts an order's workflow, named by the order id. A second start of the
 * same order (a retried request, or the stream's safety net after intake
 * already started it) finds it and changes nothing: startExecution answers
 * it as already started.
 */
export async function startWorkflow(
  stateMachineArn: string,
  orderId: string,
  deps: { startExecution: typeof startExecution } = { startExecution },
): Promise<void> {
  await deps.startExecution(stateMachineArn, orderId, { orderId });
}
