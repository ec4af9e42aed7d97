import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { closeEndedOrderFunction, sweepStuckOrdersFunction } from '../../shared/orders/functions.js';
import type { HouseFunction } from '../platform/house-function.js';
import { buildFunction, type Bindings } from '../platform/registered-function.js';

export interface StuckOrdersProps {
  /** With the order workflow bound. */
  bindings: Bindings;
}

/**
 * No order left open by a workflow that no longer runs: the order workflow's
 * TIMED_OUT, FAILED and ABORTED status-change events close the order at once,
 * and a sweep every 15 minutes closes any the events missed. Both count the
 * orders they closed in StuckOrdersClosed, and its alarm notifies the
 * operational alarm topic (every alarm of the stack does).
 */
export class StuckOrders extends Construct {
  readonly closer: HouseFunction;
  readonly sweeper: HouseFunction;

  constructor(scope: Construct, id: string, props: StuckOrdersProps) {
    super(scope, id);
    const workflow = props.bindings.orderWorkflow;
    if (!workflow) throw new Error('StuckOrders needs the order workflow bound');
    this.closer = buildFunction(this, closeEndedOrderFunction, props.bindings);
    this.sweeper = buildFunction(this, sweepStuckOrdersFunction, props.bindings);

    new events.Rule(this, 'OrderExecutionEnded', {
      description: 'An order workflow execution timed out, failed or was stopped: close the order it left open',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: ['TIMED_OUT', 'FAILED', 'ABORTED'], stateMachineArn: [workflow.stateMachineArn] },
      },
      targets: [new targets.LambdaFunction(this.closer, { retryAttempts: 8, maxEventAge: Duration.hours(6) })],
    });
    new events.Rule(this, 'Sweep', {
      description: 'Closes open orders whose workflow execution no longer runs',
      schedule: events.Schedule.rate(Duration.minutes(15)),
      targets: [new targets.LambdaFunction(this.sweeper, { retryAttempts: 2 })],
    });
    new cloudwatch.Alarm(this, 'StuckOrdersClosedAlarm', {
      alarmDescription:
        'An order was left open by a workflow execution that no longer runs and was closed by the stuck-order closer or sweep (stock given back): see the logs of CloseEndedOrder / SweepStuckOrders and the execution history.',
      metric: new cloudwatch.Metric({
        namespace: 'OrderToCash',
        metricName: 'StuckOrdersClosed',
        dimensionsMap: { service: 'order-to-cash' },
        statistic: 'Sum',
        period: Duration.minutes(15),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
