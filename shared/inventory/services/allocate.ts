import { freeSerials } from '../data/inventory-repository.js';
import { findCustomer, findProducts } from '../../master-data/data/master-data-repository.js';
import { getOrder, recordTransition, type OrderRecord } from '../../orders/data/order-repository.js';
import { ORDER_EVENTS } from '../../orders/domain/order-events.js';
import { lotsOf, releaseReservation, reservationsOf, reserveLine } from '../data/stock-repository.js';
import { backoffDelay, CONTENTION_BACKOFF } from '../../platform/domain/backoff.js';
import { utcDateOf } from '../../platform/domain/calendar-date.js';
import { planFefoAllocation, type LineDemand, type LinePlan, type LotAvailability, type Shortage } from '../domain/fefo.js';
import { MAX_LOTS_PER_LINE, serializedLineFitsTransactions } from '../domain/transaction-limits.js';
import { decideOnShortage, describeDuration, REJECT_AT_ONCE, type StockWaitPolicy } from '../domain/stock-shortage.js';
import { CONTINUE, reject, type StepOutcome } from '../../orders/services/outcomes.js';

/**
 * Lost races (another order took the units or serials between our read and
 * our write, or held the lot in a transaction) before giving up. Each retry
 * re-reads and re-plans after an exponential backoff with full jitter, so a
 * hot product is slowed down by contention, not failed by it.
 */
const MAX_ATTEMPTS = 12;

export interface AllocationDeps {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}
const defaultDeps: AllocationDeps = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random };

/**
 * Names the serials a serial-controlled line takes from each picked lot.
 * Free serials come from the sparse index (eventually consistent); the
 * reservation re-checks each one. A small line reads more than it needs and
 * takes a random choice, so concurrent orders rarely pick the same units. A
 * line too large for one transaction takes the lowest free serials instead:
 * it claims them chunk by chunk in that order, so two large orders meet on the
 * first chunk (and one backs off early) rather than each holding half.
 * Returns undefined when a lot shows fewer free serials than its count promises.
 */
async function withSerials(line: LinePlan, random: () => number): Promise<LinePlan | undefined> {
  const large = !serializedLineFitsTransactions(line.picks);
  const picks = [];
  for (const pick of line.picks) {
    const candidates = await freeSerials(line.gtin, pick.lotNumber, large ? pick.quantity : pick.quantity * 3);
    if (candidates.length < pick.quantity) return undefined;
    const chosen = large
      ? candidates
      : candidates
          .map((serial) => ({ serial, key: random() }))
          .sort((a, b) => a.key - b.key)
          .map(({ serial }) => serial);
    picks.push({ ...pick, serials: chosen.slice(0, pick.quantity).sort() });
  }
  return { ...line, picks };
}

/**
 * Reserves every line first-expiry-first-out; serial-controlled lines get
 * specific serials. When stock is short the order is never partially
 * allocated: whatever was reserved is given back, and the order waits for
 * stock (AWAITING_STOCK, the workflow tries again later) until the policy's
 * window ends, then it is rejected with the missing quantities named.
 */
