import { randomBytes } from 'node:crypto';
import {
  changeLotStatus,
  findLotRegistry,
  findStockLot,
  lotHistory,
  recordReceipt,
  type StockLotRecord,
} from '../data/inventory-repository.js';
import { findProducts } from '../data/master-data-repository.js';
import { lotsOf } from '../data/stock-repository.js';
import { isExpiredOn, utcDateOf } from '../domain/calendar-date.js';
import { newReceiptId } from '../domain/ids.js';
import { decideLotTransition, lotIdOf, parseLotId, type LotAction } from '../domain/lot-status.js';
import { planReceipt, receiptGtins, type ReceiptLineInput } from '../domain/receipt.js';
import { LotStatus, type HoldRequest, type InspectionRequest, type LotDetail, type LotView, type ReceiptAccepted, type ReceiptRequest, type StockView } from '../schemas/inventory.js';

export type ReceiveOutcome =
  | { result: 'RECEIVED'; receipt: ReceiptAccepted }
  | { result: 'INVALID'; errors: { line: number; message: string }[] };

/**
 * Receives goods into quarantine: scans are parsed, lines checked against
 * product master data, then everything is written in one transaction (see
 * recordReceipt). Duplicate deliveries, serials and conflicting lots surface
 * as the repository's errors.
 */
export async function receiveGoods(request: ReceiptRequest, actor: string, now: Date = new Date()): Promise<ReceiveOutcome> {
  const today = utcDateOf(now);
  const lines = request.lines as ReceiptLineInput[];
  const products = await findProducts(receiptGtins(lines, today));
  const plan = planReceipt(lines, products, today);
  if (!plan.ok) return { result: 'INVALID', errors: plan.errors };

  const receiptId = newReceiptId(now);
  const receivedAt = now.toISOString();
  const lots = plan.lots.map((lot) => ({ ...lot, serialControlled: products.get(lot.gtin)?.serialControlled ?? false }));
  await recordReceipt({ receiptId, supplierId: request.supplierId, deliveryNote: request.deliveryNote, receivedAt, receivedBy: actor, lots });
  return {
    result: 'RECEIVED',
    receipt: {
      receiptId,
      receivedAt,
      lots: lots.map(({ gtin, lotNumber, expiry, quantity, serials }) => ({
        lotId: lotIdOf(gtin, lotNumber),
        gtin,
        lotNumber,
        expiry,
        quantity,
        serials,
        status: 'QUARANTINED' as const,
      })),
    },
  };
}

/** A lot as stock: what can be allocated now is only released, unexpired, unreserved units. */
export function lotView(lot: Pick<StockLotRecord, 'gtin' | 'lotNumber' | 'expiry' | 'status' | 'onHand' | 'reserved' | 'available'>, today: string): LotView {
  const expired = isExpiredOn(lot.expiry, today);
  return {
    lotId: lotIdOf(lot.gtin, lot.lotNumber),
    gtin: lot.gtin,
    lotNumber: lot.lotNumber,
    expiry: lot.expiry,
    status: lot.status,
    onHand: lot.onHand,
    reserved: lot.reserved,
    available: lot.status === 'RELEASED' && !expired ? lot.available : 0,
    expired,
  };
}

/** Real-time stock of a product per lot, earliest expiry first (strongly consistent reads). */
export async function stockOf(gtin: string, now: Date = new Date()): Promise<StockView> {
  const today = utcDateOf(now);
  const lots = (await lotsOf(gtin)).map((lot) => lotView(lot, today));
  const totals = lots.reduce(
    (sum, lot) => ({ onHand: sum.onHand + lot.onHand, reserved: sum.reserved + lot.reserved, available: sum.available + lot.available }),
    { onHand: 0, reserved: 0, available: 0 },
  );
  return { gtin, asOf: today, totals, lots };
}

export async function lotDetail(lotId: string, now: Date = new Date()): Promise<LotDetail | undefined> {
  const id = parseLotId(lotId);
  if (!id) return undefined;
  const history = await lotHistory(id.gtin, id.lotNumber);
  if (!history.registry) return undefined;
  const stock = await findStockLot(id.gtin, history.registry.expiry, id.lotNumber);
  if (!stock) return undefined;
  return {
    ...lotView(stock, utcDateOf(now)),
    ...(history.registry.productionDate ? { productionDate: history.registry.productionDate } : {}),
    serialControlled: history.registry.serialControlled,
    receipts: history.receipts.map(({ receiptId, supplierId, deliveryNote, quantity, serials, receivedAt, receivedBy }) => ({
      receiptId,
      supplierId,
      deliveryNote,
      quantity,
      serials,
      receivedAt,
      receivedBy,
    })),
    events: history.events
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ at, type, fromStatus, toStatus, actor, notes, receiptId, quantity, reservedUnits }) => ({
        at,
        type,
        ...(fromStatus ? { fromStatus: LotStatus.parse(fromStatus) } : {}),
        toStatus: LotStatus.parse(toStatus),
        actor,
        ...(notes ? { notes } : {}),
        ...(receiptId ? { receiptId } : {}),
        ...(quantity !== undefined ? { quantity } : {}),
        ...(reservedUnits !== undefined ? { reservedUnits } : {}),
      })),
  };
}

export type LotActionOutcome =
  | { result: 'CHANGED'; lot: LotView }
  | { result: 'NOT_FOUND' }
  | { result: 'REFUSED'; reason: string }
  | { result: 'CONFLICT' };

/** A quality decision on a lot: checked against the lot's current status, written with its audit event. */
export async function applyLotAction(lotId: string, action: LotAction, notes: string, actor: string, now: Date = new Date()): Promise<LotActionOutcome> {
  const id = parseLotId(lotId);
  if (!id) return { result: 'NOT_FOUND' };
  const registry = await findLotRegistry(id.gtin, id.lotNumber);
  if (!registry) return { result: 'NOT_FOUND' };
  const stock = await findStockLot(id.gtin, registry.expiry, id.lotNumber);
  if (!stock) return { result: 'NOT_FOUND' };
  const today = utcDateOf(now);
  const decision = decideLotTransition(stock.status, action, { expiry: stock.expiry, today });
  if (!decision.allowed) return { result: 'REFUSED', reason: decision.reason };
  const at = now.toISOString();
  const changed = await changeLotStatus({
    gtin: id.gtin,
    lotNumber: id.lotNumber,
    expiry: stock.expiry,
    from: decision.from,
    to: decision.to,
    event: {
      type: action,
      eventId: randomBytes(8).toString('hex'),
      at,
      actor,
      notes,
      // Units already promised to orders when a lot goes on hold: those orders need attention.
      ...(action === 'HOLD' ? { reservedUnits: stock.reserved } : {}),
    },
  });
  if (!changed) return { result: 'CONFLICT' };
  return { result: 'CHANGED', lot: lotView({ ...stock, status: decision.to }, today) };
}

export const inspectLot = (lotId: string, request: InspectionRequest, actor: string, now?: Date) =>
  applyLotAction(lotId, request.result === 'PASS' ? 'INSPECTION_PASSED' : 'INSPECTION_FAILED', request.notes, actor, now);

export const holdLot = (lotId: string, request: HoldRequest, actor: string, now?: Date) =>
  applyLotAction(lotId, request.action === 'HOLD' ? 'HOLD' : 'RELEASE_HOLD', request.reason, actor, now);
