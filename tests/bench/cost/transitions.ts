import { DescribeStateMachineCommand, GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';

/**
 * Standard workflows bill every state transition, retries included. The
 * emulator's history has a *StateEntered event per top-level state entered;
 * a retried task shows one more scheduled invocation than entries.
 */
export interface ExecutionTransitions {
  transitions: number;
  retries: number;
  states: string[];
}

/**
 * @param nestedTasks Task states run inside Map iterations: their scheduled
 * events appear in the history without a top-level StateEntered, so they are
 * not retries.
 */
export async function transitionsOf(executionArn: string, nestedTasks = 0): Promise<ExecutionTransitions> {
  const sfn = new SFNClient({});
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const entered = events.filter((event) => event.type?.endsWith('StateEntered'));
  const taskEntries = entered.filter((event) => event.type === 'TaskStateEntered').length;
  const scheduled = events.filter((event) => event.type === 'LambdaFunctionScheduled' || event.type === 'TaskScheduled').length;
  const retries = Math.max(0, scheduled - taskEntries - nestedTasks);
  return { transitions: entered.length + retries, retries, states: entered.map((event) => event.stateEnteredEventDetails?.name ?? '?') };
}

/**
 * The emulator's history lists top-level states only: the states inside the
 * CollectApprovals Map iterations are counted from the definition, along the
 * path each iteration took as the order's timeline records it. An iteration
 * enters RequestApproval once per request; an answered one ends in
 * ApprovalAnswered; an escalation passes EscalateApproval and Escalated?
 * before the next RequestApproval; the end of the chain passes EscalateApproval,
 * Escalated? and ApprovalExpiredAtEndOfChain.
 */
export function mapIterationTransitions(timelineTypes: readonly string[]): { transitions: number; tasks: number } {
  const count = (type: string) => timelineTypes.filter((t) => t === type).length;
  const requested = count('APPROVAL_REQUESTED');
  const escalated = count('APPROVAL_ESCALATED');
  const expired = count('APPROVAL_EXPIRED');
  const answered = requested - escalated - expired;
  // Tasks: each RequestApproval and each EscalateApproval.
  return { transitions: requested + answered + 2 * escalated + 3 * expired, tasks: requested + escalated + expired };
}

/** The nested transitions (and task runs) of one order's execution, from its timeline in the table. */
export async function nestedTransitionsOf(orderId: string): Promise<{ transitions: number; tasks: number }> {
  const { getTimeline } = await import('../../../shared/orders/data/order-repository.js');
  return mapIterationTransitions((await getTimeline(orderId)).map((event) => event.type));
}

/** Map and Parallel states of the workflow, whose inner transitions the history does not show. */
export async function nestedStatesOf(stateMachineArn: string): Promise<string[]> {
  const { definition } = await new SFNClient({}).send(new DescribeStateMachineCommand({ stateMachineArn }));
  const states = (JSON.parse(definition ?? '{}') as { States?: Record<string, { Type: string }> }).States ?? {};
  return Object.entries(states)
    .filter(([, state]) => state.Type === 'Map' || state.Type === 'Parallel')
    .map(([name]) => name);
}
