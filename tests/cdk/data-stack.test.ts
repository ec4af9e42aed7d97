import { DEFAULT_PARTNERS } from '../../infra/config.js';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalIdAt, synthesizedApp, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let auditBucketId: string;

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.dataTemplate;
  auditBucketId = logicalIdAt(template, 'AuditBucket/Resource');
});

describe('given the data stack of the default deployment', () => {
  describe('when the audit archive bucket is inspected', () => {
    it('then object lock is enabled with a COMPLIANCE default retention of 10 years', () => {
      expect(template.toJSON().Resources[auditBucketId].Properties).toMatchObject({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } } },
      });
    });

    it('then versioning is enabled', () => {
      expect(template.toJSON().Resources[auditBucketId].Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    });

    it('then all public access is blocked', () => {
      expect(template.toJSON().Resources[auditBucketId].Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    });

    it('then its bucket policy denies every request not made over TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: auditBucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('then objects are encrypted at rest and access is logged to a separate bucket', () => {
      expect(template.toJSON().Resources[auditBucketId].Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: expect.any(String) }, LogFilePrefix: 'audit/' },
      });
      expect(template.toJSON().Resources[auditBucketId].Properties.LoggingConfiguration.DestinationBucketName.Ref).not.toBe(auditBucketId);
    });

    it('then the bucket is retained when the stack is deleted or the bucket replaced', () => {
      expect(template.toJSON().Resources[auditBucketId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });

    it('then every bucket in the stack blocks public access and enforces TLS', () => {
      const buckets = template.findResources('AWS::S3::Bucket');
      expect(Object.keys(buckets)).toHaveLength(2);
      for (const [id, bucket] of Object.entries(buckets)) {
        expect(bucket.Properties.PublicAccessBlockConfiguration, id).toMatchObject({ BlockPublicAcls: true, BlockPublicPolicy: true });
        template.hasResourceProperties('AWS::S3::BucketPolicy', {
          Bucket: { Ref: id },
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
        });
      }
    });
  });

  describe('when the order table is inspected', () => {
    it('then point-in-time recovery and deletion protection are on', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      });
    });

    it('then it has a stream of new and old images', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    });

    it('then it is encrypted with KMS', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } });
    });

    it('then the ttl attribute expires items', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } });
    });

    it('then it has PK/SK keys and the GSI1 index on GSI1PK/GSI1SK', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      });
    });

    it('then the table is retained when the stack is deleted', () => {
      template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  describe('when the signing key is inspected', () => {
    it('then it is an ECC NIST P-256 key for signing and verifying only', () => {
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    });

    it('then the key is retained when the stack is deleted', () => {
      template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    });
  });

  describe('when the user directory is inspected', () => {
    it('then self sign-up is off and passwords are strong', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireNumbers: true }) },
      });
    });

    it('then the staff groups and one group per approver role of the policy (escalation targets included) exist', () => {
      const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'))
        .map((group) => group.Properties.GroupName)
        .sort();
      expect(groups).toEqual([
        'accounts-receivable',
        'compliance',
        'credit-controller',
        'finance',
        'finance-director',
        'master-data',
        'order-desk',
        'quality',
        'regulatory',
        'regulatory-director',
        'sales-director',
        'sales-manager',
        'warehouse',
      ]);
    });

    it('then every partner has its own client-credentials client, and no channel client is shared, and the approvals client only admin password auth', () => {
      for (const partner of DEFAULT_PARTNERS) {
        template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
          ClientName: `${partner.channel}-${partner.id}`,
          GenerateSecret: true,
          AllowedOAuthFlows: ['client_credentials'],
        });
      }
      const machineClients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')).filter((client) =>
        (client.Properties.AllowedOAuthFlows ?? []).includes('client_credentials'),
      );
      expect(machineClients).toHaveLength(DEFAULT_PARTNERS.length);
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: 'approvals-signing',
        ExplicitAuthFlows: Match.arrayWith(['ALLOW_ADMIN_USER_PASSWORD_AUTH']),
        PreventUserExistenceErrors: 'ENABLED',
      });
    });

    it('then the clients users sign in through have no OAuth flow on the hosted UI (they sign in by password through the API only)', () => {
      const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')).map((client) => client.Properties);
      for (const name of ['staff', 'approvals-signing']) {
        const client = clients.find((candidate) => candidate.ClientName === name)!;
        expect(client, name).toBeDefined();
        expect(client.AllowedOAuthFlows, name).toBeUndefined();
        expect(client.AllowedOAuthFlowsUserPoolClient, name).not.toBe(true);
        expect(client.CallbackURLs, name).toBeUndefined();
      }
    });

    it('then no client that users sign in through lets them write their own name or email, which a signature prints and approval mail goes to', () => {
      const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')).map((client) => client.Properties);
      const userClients = clients.filter((client) => (client.ExplicitAuthFlows ?? []).length > 0);
      expect(userClients.map((client) => client.ClientName).sort()).toEqual(['approvals-signing', 'staff']);
      for (const client of userClients) {
        // An absent list would mean every standard attribute is writable.
        expect(client.WriteAttributes, client.ClientName).toEqual(expect.any(Array));
        expect(client.WriteAttributes.length, client.ClientName).toBeGreaterThan(0);
        for (const attribute of ['name', 'email', 'given_name', 'family_name', 'preferred_username', 'nickname', 'phone_number']) {
          expect(client.WriteAttributes, `${client.ClientName} writes ${attribute}`).not.toContain(attribute);
        }
      }
    });
  });
});

describe('given a deployment that asks for 15 years of audit retention', () => {
  let fifteenYears: SynthesizedApp;
  beforeAll(() => {
    fifteenYears = synthesizedApp('audit-retention-15-years');
  });

  it('when the audit bucket is inspected, then the COMPLIANCE default retention is 15 x 365 days', () => {
    fifteenYears.dataTemplate.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 5475 } } },
    });
  });

  it('when the archive function is inspected, then it is told the same retention', () => {
    fifteenYears.computeTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DEFAULT_RETENTION_YEARS: '15' }) },
    });
  });
});
