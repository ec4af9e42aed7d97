import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * The technical errors of invoking a Lambda function, as Step Functions names
 * them. CDK's own retry (retryOnServiceExceptions) names all but the throttle
 * and has no jitter, so the workflows turn it off and use these.
 */
export const LAMBDA_INVOKE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];

/**
 * Errors a step's own code lets through that only say "not now": AWS
 * throttling and transient service errors (DynamoDB, KMS, S3, SES, Step
 * Functions), and a lost race on the order's version. A step throws only on
 * technical failure (business outcomes are data, routed by Choice states), so
 * nothing here is a decision.
 */
export const TRANSIENT_ERRORS = [
  'ConcurrentModificationError',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'KMSInternalException',
  'SlowDown',
];

/**
 * How long a task keeps trying. `minutes`: a step on the order's way (about
 * five minutes of throttling, then its Catch decides). `hours`: a step that
 * must not give up lightly, because what it would give up is worse than the
 * wait (invoicing and archiving a shipped order, closing an order).
 */
export type Patience = 'minutes' | 'hours';

const BACKOFF = {
  minutes: { interval: Duration.seconds(1), maxDelay: Duration.seconds(60), transient: 10, unknown: 4 },
  hours: { interval: Duration.seconds(5), maxDelay: Duration.minutes(15), transient: 20, unknown: 20 },
} as const;

/**
 * Adds the house retries to a Lambda task: throttles, service errors and the
 * named transient errors with exponential backoff and full jitter (so a
 * surge of retries spreads out instead of hitting the throttle together),
 * then any other task failure (a crash, an unnamed SDK error) a few times,
 * also jittered. `timeouts`: the task's own timeout is a technical failure
 * too; without it a timeout is never retried (waits on a human or the
 * warehouse, whose timeout is a business event for their Catch).
 */
export function retryTechnicalFailures<T extends sfn.TaskStateBase>(task: T, options: { patience?: Patience; timeouts?: boolean } = {}): T {
  const backoff = BACKOFF[options.patience ?? 'minutes'];
  const jittered = { interval: backoff.interval, backoffRate: 2, maxDelay: backoff.maxDelay, jitterStrategy: sfn.JitterType.FULL };
  // Said first and explicitly: a timeout that is a business event (an escalation, a pick not done) is never
  // retried, whatever a later retrier would match.
  if (!options.timeouts) task.addRetry({ errors: ['States.Timeout', 'States.HeartbeatTimeout'], maxAttempts: 0 });
  task.addRetry({ errors: [...LAMBDA_INVOKE_ERRORS, ...TRANSIENT_ERRORS], maxAttempts: backoff.transient, ...jittered });
  if (options.timeouts) task.addRetry({ errors: ['States.Timeout'], maxAttempts: options.patience === 'hours' ? backoff.unknown : 2, ...jittered });
  task.addRetry({ errors: ['States.TaskFailed'], maxAttempts: backoff.unknown, ...jittered });
  return task;
}
