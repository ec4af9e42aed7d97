import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { ApprovalPolicy } from '../../shared/approvals/schemas/approval-policy.js';
import type { ShipFrom } from '../../shared/inventory/schemas/shipment.js';
import type { OrderFulfilmentSteps } from '../../workflows/order-fulfilment.js';
import { HouseFunction } from '../platform/house-function.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { grantTable, TABLE_READ, TABLE_WRITE } from '../platform/table-access.js';

export interface WorkflowFunctionsProps {
  table: ITableV2;
  auditBucket: IBucket;
  signingKey: IKey;
  approvalPolicy: ApprovalPolicy;
  overdueGraceDays: number;
  userPool: IUserPool;
  auditRetentionYears: number;
  publicApiUrl: string;
  senderEmail: string;
  senderIdentityArn: string;
  approverEmail: string;
  /** Seconds an order short of stock may wait for stock before it is rejected. */
  stockWaitSeconds: number;
  /** Seconds the warehouse has to confirm the scan-to-ship before the order is rejected. */
  pickTimeoutSeconds: number;
  /** The shipping warehouse, printed on every shipment and its 856. */
  shipFrom: ShipFrom;
}


/** One function per workflow step, each granted only what its step touches. */
export class WorkflowFunctions extends Construct {
  readonly steps: OrderFulfilmentSteps;

  constructor(scope: Construct, id: string, props: WorkflowFunctionsProps) {
    super(scope, id);
    const environment = { TABLE_NAME: props.table.tableName };
    const stepFunction = (name: string, entry: string, extra: Record<string, string> = {}, indexes: string[] = []) => {
      const fn = new HouseFunction(this, name, { entry, environment: { ...environment, ...extra } });
      grantTable(fn, props.table, [...TABLE_READ, ...TABLE_WRITE], indexes);
      return fn;
    };

    const policy = JSON.stringify(props.approvalPolicy);
    const pickSettings = { PICK_TIMEOUT_SECONDS: String(props.pickTimeoutSeconds) };
    const creditSettings = { APPROVAL_POLICY: policy, OVERDUE_GRACE_DAYS: String(props.overdueGraceDays) };

    const requestApproval = stepFunction('RequestApproval', 'approvals/request-approval', {
      PUBLIC_API_URL: props.publicApiUrl,
      SENDER_EMAIL: props.senderEmail,
      APPROVER_EMAIL: props.approverEmail,
      USER_POOL_ID: props.userPool.userPoolId,
      APPROVAL_TIMEOUT_SECONDS: String(props.approvalPolicy.escalateAfterSeconds),
    });
    requestApproval.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['cognito-idp:ListUsersInGroup'], resources: [props.userPool.userPoolArn] }),
    );
    requestApproval.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [props.senderIdentityArn],
      }),
    );

    const archive = stepFunction('Archive', 'compliance/archive', {
      AUDIT_BUCKET: props.auditBucket.bucketName,
      SIGNING_KEY_ID: props.signingKey.keyArn,
      DEFAULT_RETENTION_YEARS: String(props.auditRetentionYears),
    });
    archive.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:PutObjectRetention'],
        resources: [props.auditBucket.arnForObjects('orders/*')],
      }),
    );
    props.signingKey.grant(archive, 'kms:Sign');
    acknowledge(archive, [
      {
        id: `AwsSolutions-IAM5[Resource::${findingResource(this, props.auditBucket.arnForObjects('orders/*'))}]`,
        reason: 'Archive writes objects under orders/ only; object ARNs are addressable only by prefix wildcard.',
      },
    ]);

    this.steps = {
      validate: stepFunction('Validate', 'orders/validate'),
      price: stepFunction('Price', 'master-data/price'),
      creditCheck: stepFunction('CreditCheck', 'approvals/credit-check', creditSettings, ['GSI1']),
      requestApproval,
      escalateApproval: stepFunction('EscalateApproval', 'approvals/escalate-approval', { APPROVAL_POLICY: policy }, ['GSI1']),
      concludeApprovals: stepFunction('ConcludeApprovals', 'approvals/conclude-approvals', creditSettings, ['GSI1']),
      // Serial-controlled lines look up free serials of a lot on GSI1.
      allocate: stepFunction('Allocate', 'inventory/allocate', { STOCK_WAIT_SECONDS: String(props.stockWaitSeconds) }, ['GSI1']),
      // Opens the pick task (work list on GSI1) holding the workflow's task token; the expiry closes it.
      requestPick: stepFunction('RequestPick', 'inventory/request-pick', pickSettings),
      expirePick: stepFunction('ExpirePick', 'inventory/expire-pick', pickSettings),
      ship: stepFunction('Ship', 'inventory/ship', { SHIP_FROM: JSON.stringify(props.shipFrom) }),
      invoice: stepFunction('Invoice', 'receivables/invoice'),
      archive,
      close: stepFunction('Close', 'orders/close'),
      acknowledgeOrder: stepFunction('AcknowledgeOrder', 'channels/acknowledge-order'),
    };
  }
}
