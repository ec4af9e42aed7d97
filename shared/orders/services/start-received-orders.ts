import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { orderEnteringReceived } from '../domain/workflow-outbox.js';
import { logger } from '../../platform/observability.js';
import { startWorkflow } from './start-workflow.js';
import type { TableStreamRecord } from './table-stream-record.js';

const imageOf = (image: Record<string, unknown> | undefined) => (image ? unmarshall(image as Record<string, AttributeValue>) : undefined);

/**
 * The stream's safety net behind intake: every order that entered RECEIVED
 * gets its workflow, even if the intake Lambda stopped between its table
 * write and its StartExecution. Usually intake started it a moment earlier
 * and this start is a no-op. Returns the sequence numbers of the records
 * whose start failed, for the stream to retry.
 */
export async function startWorkflowsOfReceivedOrders(
  records: readonly TableStreamRecord[],
  stateMachineArn: string,
  deps: { startWorkflow: typeof startWorkflow } = { startWorkflow },
): Promise<string[]> {
  const failed: string[] = [];
  await Promise.all(
    records.map(async (record) => {
      const orderId = orderEnteringReceived(record.eventName, imageOf(record.dynamodb?.NewImage), imageOf(record.dynamodb?.OldImage));
      if (!orderId) return;
      try {
        await deps.startWorkflow(stateMachineArn, orderId);
      } catch (error) {
        logger.warn('order workflow not started', { orderId, error: error instanceof Error ? error.name : String(error) });
        failed.push(record.dynamodb?.SequenceNumber ?? '');
      }
    }),
  );
  return failed;
}
