import { findCustomer } from '../../data/master-data-repository.js';
import { getOrder, recordTransition } from '../../data/order-repository.js';
import { lotsOf, releaseReservation, reservationsOf, reserveLine } from '../../data/stock-repository.js';
import { utcDateOf } from '../../domain/calendar-date.js';
import { planFefoAllocation, type LineDemand, type LotAvailability } from '../../domain/fefo.js';
import { CONTINUE, reject, type StepOutcome } from './outcomes.js';

/** Lost races (another order took the units between our read and our write) before giving up. */
const MAX_REPLANS = 3;

/**
 * Reserves every line first-expiry-first-out. Policy when stock is short: the
 * order is not partially allocated; whatever was reserved is given back and
 * the order is rejected with the missing quantities named (backorders come
 * with the inventory work).
 */
export async function allocateStep(orderId: string, now: Date = new Date()): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  const customer = await findCustomer(order.customerId);
  if (!customer) return reject(`customer ${order.customerId} does not exist`);
  const rules = {
    deliveryDate: order.requestedDeliveryDate ?? utcDateOf(now),
    minRemainingShelfLifeDays: customer.minRemainingShelfLifeDays,
  };

  const reservedLines = new Set((await reservationsOf(orderId)).filter((r) => r.status === 'RESERVED').map((r) => r.lineNo));
  for (let attempt = 0; attempt <= MAX_REPLANS; attempt++) {
    const pending: LineDemand[] = order.lines.filter((line) => !reservedLines.has(line.lineNo));
    if (pending.length === 0) break;
    const gtins = [...new Set(pending.map((line) => line.gtin))];
    const lotsByGtin = new Map<string, LotAvailability[]>(await Promise.all(gtins.map(async (gtin) => [gtin, await lotsOf(gtin)] as const)));
    const plan = planFefoAllocation(pending, lotsByGtin, rules);
    if (plan.outcome === 'INSUFFICIENT_STOCK') {
      await releaseAll(orderId);
      const detail = plan.shortages.map((s) => `line ${s.lineNo} (${s.gtin}) short by ${s.missing}`).join('; ');
      return reject(`insufficient releasable stock: ${detail}`);
    }
    for (const line of plan.lines) {
      if (await reserveLine(orderId, line)) reservedLines.add(line.lineNo);
      else break; // the lots changed: re-read and re-plan what is left
    }
  }
  const reservations = await reservationsOf(orderId);
  if (order.lines.some((line) => !reservations.some((r) => r.lineNo === line.lineNo && r.status === 'RESERVED'))) {
    await releaseAll(orderId);
    return reject('stock kept changing during allocation; the order was not allocated');
  }
  const lines = order.lines.map((line) => ({
    ...line,
    allocations: reservations.find((r) => r.lineNo === line.lineNo)?.picks ?? [],
  }));
  await recordTransition(
    order,
    'ALLOCATED',
    { lines },
    { eventId: '05-ALLOCATED', type: 'STOCK_ALLOCATED', actor: 'workflow', detail: { allocations: lines.map(({ lineNo, allocations }) => ({ lineNo, allocations })) } },
    now.toISOString(),
  );
  return CONTINUE;
}

export async function releaseAll(orderId: string): Promise<number> {
  const held = (await reservationsOf(orderId)).filter((reservation) => reservation.status === 'RESERVED');
  for (const reservation of held) await releaseReservation(reservation);
  return held.length;
}