export async function allocateStep(
  orderId: string,
  now: Date = new Date(),
  deps: AllocationDeps = defaultDeps,
  stockWait: StockWaitPolicy = REJECT_AT_ONCE,
): Promise<StepOutcome> {
  const order = await getOrder(orderId);
  // A step retried after it succeeded finds its work done.
  if (order.status === 'ALLOCATED') return CONTINUE;
  const customer = await findCustomer(order.customerId);
  if (!customer) return reject(`customer ${order.customerId} does not exist`);
  const rules = {
    deliveryDate: order.requestedDeliveryDate ?? utcDateOf(now),
    minRemainingShelfLifeDays: customer.minRemainingShelfLifeDays,
  };

  const products = await findProducts(order.lines.map((line) => line.gtin));
  const serialControlled = new Set([...products.values()].filter((product) => product.serialControlled).map((product) => product.gtin));

  // A large serialized line left half-claimed or half-released by a crash is finished first.
  for (const unfinished of (await reservationsOf(orderId)).filter((r) => r.status === 'CLAIMING' || r.status === 'RELEASING')) {
    await releaseReservation(unfinished);
  }
  const reservedLines = new Set((await reservationsOf(orderId)).filter((r) => r.status === 'RESERVED').map((r) => r.lineNo));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const pending: LineDemand[] = order.lines.filter((line) => !reservedLines.has(line.lineNo));
    if (pending.length === 0) break;
    const gtins = [...new Set(pending.map((line) => line.gtin))];
    const lotsByGtin = new Map<string, LotAvailability[]>(await Promise.all(gtins.map(async (gtin) => [gtin, await lotsOf(gtin)] as const)));
    const plan = planFefoAllocation(pending, lotsByGtin, rules);
    if (plan.outcome === 'INSUFFICIENT_STOCK') {
      await releaseAll(orderId);
      return onShortage(order, plan.shortages, stockWait, now);
    }
    const tooSplit = plan.lines.find((line) => line.picks.length > MAX_LOTS_PER_LINE);
    if (tooSplit) {
      await releaseAll(orderId);
      return reject(
        `line ${tooSplit.lineNo} (${tooSplit.gtin}) would take units from ${tooSplit.picks.length} lots, more than one shipment transaction can record; split the line`,
      );
    }
    let lostRace = false;
    for (const planned of plan.lines) {
      const line = serialControlled.has(planned.gtin) ? await withSerials(planned, deps.random) : planned;
      if (line && (await reserveLine(orderId, line))) {
        reservedLines.add(line.lineNo);
        continue;
      }
      lostRace = true; // the lots or serials changed: back off, re-read and re-plan what is left
      break;
    }
    if (lostRace) await deps.sleep(backoffDelay(attempt, CONTENTION_BACKOFF, deps.random()));
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
    { lines, remove: ['statusReason'] },
    // An order allocated again (after a held lot took its first allocation back) records each allocation.
    {
      ...ORDER_EVENTS.STOCK_ALLOCATED.of(order.reallocations),
      actor: 'workflow',
      detail: { allocations: lines.map(({ lineNo, allocations }) => ({ lineNo, allocations })) },
    },
    now.toISOString(),
  );
  return CONTINUE;
}

async function onShortage(order: OrderRecord, shortages: Shortage[], policy: StockWaitPolicy, now: Date): Promise<StepOutcome> {
  const detail = shortages.map((s) => `line ${s.lineNo} (${s.gtin}) short by ${s.missing}`).join('; ');
  const decision = decideOnShortage(policy, order.awaitingStockSince, now);
  if (decision.action === 'GIVE_UP') {
    const waited = order.awaitingStockSince ? ` after waiting ${describeDuration(decision.waitedSeconds)}` : '';
    return reject(`insufficient releasable stock${waited}: ${detail}`);
  }
  const reason = `waiting for stock until ${decision.giveUpAt}: ${detail}`;
  if (order.status !== 'AWAITING_STOCK') {
    // Recorded once, on the first shortage: later attempts leave the order as it is.
    await recordTransition(
      order,
      'AWAITING_STOCK',
      { awaitingStockSince: decision.awaitingSince, statusReason: reason },
      { ...ORDER_EVENTS.STOCK_SHORT.of(), actor: 'workflow', detail: { shortages, giveUpAt: decision.giveUpAt } },
      now.toISOString(),
    );
  }
  return { outcome: 'WAIT', reason };
}

/** Whether any goods of the order have left the warehouse (a line shipped, even when Ship stopped half way). */
export async function anyGoodsShipped(orderId: string): Promise<boolean> {
  return (await reservationsOf(orderId)).some((reservation) => reservation.status === 'SHIPPED');
}

export async function releaseAll(orderId: string): Promise<number> {
  // CLAIMING and RELEASING lines (a large serialized line interrupted) hold serials too.
  const held = (await reservationsOf(orderId)).filter((reservation) => ['RESERVED', 'CLAIMING', 'RELEASING'].includes(reservation.status));
  for (const reservation of held) await releaseReservation(reservation);
  return held.length;
}
