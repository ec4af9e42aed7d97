/** The parts of an Amazon States Language definition the workflow tests read. */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}
export interface Catcher {
  ErrorEquals: string[];
  Next?: string;
}
export interface State {
  Type: string;
  Next?: string;
  Default?: string;
  End?: boolean;
  Resource?: string;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
  Parameters?: Record<string, unknown>;
  Choices?: { Next: string; Variable?: string; StringEquals?: string }[];
  Seconds?: number;
  Retry?: Retrier[];
  Catch?: Catcher[];
  ItemsPath?: string;
  MaxConcurrency?: number;
  ItemProcessor?: { StartAt: string; States: Record<string, State> };
}
export interface Definition {
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, State>;
}

/** Every Task state of a definition, those inside Map iterations included, by name. */
export function taskStatesOf(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]): [string, State][] => [
    ...(state.Type === 'Task' ? [[name, state] as [string, State]] : []),
    ...(state.ItemProcessor ? taskStatesOf(state.ItemProcessor.States) : []),
  ]);
}

/**
 * The retrier Step Functions applies to an error: the first whose ErrorEquals
 * names it, or is States.ALL, or is States.TaskFailed (which matches every
 * error but States.Timeout).
 */
export function retrierFor(state: State, error: string): Retrier | undefined {
  return state.Retry?.find(
    (retrier) =>
      retrier.ErrorEquals.includes(error) ||
      retrier.ErrorEquals.includes('States.ALL') ||
      (retrier.ErrorEquals.includes('States.TaskFailed') && error !== 'States.Timeout'),
  );
}

/** The longest a retrier can keep retrying (every wait at its full, unjittered length), in seconds. */
export function longestRetrySeconds(retrier: Retrier): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  const attempts = retrier.MaxAttempts ?? 3;
  let total = 0;
  for (let retry = 0; retry < attempts; retry++) total += Math.min(interval * rate ** retry, retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY);
  return total;
}

/** The technical errors of invoking a Lambda function, as Step Functions names them. */
export const LAMBDA_TECHNICAL_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];
