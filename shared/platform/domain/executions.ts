/** What Step Functions says of an execution; NOT_FOUND: it never started, or its history is gone (90 days after it ended). */
export type ExecutionStatus = 'RUNNING' | 'PENDING_REDRIVE' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NOT_FOUND';
