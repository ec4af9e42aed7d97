import { z } from 'zod';
import { jsonOf, loadConfig, tableConfig } from '../../shared/platform/config.js';
import { ApprovalPolicy } from '../../shared/approvals/schemas/approval-policy.js';
import type { CreditSettings } from '../../shared/approvals/services/credit-check.js';

/** Settings shared by the steps that assess credit and approvals. */
export function loadCreditSettings(): CreditSettings {
  const config = loadConfig(
    tableConfig.extend({ APPROVAL_POLICY: jsonOf(ApprovalPolicy), OVERDUE_GRACE_DAYS: z.coerce.number().int().min(0) }),
  );
  return { policy: config.APPROVAL_POLICY, overdueGraceDays: config.OVERDUE_GRACE_DAYS };
}
