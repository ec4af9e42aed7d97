import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  identityStatements,
  joinWithPlaceholders,
  resourcesOf,
  synthesizedApp,
  type AttachedStatement,
  type FunctionInfo,
  type SynthesizedApp,
} from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let statements: AttachedStatement[];
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  statements = identityStatements(template);
  functions = synthesized.functions;
});

const fn = (name: string) => {
  const found = functions.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
};
const allowed = (name: string) =>
  statements.filter(({ roles, statement }) => roles.includes(fn(name).roleLogicalId) && statement.Effect === 'Allow').map(({ statement }) => statement);
const actions = (name: string, service: string) =>
  allowed(name)
    .flatMap(actionsOf)
    .filter((action) => action.startsWith(`${service}:`))
    .sort();
const s3Grants = (name: string) =>
  allowed(name)
    .filter((statement) => actionsOf(statement).some((action) => action.startsWith('s3:')))
    .flatMap((statement) => actionsOf(statement).map((action) => `${action} ${resourcesOf(statement).map(joinWithPlaceholders).join(' ')}`))
    .sort();

describe('given the batch channel in the compute stack', () => {
  it('when the upload bucket is inspected, then its notifications start the processor for uploads and continuations only, with invoke permission for S3 from this bucket', () => {
    const [bucket] = Object.values(template.findResources('AWS::S3::Bucket'));
    const lambdas = bucket!.Properties.NotificationConfiguration.LambdaConfigurations as { Event: string; Function: unknown; Filter: unknown }[];
    expect(lambdas.map((config) => [config.Event, config.Filter])).toEqual([
      ['s3:ObjectCreated:*', { S3Key: { Rules: [{ Name: 'prefix', Value: 'uploads/' }] } }],
      ['s3:ObjectCreated:*', { S3Key: { Rules: [{ Name: 'prefix', Value: 'continuations/' }] } }],
    ]);
    for (const config of lambdas) expect(config.Function).toEqual({ 'Fn::GetAtt': [fn('BatchProcessor').logicalId, 'Arn'] });
    expect(bucket!.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' })]);
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter((p) => p.Properties.Principal === 's3.amazonaws.com');
    expect(permissions).toHaveLength(1);
    expect(joinWithPlaceholders(permissions[0]!.Properties.SourceArn)).toMatch(/^arn:<AWS::Partition>:s3:::o2c-compute-batch-uploads-/);
  });

  it('when the grants are inspected, then the upload only stores uploads, the processor reads them and writes continuations, the report only reads the table', () => {
    expect(s3Grants('BatchUpload')).toEqual([expect.stringMatching(/^s3:PutObject arn:.*batch-uploads-.*\/uploads\/\*$/)]);
    expect(s3Grants('BatchProcessor')).toEqual([
      expect.stringMatching(/^s3:GetObject arn:.*\/uploads\/\*$/),
      expect.stringMatching(/^s3:PutObject arn:.*\/continuations\/\*$/),
    ]);
    expect(s3Grants('BatchReport')).toEqual([]);
    expect(actions('BatchReport', 'dynamodb')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(actions('BatchProcessor', 'dynamodb')).not.toContain('dynamodb:DeleteItem');
    expect(actions('BatchProcessor', 'states')).toEqual(['states:StartExecution']);
    expect(actions('BatchUpload', 'states')).toEqual(['states:StartExecution']);
  });

  it('when the functions are inspected, then the upload answers within the HTTP API timeout and the processor has room for a run', () => {
    const props = (name: string) =>
      template.toJSON().Resources[fn(name).logicalId].Properties as { Timeout: number; Environment: { Variables: Record<string, unknown> } };
    expect(props('BatchUpload').Timeout).toBeLessThan(30);
    expect(props('BatchProcessor').Timeout).toBe(300);
    expect(Object.keys(props('BatchProcessor').Environment.Variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'STATE_MACHINE_ARN', 'UPLOAD_BUCKET']));
  });
});
