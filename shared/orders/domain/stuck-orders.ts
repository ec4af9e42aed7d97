import type { OrderStatus } from '../schemas/order.js';
import type { RequestedClosure } from './closure.js';
import type { ExecutionStatus } from '../../platform/domain/executions.js';

/**
 * Statuses an order rests in without a workflow on purpose: its ends, an order
 * held as a possible duplicate (someone merges, keeps or cancels it), and one
 * that needs attention (an operator settles it).
 */
const WITHOUT_WORKFLOW: ReadonlySet<OrderStatus> = new Set(['ARCHIVED', 'REJECTED', 'FAILED', 'MERGED', 'CANCELLED', 'POSSIBLE_DUPLICATE', 'NEEDS_ATTENTION']);

/** Whether only the order workflow moves an order out of this status (so an execution should be running for it). */
export const movedByWorkflow = (status: OrderStatus): boolean => !WITHOUT_WORKFLOW.has(status);

export type StuckVerdict = { stuck: false } | { stuck: true; closure: RequestedClosure; reason: string };

/**
 * Is an order stuck: in a status only its workflow moves it out of, while no
 * execution of the workflow runs for it (it timed out, failed or was stopped
 * without reaching the close step, or it is gone)? A stuck order is closed as
 * a technical failure through the close rule (closingOf): stock back, exposure
 * ended, or NEEDS_ATTENTION once goods have shipped. A RECEIVED order without
 * an execution is not stuck: the table stream's relay starts it.
 */
export function stuckVerdictOf(status: OrderStatus, execution: ExecutionStatus): StuckVerdict {
  if (!movedByWorkflow(status)) return { stuck: false };
  if (execution === 'RUNNING' || execution === 'PENDING_REDRIVE') return { stuck: false };
  if (execution === 'NOT_FOUND') {
    if (status === 'RECEIVED') return { stuck: false };
    return { stuck: true, closure: 'FAILED', reason: `technical failure: the order is ${status} and has no workflow execution` };
  }
  return { stuck: true, closure: 'FAILED', reason: `technical failure: the order workflow ended ${execution} while the order was ${status}` };
}
