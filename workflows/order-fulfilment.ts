import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { retryTechnicalFailures } from './technical-retries.js';

export interface OrderFulfilmentSteps {
  validate: IFunction;
  price: IFunction;
  creditCheck: IFunction;
  requestApproval: IFunction;
  escalateApproval: IFunction;
  concludeApprovals: IFunction;
  allocate: IFunction;
  /** Opens the warehouse's pick task with the task token and waits for the scan-to-ship confirmation. */
  requestPick: IFunction;
  /** The warehouse's time ran out: closes the pick task (or finds it confirmed just in time). */
  expirePick: IFunction;
  ship: IFunction;
  invoice: IFunction;
  archive: IFunction;
  close: IFunction;
  /** Builds an EDI order's 855 once validation and pricing decided; passes other channels' orders through. */
  acknowledgeOrder: IFunction;
}

export interface OrderFulfilmentProps {
  steps: OrderFulfilmentSteps;
  /** How long each approver has before the approval escalates (or, at the end of the chain, expires). */
  escalateAfter: Duration;
  /** How long an order short of stock waits before allocating again (the Allocate step bounds the total wait). */
  stockRecheckAfter: Duration;
  /** How long an allocated order waits for the warehouse to confirm its scan before it is rejected. */
  pickTimeout: Duration;
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

    const closeTask = (name: string, status: 'REJECTED' | 'FAILED' | 'NEEDS_ATTENTION') =>
      retryTechnicalFailures(
        new tasks.LambdaInvoke(this, name, {
          lambdaFunction: steps.close,
          payload: sfn.TaskInput.fromObject({
            orderId: sfn.JsonPath.stringAt('$.orderId'),
            status,
            reason: sfn.JsonPath.stringAt('$.closure.reason'),
          }),
          payloadResponseOnly: true,
          resultPath: sfn.JsonPath.DISCARD,
          retryOnServiceExceptions: false,
        }),
      );

    // The last resort: an order that could not be closed, or that shipped and could not be invoiced or archived,
    // is marked NEEDS_ATTENTION (stock given back unless it shipped) and the execution ends failed, which raises
    // the ExecutionsFailed alarm, even when the marking itself fails.
    const needsAttentionEnd = new sfn.Fail(this, 'OrderNeedsAttention', {
      error: 'OrderNeedsAttention',
      cause: 'The order needs an operator; see its status reason and timeline',
    });
    const markNeedsAttention = closeTask('MarkNeedsAttention', 'NEEDS_ATTENTION');
    markNeedsAttention.addCatch(needsAttentionEnd, { errors: ['States.ALL'], resultPath: '$.attentionError' });
    markNeedsAttention.next(needsAttentionEnd);
    const attention = (name: string, reason: string) =>
      new sfn.Pass(this, name, { parameters: { 'reason.$': reason }, resultPath: '$.closure' }).next(markNeedsAttention);
    const stuckClose = attention('DescribeStuckClose', "States.Format('the order could not be closed ({}): {}', $.closure.reason, $.error.Error)");
    const unfinishedShipment = attention('DescribeUnfinishedShipment', "States.Format('shipped, but not invoiced or archived: {}', $.error.Error)");
    const closeOrAttention = (name: string, status: 'REJECTED' | 'FAILED') =>
      closeTask(name, status).addCatch(stuckClose, { errors: ['States.ALL'], resultPath: '$.error' });

    const rejected = closeOrAttention('CloseRejected', 'REJECTED').next(new sfn.Succeed(this, 'OrderRejected'));
    const failed = closeOrAttention('CloseFailed', 'FAILED').next(
      new sfn.Fail(this, 'OrderFailed', { error: 'OrderFailed', cause: 'A technical failure ended the order; see its timeline' }),
    );

