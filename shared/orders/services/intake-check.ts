import { findProducts, type ProductRecord } from '../../master-data/data/master-data-repository.js';
import { findCurrent } from '../../master-data/data/master-record-repository.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { gtinCandidates } from '../domain/gtin-suggestions.js';
import { blockingConflicts, intakeConflicts, type IntakeSender } from '../domain/intake-conflicts.js';
import { CustomerData } from '../../master-data/schemas/master-data.js';
import type { IntakeConflict, PlaceOrderRequest } from '../schemas/order.js';

const MAX_SUGGESTED_GTINS = 5;

export interface IntakeCheck {
  conflicts: IntakeConflict[];
  blocking: boolean;
  /** The unit a known product is sold in. */
  unitOf(gtin: string): string | undefined;
}

/**
 * Reads what the intake rules need by key (the customer's current master
 * record, the lines' products and, only for an unknown GTIN, the ~140 GTINs
 * it was most likely meant to be) and applies the rules.
 */
export async function checkIntake(request: PlaceOrderRequest, sender: IntakeSender, now: Date): Promise<IntakeCheck> {
  const [current, products] = await Promise.all([findCurrent('customers', request.customerId), findProducts(request.lines.map((line) => line.gtin))]);
  // Suggestions for the first few unknown GTINs bound the lookups (each has ~140 candidates, 2 BatchGets).
  const unknown = request.lines
    .map((line) => line.gtin)
    .filter((gtin) => !products.has(gtin))
    .slice(0, MAX_SUGGESTED_GTINS);
  const candidates = unknown.length > 0 ? await findProducts(unknown.flatMap(gtinCandidates)) : new Map<string, ProductRecord>();
  const customer = current ? CustomerData.parse(current.data) : undefined;
  const conflicts = intakeConflicts(request, {
    customer: customer && { shipTo: customer.shipTo, licences: customer.licences, channels: customer.channels },
    products: new Map([...candidates, ...products]),
    knownCandidates: new Set(candidates.keys()),
    orderDate: utcDateOf(now),
    sender,
  });
  return { conflicts, blocking: blockingConflicts(conflicts).length > 0, unitOf: (gtin) => products.get(gtin)?.unitOfMeasure };
}
