import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedApp, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
beforeAll(() => {
  synthesized = synthesizedApp();
});

describe('given the audit trail infrastructure', () => {
  it('when the data stack is synthesized, then the audit table is its own table with point-in-time recovery, retained, with the day, customer and product indexes', () => {
    const tables = synthesized.dataTemplate.findResources('AWS::DynamoDB::GlobalTable');
    const audit = Object.entries(tables).find(([id]) => id.startsWith('AuditTable'));
    expect(audit).toBeDefined();
    const [, resource] = audit!;
    expect(resource.DeletionPolicy).toBe('Retain');
    const indexes = (resource.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((index) => index.IndexName).sort();
    expect(indexes).toEqual(['ByCustomer', 'ByDay', 'ByProduct']);
    expect(resource.Properties.StreamSpecification).toBeUndefined();
    expect(JSON.stringify(resource.Properties.Replicas)).toContain('"PointInTimeRecoveryEnabled":true');
  });

  it('when the compute stack is synthesized, then the table stream feeds the audit consumer in batches, bisecting on error, with retries and a dead-letter queue', () => {
    synthesized.computeTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('StreamArn') }),
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    // The stream's two readers (DynamoDB advises at most two per shard): this consumer and the domain event publisher.
    expect(Object.keys(synthesized.computeTemplate.findResources('AWS::Lambda::EventSourceMapping'))).toHaveLength(2);
  });

  it('when the compute stack is synthesized, then an alarm watches the audit dead-letter queue', () => {
    synthesized.computeTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
  });

  it('when the compute stack is synthesized, then records the audit consumer cannot append are kept whole in a queue (1 MiB, 14 days) it may only send to, an alarm watches its depth, and only the replay function consumes it', () => {
    const template = synthesized.computeTemplate;
    const queues = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([id]) => id.includes('KeptRecords'));
    expect(queues).toHaveLength(1);
    const [queueId, queue] = queues[0]!;
    expect(queue.Properties).toMatchObject({ MaximumMessageSize: 1_048_576, MessageRetentionPeriod: 14 * 86_400 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
    });
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const onQueue = (statement: { Resource: unknown }) => JSON.stringify(statement.Resource).includes(queueId);
    const actionsOf = (role: string) =>
      policies
        .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter(onQueue)
        .flatMap((statement) => [statement.Action].flat());
    const roleOf = (name: string) => synthesized.functions.find((fn) => fn.name === name)!.roleLogicalId;
    expect(actionsOf(roleOf('RecordChanges'))).toContain('sqs:SendMessage');
    expect(actionsOf(roleOf('RecordChanges'))).not.toContain('sqs:ReceiveMessage');
    expect(actionsOf(roleOf('ReplayKeptRecords'))).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    const consumers = synthesized.functions.filter((fn) =>
      policies.some(
        (policy) =>
          JSON.stringify(policy.Properties.Roles).includes(fn.roleLogicalId) &&
          policy.Properties.PolicyDocument.Statement.some(
            (statement: { Action: string | string[]; Resource: unknown }) => onQueue(statement) && [statement.Action].flat().includes('sqs:ReceiveMessage'),
          ),
      ),
    );
    expect(consumers.map((fn) => fn.name)).toEqual(['ReplayKeptRecords']);
  });

  it('when the compute stack is synthesized, then each stream consumer has an alarm on its iterator age, well inside the stream’s 24 h retention', () => {
    const alarms = Object.values(synthesized.computeTemplate.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.MetricName === 'IteratorAge' && alarm.Properties.Namespace === 'AWS/Lambda',
    );
    const mappings = Object.values(synthesized.computeTemplate.findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) =>
      JSON.stringify(mapping.Properties.EventSourceArn).includes('StreamArn'),
    );
    const watched = alarms.map((alarm) => JSON.stringify(alarm.Properties.Dimensions[0].Value)).sort();
    expect(watched).toEqual(mappings.map((mapping) => JSON.stringify(mapping.Properties.FunctionName)).sort());
    for (const alarm of alarms) expect(alarm.Properties.Threshold).toBeLessThanOrEqual(3_600_000);
  });

  it('when the compute stack is synthesized, then an hourly rule invokes the checkpoint function', () => {
    synthesized.computeTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditCheckpoint'), 'Arn'] } })],
    });
  });

  it('when the data stack is synthesized, then audit events expire from the audit table by TTL on expiresAt (set at insert, long after sealing)', () => {
    const tables = synthesized.dataTemplate.findResources('AWS::DynamoDB::GlobalTable');
    const [, audit] = Object.entries(tables).find(([id]) => id.startsWith('AuditTable'))!;
    expect(audit.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('when the compute stack is synthesized, then an hourly rule invokes the audit sealer, which runs one at a time with the archive settings', () => {
    synthesized.computeTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuditArchiveSeal'), 'Arn'] } })],
    });
    synthesized.computeTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('seals closed days'),
      ReservedConcurrentExecutions: 1,
      Environment: {
        Variables: Match.objectLike({ AUDIT_DAY_SHARDS: '8', AUDIT_LIVE_DAYS: '400', AUDIT_RETENTION_YEARS: '10', AUDIT_ARCHIVE_RETENTION_YEARS: '15' }),
      },
    });
  });

  it('when the compute stack is synthesized, then alarms watch the sealer falling behind and chains sealed with events missing', () => {
    for (const metricName of ['AuditSealDaysBehind', 'AuditSealGaps']) {
      synthesized.computeTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metricName, Namespace: 'OrderToCash' });
    }
  });

  it('when the compute stack is synthesized, then every function that reads or writes the audit table gets the same index shard count and live window', () => {
    const functions = Object.values(synthesized.computeTemplate.findResources('AWS::Lambda::Function'));
    const layouts = functions
      .map((fn) => fn.Properties.Environment?.Variables ?? {})
      .filter((variables: Record<string, unknown>) => 'AUDIT_TABLE_NAME' in variables)
      .map((variables: Record<string, unknown>) => `${String(variables.AUDIT_DAY_SHARDS)}/${String(variables.AUDIT_LIVE_DAYS)}`);
    expect(layouts.length).toBeGreaterThanOrEqual(5);
    expect(new Set(layouts)).toEqual(new Set(['8/400']));
  });
});
