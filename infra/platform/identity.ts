import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { acknowledge } from './nag.js';
import { STAFF_GROUPS } from '../../shared/platform/staff-groups.js';
import { API_RESOURCE_SERVER, ORDERS_SCOPE_NAME } from '../../shared/platform/token-scopes.js';
import type { Partner } from '../../shared/platform/channels.js';
import { Construct } from 'constructs';

/** Staff groups besides the approver roles, which come from the approval policy. */
export const GROUPS = STAFF_GROUPS;
export const ORDER_DESK_GROUP = GROUPS.orderDesk;

export interface IdentityProps {
  authDomainPrefix: string;
  /** Approver roles (from the approval policy): each becomes a group. */
  approverRoles: readonly string[];
  /** The trading partners, marketplaces and portal tenants: each gets an app client of its own. */
  partners: readonly Partner[];
  removalPolicy: RemovalPolicy;
}

/**
 * The user directory and the channel identities. Each trading partner,
 * marketplace and portal tenant is its own app client using client
 * credentials, so its token names the partner; approvers are users in the
 * approvers group and sign with their password through the approvals client.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  /** One app client per partner (by partner id): a partner's token names it, and it reads only the orders it submitted. */
  readonly partnerClients: ReadonlyMap<string, { partner: Partner; client: cognito.UserPoolClient }>;
  readonly approvalsClient: cognito.UserPoolClient;
  /** Staff sign in here for API access tokens, which carry their groups (order desk, warehouse, quality, approvers). */
  readonly staffClient: cognito.UserPoolClient;

  /** The CHANNEL_CLIENTS setting of functions that identify the calling channel: app client id -> {channel, partnerId}. */
  channelClientsSetting(): string {
    return JSON.stringify(
      Object.fromEntries(
        [...this.partnerClients.values()].map(({ partner, client }) => [client.userPoolClientId, { channel: partner.channel, partnerId: partner.id }]),
      ),
    );
  }

  /** Partner id -> app client id (a stack output, so local tooling can ask for a partner's token). */
  partnerClientIds(): Record<string, string> {
    return Object.fromEntries([...this.partnerClients.entries()].map(([id, { client }]) => [id, client.userPoolClientId]));
  }

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.removalPolicy,
    });
    acknowledge(this.userPool, [
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional, not required: machine clients (channels) cannot do MFA, and approvers sign from emailed links with user name and password (21 CFR 11.200), which a second-factor challenge would block; an approver with MFA turned on is told so at signing (see docs/contexts/approvals.md).',
      },
      { id: 'AwsSolutions-COG3', reason: 'Threat protection needs the Plus feature plan; it is a per-account decision left to the operator.' },
      { id: 'AwsSolutions-COG8', reason: 'The Plus feature plan is a per-account cost decision left to the operator.' },
    ]);

    for (const group of [...Object.values(GROUPS), ...props.approverRoles]) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }

    // Channel routes require this scope (shared/platform/token-scopes.ts).
    const ordersScope = new cognito.ResourceServerScope({ scopeName: ORDERS_SCOPE_NAME, scopeDescription: 'Place and read orders' });
    const api = this.userPool.addResourceServer('Api', { identifier: API_RESOURCE_SERVER, scopes: [ordersScope] });
    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.authDomainPrefix } });

    const clientOf = (partner: Partner) =>
      this.userPool.addClient(`Partner-${partner.id}`, {
        userPoolClientName: `${partner.channel}-${partner.id}`,
        generateSecret: true,
        authFlows: {},
        oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(api, ordersScope)] },
        accessTokenValidity: Duration.hours(1),
      });
    this.partnerClients = new Map(props.partners.map((partner) => [partner.id, { partner, client: clientOf(partner) }]));

    // Users may set only harmless profile attributes on themselves: a signature prints the directory's `name`, and approval
    // links go to its `email`, so only administrators set those (without a list, every standard attribute is writable).
    const selfWritable = new cognito.ClientAttributes().withStandardAttributes({ locale: true, timezone: true });

    this.staffClient = this.userPool.addClient('Staff', {
      userPoolClientName: 'staff',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      // Staff sign in by password through the API; without this CDK enables the hosted UI's code and implicit grants.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      writeAttributes: selfWritable,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });

    this.approvalsClient = this.userPool.addClient('Approvals', {
      userPoolClientName: 'approvals-signing',
      generateSecret: false,
      authFlows: { adminUserPassword: true },
      // Only the approval function signs in through it (admin password auth); no hosted-UI flow.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      writeAttributes: selfWritable,
      accessTokenValidity: Duration.minutes(5),
      idTokenValidity: Duration.minutes(5),
    });
  }
}
