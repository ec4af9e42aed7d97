import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { batchProcessorFunction } from '../../shared/channels/functions.js';
import { batchReportRoute, batchUploadRoute } from '../../shared/channels/routes.js';
import type { HouseFunction } from '../platform/house-function.js';
import { acknowledge } from '../platform/nag.js';
import { buildFunction, buildRoute, type Bindings, type RouteTarget } from '../platform/registered-function.js';

export interface BatchChannelProps {
  bindings: Bindings;
  api: RouteTarget;
}

/**
 * The batch CSV channel: an upload route (small files processed at once,
 * large ones stored in S3), a processor started by the bucket's
 * notifications that places the orders in runs and continues itself through
 * a continuation object, and the report route. The functions are declared in
 * shared/channels (routes.ts, functions.ts); this construct owns the bucket
 * and its notifications, and binds the bucket's name and ARN.
 */
export class BatchChannel extends Construct {
  readonly functions: Record<string, HouseFunction>;
  readonly uploadBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: BatchChannelProps) {
    super(scope, id);

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
      {
        id: 'AwsSolutions-S1',
        reason:
          'Short-lived staging copies of uploads (7 days); every upload is recorded as a batch in the table with its uploader, and API access logs record the request.',
      },
    ]);

    const bindings: Bindings = { ...props.bindings, local: { ...props.bindings.local, UPLOAD_BUCKET: bucketName }, uploadBucketArn: bucketArn };
    const upload = buildRoute(this, batchUploadRoute, bindings, props.api);
    const processor = buildFunction(this, batchProcessorFunction, bindings);

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

    const report = buildRoute(this, batchReportRoute, bindings, props.api);
    this.functions = { BatchUpload: upload, BatchProcessor: processor, BatchReport: report };
  }
}
