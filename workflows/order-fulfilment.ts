import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

export interface OrderFulfilmentSteps {
  validate: IFunction;
  price: IFunction;
  creditCheck: IFunction;
  requestApproval: IFunction;
  allocate: IFunction;
  ship: IFunction;
  invoice: IFunction;
  archive: IFunction;
  close: IFunction;
}

export interface OrderFulfilmentProps {
  steps: OrderFulfilmentSteps;
  /** How long an approver has before the order is rejected as "approval expired". */
  approvalTimeout: Duration;
}

const ORDER_ONLY = sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.orderId') });

/**
 * The one definition of the order workflow (JSONPath). Every task returns its
 * business outcome as data and Choice states route on it; Retry and Catch
 * handle technical failure only. Every end state leaves the order with a
 * final status and a reason: the close task gives back reserved stock first.
 */
export class OrderFulfilmentDefinition extends Construct {
  readonly definition: sfn.IChainable;

  constructor(scope: Construct, id: string, props: OrderFulfilmentProps) {
    super(scope, id);
    const { steps } = props;

    const closeTask = (name: string, status: 'REJECTED' | 'FAILED') =>
      new tasks.LambdaInvoke(this, name, {
        lambdaFunction: steps.close,
        payload: sfn.TaskInput.fromObject({
          orderId: sfn.JsonPath.stringAt('$.orderId'),
          status,
          reason: sfn.JsonPath.stringAt('$.closure.reason'),
        }),
        payloadResponseOnly: true,
        resultPath: sfn.JsonPath.DISCARD,
        retryOnServiceExceptions: true,
      }).addRetry({ errors: ['States.ALL'], maxAttempts: 4, interval: Duration.seconds(2), backoffRate: 2 });

    const rejected = closeTask('CloseRejected', 'REJECTED').next(new sfn.Succeed(this, 'OrderRejected'));
    const failed = closeTask('CloseFailed', 'FAILED').next(
      new sfn.Fail(this, 'OrderFailed', { error: 'OrderFailed', cause: 'A technical failure ended the order; see its timeline' }),
    );

    const rejectWith = (name: string, reasonPath: string) =>
      new sfn.Pass(this, name, { parameters: { 'reason.$': reasonPath }, resultPath: '$.closure' }).next(rejected);
    const rejectWithText = (name: string, reason: string) =>
      new sfn.Pass(this, name, { parameters: { reason }, resultPath: '$.closure' }).next(rejected);
    const failure = new sfn.Pass(this, 'DescribeFailure', {
      parameters: { 'reason.$': "States.Format('technical failure: {}', $.error.Error)" },
      resultPath: '$.closure',
    }).next(failed);

    const step = (name: string, fn: IFunction, resultPath: string) => {
      const task = new tasks.LambdaInvoke(this, name, {
        lambdaFunction: fn,
        payload: ORDER_ONLY,
        payloadResponseOnly: true,
        resultPath,
        retryOnServiceExceptions: true,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(60)),
      });
      task.addRetry({ errors: ['States.TaskFailed'], maxAttempts: 2, interval: Duration.seconds(1), backoffRate: 2 });
      task.addCatch(failure, { errors: ['States.ALL'], resultPath: '$.error' });
      return task;
    };

    const validate = step('Validate', steps.validate, '$.steps.validate');
    const price = step('Price', steps.price, '$.steps.price');
    const creditCheck = step('CreditCheck', steps.creditCheck, '$.steps.creditCheck');
    const allocate = step('Allocate', steps.allocate, '$.steps.allocate');
    const ship = step('Ship', steps.ship, sfn.JsonPath.DISCARD);
    const invoice = step('Invoice', steps.invoice, sfn.JsonPath.DISCARD);
    const archive = step('Archive', steps.archive, sfn.JsonPath.DISCARD);

    const requestApproval = new tasks.LambdaInvoke(this, 'RequestApproval', {
      lambdaFunction: steps.requestApproval,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        orderId: sfn.JsonPath.stringAt('$.orderId'),
        taskToken: sfn.JsonPath.taskToken,
      }),
      resultPath: '$.steps.approval',
      taskTimeout: sfn.Timeout.duration(props.approvalTimeout),
      // Nothing heartbeats a human decision yet, so the heartbeat only guards
      // against a lost token; it sits just under the overall timeout.
      heartbeatTimeout: sfn.Timeout.duration(props.approvalTimeout.minus(Duration.seconds(30))),
    });
    requestApproval.addCatch(rejectWithText('ApprovalExpired', 'approval expired'), {
      errors: ['States.Timeout', 'States.HeartbeatTimeout'],
      resultPath: '$.error',
    });
    requestApproval.addCatch(failure, { errors: ['States.ALL'], resultPath: '$.error' });

    const fulfil = allocate.next(
      new sfn.Choice(this, 'Allocated?')
        .when(sfn.Condition.stringEquals('$.steps.allocate.outcome', 'REJECT'), rejectWith('StockShort', '$.steps.allocate.reason'))
        .otherwise(ship.next(invoice).next(archive).next(new sfn.Succeed(this, 'OrderArchived'))),
    );

    this.definition = validate.next(
      new sfn.Choice(this, 'Valid?')
        .when(sfn.Condition.stringEquals('$.steps.validate.outcome', 'REJECT'), rejectWith('Invalid', '$.steps.validate.reason'))
        .otherwise(
          price.next(
            new sfn.Choice(this, 'Priced?')
              .when(sfn.Condition.stringEquals('$.steps.price.outcome', 'REJECT'), rejectWith('Unpriceable', '$.steps.price.reason'))
              .otherwise(
                creditCheck.next(
                  new sfn.Choice(this, 'ApprovalNeeded?')
                    .when(sfn.Condition.stringEquals('$.steps.creditCheck.outcome', 'REJECT'), rejectWith('CreditCheckRejected', '$.steps.creditCheck.reason'))
                    .when(
                      sfn.Condition.booleanEquals('$.steps.creditCheck.approvalRequired', true),
                      requestApproval.next(
                        new sfn.Choice(this, 'Approved?')
                          .when(sfn.Condition.stringEquals('$.steps.approval.decision', 'APPROVED'), fulfil)
                          .otherwise(rejectWithText('RejectedByApprover', 'rejected by approver')),
                      ),
                    )
                    .otherwise(fulfil),
                ),
              ),
          ),
        ),
    );
  }
}
