import { DescribeExecutionCommand, SendTaskSuccessCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from './sfn.js';
import type { ExecutionStatus } from '../domain/executions.js';

const errorNamed = (error: unknown, names: readonly string[]) => error instanceof Error && names.includes(error.name);

/**
 * What Step Functions answers when the task behind a token no longer waits:
 * it timed out (TaskTimedOut), its execution ended or the token was already
 * used (TaskDoesNotExist), or the token names no task it knows (InvalidToken:
 * an execution that is gone, as after a redeploy of a local emulator). The
 * caller has already written its own record first (a signature, a confirmed
 * pick), so in each case the workflow has moved on and its timeout or next
 * step reads that record: nothing to retry. Any other error (throttling,
 * access) is thrown, so the request or step fails and is retried.
 */
const TASK_NO_LONGER_WAITS = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'] as const;

export type TaskResumption = 'RESUMED' | 'NO_LONGER_WAITING';

/** Resumes a task waiting on its token (waitForTaskToken) with `output` as its result. */
export async function resumeTask(taskToken: string, output: Record<string, unknown>): Promise<TaskResumption> {
  try {
    await sfnClient.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'RESUMED';
  } catch (error) {
    if (errorNamed(error, TASK_NO_LONGER_WAITS)) return 'NO_LONGER_WAITING';
    throw error;
  }
}

/**
 * Executions are named by the id of what they run for (an order, a recall),
 * so a start runs once: AWS answers a second start of a running execution
 * with the same name and input with that execution, and refuses one whose
 * execution has finished with ExecutionAlreadyExists. Either way it has
 * started already, which is what the caller wanted.
 */
const ALREADY_STARTED = ['ExecutionAlreadyExists'] as const;

export type ExecutionStart = 'STARTED' | 'ALREADY_STARTED';

export async function startExecution(stateMachineArn: string, name: string, input: Record<string, unknown>): Promise<ExecutionStart> {
  try {
    await sfnClient.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return 'STARTED';
  } catch (error) {
    if (errorNamed(error, ALREADY_STARTED)) return 'ALREADY_STARTED';
    throw error;
  }
}

/**
 * An execution that does not exist (never started, or its history is gone)
 * has nothing to stop: the caller only needs to close what it stands for.
 */
const NOTHING_TO_STOP = ['ExecutionDoesNotExist'] as const;

export type ExecutionStop = 'STOPPED' | 'NOT_RUNNING';

export async function stopExecution(executionArn: string, error: string, cause: string): Promise<ExecutionStop> {
  try {
    await sfnClient.send(new StopExecutionCommand({ executionArn, error, cause }));
    return 'STOPPED';
  } catch (failure) {
    if (errorNamed(failure, NOTHING_TO_STOP)) return 'NOT_RUNNING';
    throw failure;
  }
}

/** Executions are named by the id of what they run for (an order, a recall): the ARN follows from the machine's. */
export const executionArnOf = (stateMachineArn: string, name: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

export async function describeExecution(executionArn: string): Promise<ExecutionStatus> {
  try {
    const { status } = await sfnClient.send(new DescribeExecutionCommand({ executionArn }));
    if (!status) throw new Error(`DescribeExecution of ${executionArn} answered no status`);
    return status;
  } catch (failure) {
    if (errorNamed(failure, NOTHING_TO_STOP)) return 'NOT_FOUND';
    throw failure;
  }
}
