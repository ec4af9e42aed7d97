import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { sealFunction } from '../../shared/compliance/functions.js';
import type { HouseFunction } from '../platform/house-function.js';
import { buildFunction, type Bindings } from '../platform/registered-function.js';

export interface AuditArchiveProps {
  /** The audit table, the archive bucket and the signing key, the layout and the retention settings (shared/compliance/functions.ts). */
  bindings: Bindings;
}

/**
 * The audit trail's archive: every hour the sealer seals the closed UTC days
 * not sealed yet into signed, COMPLIANCE-locked segment objects with a
 * manifest item each (its grants: shared/compliance/functions.ts), and alarms
 * watch it falling behind or sealing chains with events missing.
 */
export class AuditArchive extends Construct {
  readonly sealer: HouseFunction;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    this.sealer = buildFunction(this, sealFunction, props.bindings);
    // One sealer at a time: two would write two versions of the same segment object before one manifest wins.
    (this.sealer.node.defaultChild as CfnFunction).reservedConcurrentExecutions = 1;

    new events.Rule(this, 'HourlySeal', {
      description: 'Seals closed days of the audit trail into the archive',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new targets.LambdaFunction(this.sealer, { retryAttempts: 2 })],
    });
    const metric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'OrderToCash',
        metricName,
        dimensionsMap: { service: 'order-to-cash' },
        statistic: 'Maximum',
        period: Duration.hours(1),
      });
    // Events expire from the table after the live window: sealing must never fall that far behind.
    new cloudwatch.Alarm(this, 'SealBehindAlarm', {
      alarmDescription: 'The audit archive is more than 3 days behind: unsealed events come closer to their TTL in the audit table.',
      metric: metric('AuditSealDaysBehind'),
      threshold: 3,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    new cloudwatch.Alarm(this, 'SealGapAlarm', {
      alarmDescription: 'A chain had events missing when it was sealed: the audit table lost events before they reached the archive.',
      metric: metric('AuditSealGaps'),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
