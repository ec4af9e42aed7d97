import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedApp, type FunctionInfo, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  functions = synthesized.functions;
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statementsOf = (name: string): Statement[] => {
  const fn = functions.find((candidate) => candidate.name === name)!;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(fn.roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
};
const actionsOf = (name: string) => statementsOf(name).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('given the domain event bus and its publisher', () => {
  it('when the stack is inspected, then it has one custom event bus and its name is an output', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    expect(Object.keys(template.findOutputs('EventBusName'))).toEqual(['EventBusName']);
  });

  it('when the stream consumers are listed, then there are two (audit trail, publisher) and the publisher reads new outbox items, acknowledged recall consignees and orders entering RECEIVED only, with partial batch retries and a dead-letter queue', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(2);
    const mapping = mappings.find((candidate) => candidate.Properties.FilterCriteria !== undefined);
    expect(JSON.stringify(mapping!.Properties.EventSourceArn)).toMatch(/StreamArn/);
    expect(mapping!.Properties).toMatchObject({
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
    });
    const patterns = mapping!.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern));
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { _et: { S: ['PoAcknowledgment', 'AdvanceShipNotice'] } } } },
      { eventName: ['MODIFY'], dynamodb: { NewImage: { _et: { S: ['RecallConsignee'] }, acknowledgedAt: { S: [{ exists: true }] } } } },
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { _et: { S: ['Order'] }, status: { S: ['RECEIVED'] } } } },
    ]);
    expect(JSON.stringify(mapping!.Properties.DestinationConfig.OnFailure.Destination)).toMatch(/PublisherDlq/);
    expect(mapping!.Properties.MaximumRecordAgeInSeconds).toBe(86_400);
  });

  it('when the publisher gives up on a record, then an alarm fires on its dead-letter queue', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
      JSON.stringify(alarm.Properties.Dimensions).includes('PublisherDlq'),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, Namespace: 'AWS/SQS' });
  });

  it('when the publisher cannot relay a record, then it keeps it whole in a queue only it sends to and only the replay consumes, replayed every 5 minutes, with an alarm when one waits 15 minutes', () => {
    const [queueId, queue] = Object.entries(template.findResources('AWS::SQS::Queue')).find(([id]) => id.includes('KeptPublications'))!;
    expect(queue.Properties).toMatchObject({ MaximumMessageSize: 1_048_576, MessageRetentionPeriod: 14 * 86_400 });
    const onQueue = (name: string) =>
      statementsOf(name)
        .filter((statement) => JSON.stringify(statement.Resource).includes(queueId))
        .flatMap((s) => [s.Action].flat());
    expect(onQueue('Publisher')).toContain('sqs:SendMessage');
    expect(onQueue('Publisher')).not.toContain('sqs:ReceiveMessage');
    expect(onQueue('ReplayKeptPublications')).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    expect(actionsOf('ReplayKeptPublications')).toEqual(expect.arrayContaining(['events:PutEvents', 'states:StartExecution']));
    const consumers = functions.filter((fn) => onQueue(fn.name).includes('sqs:ReceiveMessage')).map((fn) => fn.name);
    expect(consumers).toEqual(['ReplayKeptPublications']);
    const replayer = functions.find((fn) => fn.name === 'ReplayKeptPublications')!;
    const schedules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties.Targets).includes(replayer.logicalId),
    );
    expect(schedules.map((rule) => rule.Properties.ScheduleExpression)).toEqual(['rate(5 minutes)']);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 900,
    });
  });

  it('when the publisher may start workflows, then it is only the order workflow', () => {
    const start = statementsOf('Publisher').find((s) => JSON.stringify(s.Action).includes('states:StartExecution'))!;
    expect(JSON.stringify(start.Resource)).toMatch(/OrderFulfilment/);
    expect(JSON.stringify(start.Resource)).not.toMatch(/Recall/);
  });

  it('when the publisher permissions are inspected, then it reads the stream, puts events on the bus and dead letters on its queue, and cannot touch the table items', () => {
    const actions = actionsOf('Publisher');
    expect(actions).toContain('events:PutEvents');
    expect(actions).toContain('dynamodb:GetRecords');
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query'])
      expect(actions).not.toContain(write);
    const put = statementsOf('Publisher').find((s) => JSON.stringify(s.Action).includes('events:PutEvents'))!;
    expect(JSON.stringify(put.Resource)).toMatch(/DomainEventsBus/);
  });
});

describe('given the EDI channel functions', () => {
  it('when the acknowledgment reader is inspected, then it can only get items', () => {
    expect(actionsOf('EdiX12Ack').filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:GetItem']);
  });

  it('when the intake is inspected, then it may start the workflow and write to the table, without any index or scan', () => {
    const actions = actionsOf('EdiX12Intake');
    expect(actions).toContain('states:StartExecution');
    expect(actions).not.toContain('dynamodb:Scan');
    expect(JSON.stringify(statementsOf('EdiX12Intake'))).not.toMatch(/\/index\//);
  });
});
