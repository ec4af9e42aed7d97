import { $set } from 'dynamodb-toolbox/entity/actions/update';

/**
 * Update values that replace maps and lists whole. A toolbox update would
 * otherwise patch them path by path, which fails when the attribute does not
 * exist yet; scalars are set as they are.
 */
export function replacingWhole(changes: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(changes).map(([attribute, value]) => [attribute, value !== null && typeof value === 'object' ? $set(value) : value]),
  );
}
