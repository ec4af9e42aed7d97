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

export async function transitionsOf(executionArn: string): Promise<ExecutionTransitions> {
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
  const retries = Math.max(0, scheduled - taskEntries);
  return { transitions: entered.length + retries, retries, states: entered.map((event) => event.stateEnteredEventDetails?.name ?? '?') };
}

/**
 * The emulator's history lists top-level states only: states inside a Map
 * iteration or a Parallel branch would have to be counted from the
 * definition. Returns the names of such states so the report can say so
 * (the order workflow has none today).
 */
export async function nestedStatesOf(stateMachineArn: string): Promise<string[]> {
  const { definition } = await new SFNClient({}).send(new DescribeStateMachineCommand({ stateMachineArn }));
  const states = (JSON.parse(definition ?? '{}') as { States?: Record<string, { Type: string }> }).States ?? {};
  return Object.entries(states)
    .filter(([, state]) => state.Type === 'Map' || state.Type === 'Parallel')
    .map(([name]) => name);
}
