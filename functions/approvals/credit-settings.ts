import { loadConfig } from '../../shared/platform/config.js';
import type { CreditSettings } from '../../shared/approvals/services/credit-check.js';
import type { concludeApprovalsLambda, creditCheckLambda } from '../../shared/approvals/steps.js';

/** Settings shared by the steps that assess credit and approvals, from the step's declaration (both declare the same schema). */
export function loadCreditSettings(step: typeof creditCheckLambda | typeof concludeApprovalsLambda): CreditSettings {
  const config = loadConfig(step.settings);
  return { policy: config.APPROVAL_POLICY, overdueGraceDays: config.OVERDUE_GRACE_DAYS };
}
