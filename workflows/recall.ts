import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { retryTechnicalFailures } from './technical-retries.js';

export interface RecallSteps {
  contain: IFunction;
  notify: IFunction;
  archive: IFunction;
  fail: IFunction;
}

const RECALL_ONLY = sfn.TaskInput.fromObject({ recallId: sfn.JsonPath.stringAt('$.recallId') });

/**
 * The one definition of the recall workflow (JSONPath): contain (lots on
 * hold, open orders stopped), notify every consignee, archive the package.
 * A recall of lots nobody received has no one to notify and goes straight to
 * the archive (a Choice on the contain step's data). Retry and Catch handle
 * technical failure only; a failure marks the recall FAILED, the holds stay.
 */
export class RecallDefinition extends Construct {
  readonly definition: sfn.IChainable;

  constructor(scope: Construct, id: string, props: { steps: RecallSteps }) {
    super(scope, id);
    const { steps } = props;

    const markFailed = retryTechnicalFailures(
      new tasks.LambdaInvoke(this, 'MarkFailed', {
        lambdaFunction: steps.fail,
        payload: sfn.TaskInput.fromObject({ recallId: sfn.JsonPath.stringAt('$.recallId'), error: sfn.JsonPath.stringAt('$.error.Error') }),
        payloadResponseOnly: true,
        resultPath: sfn.JsonPath.DISCARD,
        retryOnServiceExceptions: false,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      }),
      { timeouts: true },
    );
    // A recall that cannot even be marked FAILED still ends failed (the ExecutionsFailed alarm), never silently.
    markFailed.addCatch(new sfn.Fail(this, 'RecallNeedsAttention', { error: 'RecallNeedsAttention', cause: 'The recall could not be marked FAILED' }), {
      errors: ['States.ALL'],
    });
    markFailed.next(new sfn.Fail(this, 'RecallFailed', { error: 'RecallFailed', cause: 'A technical failure stopped the recall; see the recall record' }));

    const step = (name: string, fn: IFunction, resultPath: string, timeout: Duration) => {
      const task = new tasks.LambdaInvoke(this, name, {
        lambdaFunction: fn,
        payload: RECALL_ONLY,
        payloadResponseOnly: true,
        resultPath,
        retryOnServiceExceptions: false,
        taskTimeout: sfn.Timeout.duration(timeout),
      });
      retryTechnicalFailures(task, { timeouts: true });
      task.addCatch(markFailed, { errors: ['States.ALL'], resultPath: '$.error' });
      return task;
    };

    const contain = step('Contain', steps.contain, '$.contain', Duration.seconds(60));
    const notify = step('Notify', steps.notify, '$.notify', Duration.minutes(10));
    const archive = step('Archive', steps.archive, sfn.JsonPath.DISCARD, Duration.seconds(60));
    archive.next(new sfn.Succeed(this, 'RecallCompleted'));

    this.definition = contain.next(
      new sfn.Choice(this, 'AnyoneReceivedIt?').when(sfn.Condition.booleanEquals('$.contain.shipped', true), notify.next(archive)).otherwise(archive),
    );
  }
}
