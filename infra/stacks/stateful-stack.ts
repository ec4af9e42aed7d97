import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import { acknowledge } from '../platform/nag.js';
import { TTL_ATTRIBUTE } from '../../shared/platform/domain/table-layout.js';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config.js';
import { Identity } from '../platform/identity.js';
import { approverRoles } from '../../shared/approvals/schemas/approval-policy.js';
import { signerRoleName, signingDeclarations } from '../platform/signers.js';

export interface StatefulStackProps extends StackProps {
  config: DeploymentConfig;
}

/**
 * Everything that holds data and must outlive any redeploy: the table, the
 * write-once audit bucket, the signing key and the user directory.
 */
export class StatefulStack extends Stack {
  readonly table: dynamodb.TableV2;
  /** The append-only audit trail (see infra/compliance/audit-trail.ts for who may write it). */
  readonly auditTable: dynamodb.TableV2;
  readonly auditBucket: s3.Bucket;
  /** Export name of the audit bucket ARN: a stable, explicit name rather than a generated one. */
  readonly auditBucketArnExport: string;
  readonly signingKey: kms.Key;
  readonly identity: Identity;
  /** The address approval emails come from; on AWS its owner confirms it once from the verification email. */
  readonly senderIdentity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retain = config.local ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: 'GSI1',
          partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
          sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
        },
      ],
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: !config.local,
      removalPolicy: retain,
    });

    const auditIndex = (indexName: string, partitionKey: string) => ({
      indexName,
      partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'timeKey', type: dynamodb.AttributeType.STRING },
    });
    this.auditTable = new dynamodb.TableV2(this, 'AuditTable', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      globalSecondaryIndexes: [auditIndex('ByDay', 'day'), auditIndex('ByCustomer', 'customerRef'), auditIndex('ByProduct', 'productRef')],
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      // Set at insert (event time + auditLiveDays); the archive seals every event within about two days, long before.
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: !config.local,
      removalPolicy: retain,
    });

    const accessLogs = new s3.Bucket(this, 'AuditAccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(3 * 365) }],
      removalPolicy: retain,
    });
    acknowledge(accessLogs, [
      { id: 'AwsSolutions-S1', reason: 'This bucket is the access-log target of the audit bucket; logging it into itself would loop.' },
    ]);

    this.auditBucket = new s3.Bucket(this, 'AuditBucket', {
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(config.auditRetentionYears * 365)),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'audit/',
      removalPolicy: retain,
    });

    this.auditBucketArnExport = `${config.prefix}-AuditBucketArn`;
    new CfnOutput(this, 'AuditBucketArn', { value: this.auditBucket.bucketArn, exportName: this.auditBucketArnExport });

    this.signingKey = new kms.Key(this, 'AuditSigningKey', {
      description: 'Signs archived order audit records (ECDSA P-256)',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: retain,
    });
    // The default statement stays: the account root may do kms:* and delegates to IAM, so the account can always
    // administer the key (and the lockout safety check passes). On top of it, two denials no IAM policy can lift:
    // - Sign: only the declared signing functions' roles (fixed names, infra/platform/signers.ts) may sign records;
    //   an administrator who could sign could forge an archived record. Verify and GetPublicKey stay with IAM.
    // - ScheduleKeyDeletion and DisableKey: only the account root user. Records kept 10 to 100 years are signed
    //   with this key; retiring it is a break-glass act of the root user (MFA, no access keys), not of any
    //   administrator role. The root keeps kms:* otherwise, so it can still lift these statements with PutKeyPolicy.
    const signers = signingDeclarations().map((declaration) =>
      this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: signerRoleName(config.prefix, declaration.id) }),
    );
    this.signingKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SignOnlyByTheSigningFunctions',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': signers } },
      }),
    );
    this.signingKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DeleteOrDisableOnlyByTheAccountRoot',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'],
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` } },
      }),
    );

    this.senderIdentity = new ses.EmailIdentity(this, 'Sender', { identity: ses.Identity.email(config.senderEmail) });

    this.identity = new Identity(this, 'Identity', {
      authDomainPrefix: config.authDomainPrefix,
      approverRoles: approverRoles(config.approvalPolicy),
      partners: config.partners,
      removalPolicy: retain,
    });
  }
}
