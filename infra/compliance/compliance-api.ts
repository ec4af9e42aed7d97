import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { auditTableEnvironment, grantSegmentReads, type AuditLayout } from './audit-archive.js';
import { HouseFunction } from '../platform/house-function.js';
import { GROUPS } from '../platform/identity.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { grantTable } from '../platform/table-access.js';

export interface ComplianceRoutesProps {
  httpApi: apigw.HttpApi;
  authorizer: HttpJwtAuthorizer;
  table: ITableV2;
  auditBucket: IBucket;
  signingKey: IKey;
  /** The hash-chained audit trail: verification recomputes the order's chain. */
  auditTable: ITableV2;
  auditLayout: AuditLayout;
}

/** Only the compliance function may see the archive, hold it, or verify it. */
export const COMPLIANCE_ACCESS = [GROUPS.compliance] as const;

/**
 * The signed archive for compliance staff: list an order's documents with
 * their versions and lock state, place and lift legal holds, verify a
 * document. Each function may read the archive under orders/ only; none may
 * write an object, change retention or delete (and legal hold is the only
 * lock setting any of them can change).
 */
export class ComplianceRoutes extends Construct {
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: ComplianceRoutesProps) {
    super(scope, id);
    const { table, httpApi, authorizer, auditBucket } = props;
    const orderObjects = auditBucket.arnForObjects('orders/*');

    const add = (name: string, entry: string, extra: Record<string, string>, routes: [apigw.HttpMethod, string][]) => {
      const fn = new HouseFunction(this, name, {
        entry: `compliance/${entry}`,
        environment: { TABLE_NAME: table.tableName, ALLOWED_GROUPS: COMPLIANCE_ACCESS.join(','), AUDIT_BUCKET: auditBucket.bucketName, ...extra },
      });
      const integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      for (const [method, path] of routes) httpApi.addRoutes({ path, methods: [method], integration, authorizer });
      acknowledge(fn, [
        {
          id: `AwsSolutions-IAM5[Resource::${findingResource(this, orderObjects)}]`,
          reason: 'Compliance functions reach archived objects under orders/ only; object ARNs are addressable only by prefix wildcard.',
        },
      ]);
      this.functions[name] = fn;
      return fn;
    };
    const listVersions = new iam.PolicyStatement({
      actions: ['s3:ListBucketVersions'],
      resources: [auditBucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': ['orders/*'] } },
    });

    const documents = add('ComplianceDocuments', 'compliance-documents', {}, [[apigw.HttpMethod.GET, '/v1/compliance/documents/{orderId}']]);
    grantTable(documents, table, ['dynamodb:GetItem']);
    documents.addToRolePolicy(listVersions);
    // HeadObject of a version returns its retention and legal hold only to a caller allowed to read them.
    documents.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectRetention', 's3:GetObjectLegalHold'], resources: [orderObjects] }),
    );

    const legalHold = add('LegalHold', 'legal-hold', {}, [
      [apigw.HttpMethod.PUT, '/v1/compliance/documents/{orderId}/legal-hold'],
      [apigw.HttpMethod.DELETE, '/v1/compliance/documents/{orderId}/legal-hold'],
    ]);
    grantTable(legalHold, table, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    legalHold.addToRolePolicy(listVersions);
    legalHold.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObjectLegalHold'], resources: [orderObjects] }));

    const verify = add('VerifyDocument', 'verify-document', { SIGNING_KEY_ID: props.signingKey.keyArn, ...auditTableEnvironment(props.auditTable, props.auditLayout) }, [
      [apigw.HttpMethod.POST, '/v1/compliance/verify'],
    ]);
    grantTable(verify, table, ['dynamodb:GetItem']);
    verify.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [orderObjects] }));
    props.signingKey.grant(verify, 'kms:GetPublicKey');
    // The order's audit chain: its events (read only) and the signed checkpoint that seals it.
    grantTable(verify, props.auditTable, ['dynamodb:GetItem', 'dynamodb:Query']);
    const checkpoints = auditBucket.arnForObjects('audit-checkpoints/*');
    verify.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [checkpoints] }));
    props.signingKey.grant(verify, 'kms:Verify');
    // Sealed events of the chain are checked in the archive's segments.
    grantSegmentReads(this, verify, auditBucket);
    acknowledge(verify, [
      {
        id: `AwsSolutions-IAM5[Resource::${findingResource(this, checkpoints)}]`,
        reason: 'Verification reads the signed audit checkpoints under audit-checkpoints/ only; object ARNs are addressable only by prefix wildcard.',
      },
    ]);
  }
}
