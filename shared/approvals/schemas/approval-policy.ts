import { z } from 'zod';
import { DecimalAmount } from '../../platform/schemas/common.js';
import { DeviceClass } from '../../master-data/schemas/values.js';

export const APPROVAL_REASONS = [
  'CREDIT_HOLD',
  'DISCOUNT_OVER_THRESHOLD',
  'PRICE_DIFFERS_FROM_EXPECTED',
  'ORDER_VALUE_OVER_THRESHOLD',
  'REGULATORY_REVIEW',
] as const;
export const ApprovalReason = z.enum(APPROVAL_REASONS);
export type ApprovalReason = z.infer<typeof ApprovalReason>;

const Role = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a role is a user-pool group name');

/**
 * Which approvals an order needs and who gives them. Deployed as JSON
 * configuration, so a distributor changes thresholds and roles without code.
 */
export const ApprovalPolicy = z
  .object({
    orderValueThreshold: DecimalAmount,
    /** Net price more than this many percent under list needs the discount approver. */
    discountThresholdPercent: DecimalAmount,
    /** Device classes that always need a regulatory review (class III: implantable, life-sustaining). */
    regulatoryDeviceClasses: z.array(DeviceClass),
    roles: z.record(ApprovalReason, Role),
    /** Who an unanswered approval escalates to; a role without an entry is the end of its chain. */
    escalation: z.record(z.string(), Role),
    /** How long each approver has before the approval escalates (and, at the end of the chain, expires). */
    escalateAfterSeconds: z.number().int().min(10),
  })
  .strict();
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  orderValueThreshold: '10000.00',
  discountThresholdPercent: '15',
  regulatoryDeviceClasses: ['III'],
  roles: {
    CREDIT_HOLD: 'credit-controller',
    DISCOUNT_OVER_THRESHOLD: 'sales-manager',
    PRICE_DIFFERS_FROM_EXPECTED: 'sales-manager',
    ORDER_VALUE_OVER_THRESHOLD: 'finance',
    REGULATORY_REVIEW: 'regulatory',
  },
  escalation: {
    'credit-controller': 'finance-director',
    'sales-manager': 'sales-director',
    finance: 'finance-director',
    regulatory: 'regulatory-director',
  },
  escalateAfterSeconds: 24 * 3600,
};

/** Every role that can be asked to approve, including escalation targets: each is a user-pool group. */
export function approverRoles(policy: ApprovalPolicy): string[] {
  return [...new Set([...Object.values(policy.roles), ...Object.keys(policy.escalation), ...Object.values(policy.escalation)])].sort();
}

export const SIGNATURE_MEANINGS = ['APPROVED', 'REJECTED', 'RELEASED_FROM_CREDIT_HOLD', 'REVIEWED'] as const;
export const SignatureMeaning = z.enum(SIGNATURE_MEANINGS);
export type SignatureMeaning = z.infer<typeof SignatureMeaning>;