    // The 855 is a side output: a technical failure to build it is retried,
    // then the order goes on (its execution history shows the error).
    const acknowledge = (name: string, payload: Record<string, unknown>, next: sfn.IChainable) => {
      const task = new tasks.LambdaInvoke(this, name, {
        lambdaFunction: steps.acknowledgeOrder,
        payload: sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.orderId'), ...payload }),
        payloadResponseOnly: true,
        resultPath: '$.steps.acknowledgment',
        retryOnServiceExceptions: false,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(60)),
      });
      retryTechnicalFailures(task, { timeouts: true });
      task.addCatch(next, { errors: ['States.ALL'], resultPath: '$.acknowledgmentError' });
      return task.next(next);
    };
    // Every rejection tells an EDI partner before the order is closed: an 855 rejecting it (at validation or
    // pricing), or one replacing the accepting 855 (credit, approval, stock later on). Other channels pass through.
    const acknowledgeRejection = acknowledge('AcknowledgeRejection', { rejection: sfn.JsonPath.stringAt('$.closure.reason') }, rejected);
    const rejectWith = (name: string, reasonPath: string) =>
      new sfn.Pass(this, name, { parameters: { 'reason.$': reasonPath }, resultPath: '$.closure' }).next(acknowledgeRejection);
    const failure = new sfn.Pass(this, 'DescribeFailure', {
      parameters: { 'reason.$': "States.Format('technical failure: {}', $.error.Error)" },
      resultPath: '$.closure',
    }).next(failed);

    // A step after Ship must never fail a shipped order: it retries for hours, then the order needs attention.
    const step = (name: string, fn: IFunction, resultPath: string, afterShipment = false) => {
      const task = new tasks.LambdaInvoke(this, name, {
        lambdaFunction: fn,
        payload: ORDER_ONLY,
        payloadResponseOnly: true,
        resultPath,
        retryOnServiceExceptions: false,
        taskTimeout: sfn.Timeout.duration(Duration.seconds(60)),
      });
      retryTechnicalFailures(task, { timeouts: true, patience: afterShipment ? 'hours' : 'minutes' });
      task.addCatch(afterShipment ? unfinishedShipment : failure, { errors: ['States.ALL'], resultPath: '$.error' });
      return task;
    };

    const validate = step('Validate', steps.validate, '$.steps.validate');
    const price = step('Price', steps.price, '$.steps.price');
    const creditCheck = step('CreditCheck', steps.creditCheck, '$.steps.assessment');
    const concludeApprovals = step('ConcludeApprovals', steps.concludeApprovals, '$.steps.assessment');
    const allocate = step('Allocate', steps.allocate, '$.steps.allocate');
    const ship = step('Ship', steps.ship, '$.steps.ship');
    const invoice = step('Invoice', steps.invoice, sfn.JsonPath.DISCARD, true);
    const archive = step('Archive', steps.archive, sfn.JsonPath.DISCARD, true);

    const approvalFields = {
      orderId: sfn.JsonPath.stringAt('$.orderId'),
      reason: sfn.JsonPath.stringAt('$.reason'),
      role: sfn.JsonPath.stringAt('$.role'),
      detail: sfn.JsonPath.stringAt('$.detail'),
      level: sfn.JsonPath.numberAt('$.level'),
    };
    // One iteration per required approval, all in parallel. Each waits for a
    // signature; when nobody answers in time it escalates to the next role
    // and waits again, until the chain ends and the approval expires.
    const requestApproval = new tasks.LambdaInvoke(this, 'RequestApproval', {
      lambdaFunction: steps.requestApproval,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({ ...approvalFields, taskToken: sfn.JsonPath.taskToken }),
      resultPath: '$.answer',
      taskTimeout: sfn.Timeout.duration(props.escalateAfter),
      // Nothing heartbeats a human decision, so the heartbeat only bounds a
      // lost token; it sits just under the escalation timeout.
      heartbeatTimeout: sfn.Timeout.duration(props.escalateAfter.minus(Duration.seconds(5))),
      retryOnServiceExceptions: false,
    });
    retryTechnicalFailures(requestApproval);
    const escalate = retryTechnicalFailures(
      new tasks.LambdaInvoke(this, 'EscalateApproval', {
        lambdaFunction: steps.escalateApproval,
        payload: sfn.TaskInput.fromObject(approvalFields),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
      }),
    );
    requestApproval.addCatch(escalate, { errors: ['States.Timeout', 'States.HeartbeatTimeout'], resultPath: '$.timeout' });
    requestApproval.addCatch(new sfn.Fail(this, 'ApprovalRequestFailed', { error: 'ApprovalRequestFailed' }), { errors: ['States.ALL'] });
    requestApproval.next(new sfn.Succeed(this, 'ApprovalAnswered'));
    escalate.next(
      new sfn.Choice(this, 'Escalated?')
        .when(sfn.Condition.booleanEquals('$.escalated', true), requestApproval)
        .otherwise(new sfn.Succeed(this, 'ApprovalExpiredAtEndOfChain')),
    );

    const collectApprovals = new sfn.Map(this, 'CollectApprovals', {
      itemsPath: '$.steps.assessment.approvals',
      maxConcurrency: 0,
      resultPath: sfn.JsonPath.DISCARD,
    });
    collectApprovals.itemProcessor(requestApproval);
    collectApprovals.addCatch(failure, { errors: ['States.ALL'], resultPath: '$.error' });

    // After a step that may turn the order down: REJECT goes to the rejection path with the step's reason.
    const rejectedBy = (name: string, stepPath: string, rejectName: string) =>
      new sfn.Choice(this, name).when(sfn.Condition.stringEquals(`${stepPath}.outcome`, 'REJECT'), rejectWith(rejectName, `${stepPath}.reason`));

    // Short of stock: the step gave back what it had reserved; wait and try
    // again. The step itself rejects once the order has waited long enough.
    const waitForStock = new sfn.Wait(this, 'WaitForStock', { time: sfn.WaitTime.duration(props.stockRecheckAfter) }).next(allocate);
    // Scan-to-ship: the warehouse gets a pick task (the token stays in the
    // table) and the order waits until a packer's complete scan is confirmed
    // (POST /v1/shipments resumes it). When the time runs out the expiry step
    // decides: normally reject (the close step gives the stock back); a scan
    // confirmed in the same instant ships.
    const requestPick = new tasks.LambdaInvoke(this, 'RequestPick', {
      lambdaFunction: steps.requestPick,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.orderId'), taskToken: sfn.JsonPath.taskToken }),
      resultPath: '$.steps.pick',
      taskTimeout: sfn.Timeout.duration(props.pickTimeout),
      retryOnServiceExceptions: false,
    });
    retryTechnicalFailures(requestPick);
    const expirePick = step('ExpirePick', steps.expirePick, '$.steps.pick');
    requestPick.addCatch(expirePick, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    requestPick.addCatch(failure, { errors: ['States.ALL'], resultPath: '$.error' });
    expirePick.next(rejectedBy('PickExpired?', '$.steps.pick', 'NotPicked').otherwise(ship));

    const fulfil = allocate.next(
      rejectedBy('Allocated?', '$.steps.allocate', 'StockShort')
        .when(sfn.Condition.stringEquals('$.steps.allocate.outcome', 'WAIT'), waitForStock)
        .otherwise(
          requestPick.next(ship).next(
            // A lot held after allocation: the step gave the allocation back; allocate again from released stock.
            new sfn.Choice(this, 'Shipped?')
              .when(sfn.Condition.stringEquals('$.steps.ship.outcome', 'REALLOCATE'), allocate)
              .otherwise(invoice.next(archive).next(new sfn.Succeed(this, 'OrderArchived'))),
          ),
        ),
    );

    // The same routing after the credit check and after the approvals (which
    // re-check credit before allocation and may ask for a credit release).
    const route = (name: string, rejectName: string) =>
      rejectedBy(name, '$.steps.assessment', rejectName)
        .when(sfn.Condition.booleanEquals('$.steps.assessment.approvalRequired', true), collectApprovals)
        .otherwise(fulfil);

    collectApprovals.next(concludeApprovals).next(route('ApprovalsConcluded?', 'RejectedInApproval'));

    this.definition = validate.next(
      rejectedBy('Valid?', '$.steps.validate', 'Invalid').otherwise(
        price.next(
          rejectedBy('Priced?', '$.steps.price', 'Unpriceable').otherwise(
            acknowledge('AcknowledgeOrder', {}, creditCheck.next(route('ApprovalNeeded?', 'CreditCheckRejected'))),
          ),
        ),
      ),
    );
  }
}
