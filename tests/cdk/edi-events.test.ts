import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsOf, synthesize, type FunctionInfo, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.computeTemplate;
  functions = functionsOf(synthesized.compute);
});
afterAll(() => synthesized?.dispose());

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

  it('when the stream consumers are listed, then there are two (audit trail, publisher) and the publisher reads new outbox items only, with partial batch retries', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(2);
    const mapping = mappings.find((candidate) => candidate.Properties.FilterCriteria !== undefined);
    expect(JSON.stringify(mapping!.Properties.EventSourceArn)).toMatch(/StreamArn/);
    expect(mapping!.Properties).toMatchObject({ StartingPosition: 'LATEST', FunctionResponseTypes: ['ReportBatchItemFailures'], BisectBatchOnFunctionError: true });
    const pattern = JSON.parse(mapping!.Properties.FilterCriteria.Filters[0].Pattern);
    expect(pattern).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { _et: { S: ['PoAcknowledgment', 'AdvanceShipNotice'] } } } });
  });

  it('when the publisher permissions are inspected, then it reads the stream and puts events on the bus, and cannot touch the table items', () => {
    const actions = actionsOf('Publisher');
    expect(actions).toContain('events:PutEvents');
    expect(actions).toContain('dynamodb:GetRecords');
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query']) expect(actions).not.toContain(write);
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
