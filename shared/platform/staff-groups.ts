/**
 * The user-pool groups of staff besides the approver roles (which the approval
 * policy names): one declaration, read by the identity construct that creates
 * them and by every route declaration that admits them.
 */
export const STAFF_GROUPS = {
  orderDesk: 'order-desk',
  quality: 'quality',
  warehouse: 'warehouse',
  masterData: 'master-data',
  compliance: 'compliance',
  accountsReceivable: 'accounts-receivable',
} as const;

/** A caller may act when one of their groups is among the groups a route admits. */
export function isAllowed(callerGroups: readonly string[], allowedGroups: readonly string[]): boolean {
  return callerGroups.some((group) => allowedGroups.includes(group));
}
