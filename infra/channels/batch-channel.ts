import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { HouseFunction } from '../platform/house-function.js';
import type { Identity } from '../platform/identity.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { grantTable } from '../platform/table-access.js';

export interface BatchChannelProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
  identity: Identity;
  stateMachine: IStateMachine;
  /** The intake service's near-duplicate window (every channel places orders through it). */
  nearDuplicateWindowHours: number;
}

/**
 * The batch CSV channel: an upload route (small files processed at once,
 * large ones stored in S3), a processor started by the bucket's
 * notifications that places the orders in runs and continues itself through
 * a continuation object, and the report route.
 */
export class BatchChannel extends Construct {
  readonly functions: Record<string, HouseFunction>;
  readonly uploadBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: BatchChannelProps) {
    super(scope, id);
    const { httpApi, authorizer, table, identity, stateMachine } = props;
    const channelClients = identity.channelClientsSetting();

    // A name known before the bucket exists: the bucket's notification needs the processor, whose policy
    // needs the bucket, and a reference either way round would be a dependency cycle.
    const bucketName = `${Stack.of(this).stackName.toLowerCase()}-batch-uploads-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const bucketArn = `arn:${Aws.PARTITION}:s3:::${bucketName}`;
    this.uploadBucket = new s3.Bucket(this, 'Uploads', {
      bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // Uploads are working copies: the orders and the report live in the table.
      lifecycleRules: [{ expiration: Duration.days(7) }],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(this.uploadBucket, [
      { id: 'AwsSolutions-S1', reason: 'Short-lived staging copies of uploads (7 days); every upload is recorded as a batch in the table with its uploader, and API access logs record the request.' },
    ]);

    const base = {
      TABLE_NAME: table.tableName,
      STATE_MACHINE_ARN: stateMachine.stateMachineArn,
      UPLOAD_BUCKET: bucketName,
      NEAR_DUPLICATE_WINDOW_HOURS: String(props.nearDuplicateWindowHours),
    };
    // BatchGetItem: the intake checks read the lines' products (and likely intended GTINs) in one call.
    const orderWrites = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Query'];

    const upload = new HouseFunction(this, 'BatchUpload', {
      entry: 'channels/batch-upload',
      // Small files are placed while the caller waits; the HTTP API gives up after 30 s.
      timeout: Duration.seconds(29),
      environment: { ...base, CHANNEL_CLIENTS: channelClients },
    });
    // Idempotency records (Powertools) live in the same table and are deleted when a request fails.
    grantTable(upload, table, [...orderWrites, 'dynamodb:DeleteItem']);
    stateMachine.grantStartExecution(upload);
    upload.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucketArn}/uploads/*`] }));

    const processor = new HouseFunction(this, 'BatchProcessor', {
      entry: 'channels/batch-process-upload',
      timeout: Duration.minutes(5),
      environment: base,
    });
    grantTable(processor, table, orderWrites);
    stateMachine.grantStartExecution(processor);
    processor.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`${bucketArn}/uploads/*`] }));
    processor.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucketArn}/continuations/*`] }));
    const objects = (prefix: string) => `AwsSolutions-IAM5[Resource::${findingResource(this, `${bucketArn}/${prefix}/*`)}]`;
    acknowledge(upload, [{ id: objects('uploads'), reason: 'Stores uploads only, one object per batch named by its id; cannot read them back.' }]);
    acknowledge(processor, [
      { id: objects('uploads'), reason: 'Reads stored uploads, one object per batch named by its id.' },
      { id: objects('continuations'), reason: 'Writes the empty continuation objects that start its next run; nothing else in the bucket.' },
    ]);

    // The L1 notification configuration (not addEventNotification, whose custom resource the emulator cannot run without boto3).
    const invokeFromBucket = new lambda.CfnPermission(this, 'BucketInvokesProcessor', {
      action: 'lambda:InvokeFunction',
      functionName: processor.functionArn,
      principal: 's3.amazonaws.com',
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: bucketArn,
    });
    const cfnBucket = this.uploadBucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = {
      lambdaConfigurations: ['uploads/', 'continuations/'].map((prefix) => ({
        event: 's3:ObjectCreated:*',
        function: processor.functionArn,
        filter: { s3Key: { rules: [{ name: 'prefix', value: prefix }] } },
      })),
    };
    cfnBucket.addResourceDependency(invokeFromBucket);

    const report = new HouseFunction(this, 'BatchReport', { entry: 'channels/batch-report', environment: { TABLE_NAME: table.tableName, CHANNEL_CLIENTS: channelClients } });
    grantTable(report, table, ['dynamodb:GetItem', 'dynamodb:Query']);

    this.functions = { BatchUpload: upload, BatchProcessor: processor, BatchReport: report };
    httpApi.addRoutes({ path: '/v1/channels/batch', methods: [apigw.HttpMethod.POST], integration: new HttpLambdaIntegration('BatchUploadIntegration', upload), authorizer });
    httpApi.addRoutes({ path: '/v1/channels/batch/{batchId}', methods: [apigw.HttpMethod.GET], integration: new HttpLambdaIntegration('BatchReportIntegration', report), authorizer });
  }
}
