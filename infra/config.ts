import type { App } from 'aws-cdk-lib';
import { DEFAULT_NEAR_DUPLICATE_WINDOW_HOURS } from '../shared/orders/domain/near-duplicate.js';
import { ApprovalPolicy, DEFAULT_APPROVAL_POLICY } from '../shared/approvals/schemas/approval-policy.js';
import { ShipFrom } from '../shared/inventory/schemas/shipment.js';
import { Partners } from '../shared/platform/channels.js';

/** Deployment settings, from CDK context (`-c key=value` or cdk.json); every one has a documented default. */
export interface DeploymentConfig {
  /** Stack name prefix, so several copies can live in one account. */
  prefix: string;
  /** Default COMPLIANCE retention of the audit bucket, in years (EU MDR asks 10, 15 for implantables). */
  auditRetentionYears: number;
  /** COMPLIANCE retention of sealed audit segments, in years (never less than auditRetentionYears). */
  auditArchiveRetentionYears: number;
  /** Days an audit event stays in the audit table before TTL may expire it (it is sealed in the archive within about two days). */
  auditLiveDays: number;
  /** Shards of the audit trail's by-day index: writes per day scale with it, a day's query fans out over it. Only ever raise it. */
  auditDayShards: number;
  /** Which approvals an order needs, from which roles, and how they escalate. */
  approvalPolicy: ApprovalPolicy;
  /** Days past the due date before an unpaid invoice puts the customer on credit hold. */
  overdueGraceDays: number;
  /** Days after a recall was issued that its letters' acknowledgement links take acknowledgements. */
  recallAckLinkDays: number;
  /** How long an order short of stock waits for stock before it is rejected (0 = reject at once). */
  stockWaitSeconds: number;
  /** How often a waiting order tries to allocate again. */
  stockRecheckSeconds: number;
  /** How long an allocated order waits for the warehouse's scan-to-ship before it is rejected and its stock released. */
  pickTimeoutSeconds: number;
  /** The warehouse shipments leave from (id, name, optional GLN and address), on every shipment and 856. */
  shipFrom: ShipFrom;
  /** The trading partners, marketplaces and portal tenants: each gets its own app client, bound to its senders and customers. */
  partners: Partners;
  /** Hours an order makes a later one (same customer, ship-to and GTIN quantities, another PO) a possible duplicate. */
  nearDuplicateWindowHours: number;
  /** Who is alerted when an approval locks after failed signatures. */
  alertEmail: string;
  /** Who is emailed when an operational alarm fires (optional: without it, subscribe to the alarm topic yourself). */
  alarmEmail?: string;
  senderEmail: string;
  approverEmail: string;
  /** Cognito hosted domain prefix for the OAuth2 token endpoint; globally unique on AWS. */
  authDomainPrefix: string;
  /** true when deploying to the local emulator: only changes removal policies, never behaviour. */
  local: boolean;
  /** What the deployment is for: `production` (the default) unless named otherwise (see NON_PRODUCTION_STAGES). */
  stage: Stage;
  /**
   * Fault injection (tests only): every function reads a fault plan from the table and fails, throttles or waits as
   * it says. Refused for production: allowed only with `local=true` or a non-production `stage`.
   */
  faultInjection: boolean;
}

export const STAGES = ['production', 'staging', 'test', 'dev'] as const;
export type Stage = (typeof STAGES)[number];
/** The stages a fault may be injected into; `staging` is not one of them (it is where production is rehearsed). */
export const NON_PRODUCTION_STAGES: readonly Stage[] = ['test', 'dev'];

export function readConfig(app: App): DeploymentConfig {
  const get = (key: string, fallback: string): string => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? fallback : String(value);
  };
  const positive = (key: string, fallback: string): number => {
    const value = Number(get(key, fallback));
    if (!Number.isInteger(value) || value <= 0) throw new Error(`context ${key} must be a positive integer`);
    return value;
  };
  const nonNegative = (key: string, fallback: string): number => {
    const value = Number(get(key, fallback));
    if (!Number.isInteger(value) || value < 0) throw new Error(`context ${key} must be a whole number of seconds, 0 or more`);
    return value;
  };
  const atLeast = (key: string, fallback: string, minimum: number): number => {
    const value = positive(key, fallback);
    if (value < minimum) throw new Error(`context ${key} must be at least ${minimum}`);
    return value;
  };
  const local = get('local', 'false') === 'true';
  const stage = readStage(get('stage', 'production'));
  const faultInjection = get('faultInjection', 'false') === 'true';
  if (faultInjection && isProduction({ local, stage })) {
    throw new Error(
      `context faultInjection=true is refused for a production deployment (stage ${stage}): it needs local=true (the emulator) or -c stage=${NON_PRODUCTION_STAGES.join('|')}`,
    );
  }
  return {
    prefix: get('prefix', 'O2c'),
    auditRetentionYears: positive('auditRetentionYears', '10'),
    auditArchiveRetentionYears: positive('auditArchiveRetentionYears', '15'),
    auditLiveDays: atLeast('auditLiveDays', '400', 7),
    auditDayShards: positive('auditDayShards', '8'),
    approvalPolicy: readApprovalPolicy(app),
    overdueGraceDays: Number(get('overdueGraceDays', '15')),
    recallAckLinkDays: positive('recallAckLinkDays', '90'),
    stockWaitSeconds: nonNegative('stockWaitSeconds', String(3 * 86_400)),
    stockRecheckSeconds: positive('stockRecheckSeconds', '3600'),
    pickTimeoutSeconds: positive('pickTimeoutSeconds', String(3 * 86_400)),
    shipFrom: readShipFrom(app),
    partners: readPartners(app),
    nearDuplicateWindowHours: positive('nearDuplicateWindowHours', String(DEFAULT_NEAR_DUPLICATE_WINDOW_HOURS)),
    alertEmail: get('alertEmail', 'security@o2c.example.com'),
    alarmEmail: get('alarmEmail', '') || undefined,
    senderEmail: get('senderEmail', 'orders@o2c.example.com'),
    approverEmail: get('approverEmail', 'approvers@o2c.example.com'),
    authDomainPrefix: get('authDomainPrefix', 'o2c-orders'),
    local,
    stage,
    faultInjection,
  };
}

