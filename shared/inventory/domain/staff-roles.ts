/**
 * Who may do what with inventory, by user-pool group. Receiving is warehouse
 * work; releasing, rejecting and holding stock is the quality unit's decision
 * (ISO 13485 7.4.3, 8.3), and a warehouse user must not be able to release
 * the stock they received.
 */
export type InventoryOperation = 'receive' | 'inspect' | 'hold' | 'viewStock' | 'trace';

export function isAllowed(callerGroups: readonly string[], allowedGroups: readonly string[]): boolean {
  return callerGroups.some((group) => allowedGroups.includes(group));
}