function readStage(value: string): Stage {
  if (!(STAGES as readonly string[]).includes(value)) throw new Error(`context stage must be one of ${STAGES.join(', ')}`);
  return value as Stage;
}

/** A production deployment is any deployment that is neither local (the emulator) nor of a non-production stage. */
export function isProduction(config: Pick<DeploymentConfig, 'local' | 'stage'>): boolean {
  return !config.local && !NON_PRODUCTION_STAGES.includes(config.stage);
}

/**
 * The approval policy: the defaults, overridden by the `approvalPolicy`
 * context (a JSON object, partial allowed) and, for convenience, the
 * `orderValueApprovalThreshold` and `approvalEscalationSeconds` keys.
 */
function readApprovalPolicy(app: App): ApprovalPolicy {
  const raw: unknown = app.node.tryGetContext('approvalPolicy');
  const overrides = typeof raw === 'string' ? (JSON.parse(raw) as object) : ((raw as object | undefined) ?? {});
  const threshold: unknown = app.node.tryGetContext('orderValueApprovalThreshold');
  const escalation: unknown = app.node.tryGetContext('approvalEscalationSeconds');
  return ApprovalPolicy.parse({
    ...DEFAULT_APPROVAL_POLICY,
    ...overrides,
    ...(threshold === undefined ? {} : { orderValueThreshold: String(threshold) }),
    ...(escalation === undefined ? {} : { escalateAfterSeconds: Number(escalation) }),
  });
}

/** Until warehouses are master data, the one warehouse a deployment ships from. */
export const DEFAULT_SHIP_FROM: ShipFrom = { id: 'DC1', name: 'Distribution center' };

/** The `shipFrom` context: a JSON object (or an object in cdk.json), validated; a bad one fails the synth with the field named. */
function readShipFrom(app: App): ShipFrom {
  const raw: unknown = app.node.tryGetContext('shipFrom');
  if (raw === undefined || raw === null || raw === '') return DEFAULT_SHIP_FROM;
  const parsed = ShipFrom.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  if (!parsed.success)
    throw new Error(`context shipFrom: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The demo partners (the default): two EDI trading partners, one marketplace
 * sending batch files and one portal tenant, bound to the demo customers. A
 * deployment declares its own with the `partners` context.
 */
export const DEFAULT_PARTNERS: Partners = [
  {
    id: 'hospital-edi',
    channel: 'edi',
    name: 'ACME University Hospital purchasing',
    x12: { interchangeSenderIds: ['HOSPEDI01'], applicationSenderIds: ['HOSPEDI01'] },
    customers: ['CUST-ACME', 'CUST-SMALL'],
  },
  {
    id: 'clinic-edi',
    channel: 'edi',
    name: 'Small Practice group purchasing',
    x12: { interchangeSenderIds: ['CLINICEDI02'], applicationSenderIds: ['CLINICEDI02'] },
    customers: ['CUST-SMALL'],
  },
  { id: 'marketplace', channel: 'batch', name: 'Medical supplies marketplace', customers: ['CUST-ACME', 'CUST-SMALL'] },
  { id: 'portal', channel: 'portal', name: 'Customer portal', customers: ['CUST-ACME', 'CUST-SMALL', 'CUST-BLOCKED'] },
];

/** The `partners` context: a JSON array (or an array in cdk.json), validated; a bad one fails the synth with the field named. */
function readPartners(app: App): Partners {
  const raw: unknown = app.node.tryGetContext('partners');
  if (raw === undefined || raw === null || raw === '') return DEFAULT_PARTNERS;
  const parsed = Partners.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  if (!parsed.success)
    throw new Error(`context partners: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}
