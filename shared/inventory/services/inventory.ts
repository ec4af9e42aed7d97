import { randomBytes } from 'node:crypto';
import {
  changeLotStatus,
  DuplicateDeliveryError,
  findLotRegistry,
  findStockLot,
  lotHistory,
  ReceiptRefusedError,
  recordReceipt,
  type StockLotRecord,
} from '../data/inventory-repository.js';
import { findProducts } from '../../master-data/data/master-data-repository.js';
import {
  claimDelivery,
  claimSerials,
  commitReceipt,
  DeliveryInProgressError,
  completeCommittedDelivery,
  finishPublishing,
  publishReceipt,
  undoReceipt,
  type ChunkedReceipt,
} from '../data/chunked-receipt-repository.js';
import { lotsOf } from '../data/stock-repository.js';
import { isExpiredOn, utcDateOf } from '../../platform/domain/calendar-date.js';
import { newReceiptId } from '../../platform/domain/ids.js';
import { receiptsOf } from '../data/trace-repository.js';
import { decideLotTransition, lotIdOf, parseLotId, releaseSeparation } from '../domain/lot-status.js';
import { planReceipt, receiptGtins, type ReceiptLineInput } from '../domain/receipt.js';
import { claimExpiresAt, receiptFingerprint, receiptFitsOneTransaction } from '../domain/transaction-limits.js';
import {
  LotStatus,
  type HoldRequest,
  type LotAction,
  type InspectionRequest,
  type LotDetail,
  type LotView,
  type ReceiptAccepted,
  type ReceiptRequest,
  type StockView,
} from '../schemas/inventory.js';

export type ReceiveOutcome =
  | { result: 'RECEIVED'; receipt: ReceiptAccepted }
  | { result: 'INVALID'; errors: { line: number; message: string }[] }
  /** The delivery note was already received, as this receipt. */
  | { result: 'DUPLICATE_DELIVERY'; existingReceiptId: string }
  /** The same delivery note is being received right now with other lines. */
  | { result: 'DELIVERY_IN_PROGRESS'; receiptId: string }
  /** Lots or serials conflict with stock already held (each reason names one). */
  | { result: 'REFUSED'; reasons: string[] };

/**
 * Receives goods into quarantine: scans are parsed, lines checked against
 * product master data, then a receipt that fits one transaction is written in
 * one (recordReceipt), a larger one in idempotent steps that only make the
 * stock visible at their commit (chunked-receipt-repository). Duplicate
 * deliveries, serials and conflicting lots are refusals, answered as outcomes.
 */
export async function receiveGoods(request: ReceiptRequest, actor: string, now: Date = new Date()): Promise<ReceiveOutcome> {
  try {
    return await receive(request, actor, now);
  } catch (error) {
    if (error instanceof DuplicateDeliveryError) return { result: 'DUPLICATE_DELIVERY', existingReceiptId: error.existingReceiptId };
    if (error instanceof DeliveryInProgressError) return { result: 'DELIVERY_IN_PROGRESS', receiptId: error.receiptId };
    if (error instanceof ReceiptRefusedError) return { result: 'REFUSED', reasons: error.reasons };
    throw error;
  }
}

async function receive(request: ReceiptRequest, actor: string, now: Date): Promise<ReceiveOutcome> {
  const today = utcDateOf(now);
  const lines: readonly ReceiptLineInput[] = request.lines;
  const products = await findProducts(receiptGtins(lines, today));
  const plan = planReceipt(lines, products, today);
  if (!plan.ok) return { result: 'INVALID', errors: plan.errors };

  const lots = plan.lots.map((lot) => ({ ...lot, serialControlled: products.get(lot.gtin)?.serialControlled ?? false }));
  const draft = {
    receiptId: newReceiptId(now),
    supplierId: request.supplierId,
    deliveryNote: request.deliveryNote,
    receivedAt: now.toISOString(),
    receivedBy: actor,
    lots,
  };
  const { receiptId, receivedAt } = receiptFitsOneTransaction(lots)
    ? (await recordReceipt(draft), draft)
    : await receiveInSteps({ ...draft, fingerprint: receiptFingerprint(lots), claimExpiresAt: claimExpiresAt(now) }, now);
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

/**
 * The steps of a receipt too large for one transaction. A retry of the same
 * delivery with the same content resumes under the first receipt id; a serial
 * another receipt holds undoes this receipt's claims and names every such
 * serial (409).
 */
async function receiveInSteps(draft: ChunkedReceipt, now: Date): Promise<{ receiptId: string; receivedAt: string }> {
  const claim = await claimDelivery(draft, now);
  if (claim.kind === 'COMMITTED') return completeCommittedDelivery(claim.delivery, draft.receivedBy);
  const receipt = { ...draft, receiptId: claim.receiptId, receivedAt: claim.receivedAt };
  const taken = await claimSerials(receipt, now);
  if (taken.length > 0) {
    await undoReceipt(receipt);
    throw new ReceiptRefusedError(taken.map(({ gtin, serial }) => `GTIN ${gtin} serial ${serial} has already been received; each serial exists once`));
  }
  try {
    await commitReceipt(receipt);
  } catch (error) {
    if (error instanceof ReceiptRefusedError) await undoReceipt(receipt);
    throw error;
  }
  await publishReceipt(receipt);
  return receipt;
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
  | { result: 'NOT_PERMITTED'; reason: string }
  | { result: 'CONFLICT' };

/** A quality decision on a lot: checked against the lot's current status, written with its audit event. */
export async function applyLotAction(lotId: string, action: LotAction, notes: string, actor: string, now: Date = new Date()): Promise<LotActionOutcome> {
  const id = parseLotId(lotId);
  if (!id) return { result: 'NOT_FOUND' };
  const registry = await findLotRegistry(id.gtin, id.lotNumber);
  if (!registry) return { result: 'NOT_FOUND' };
  let stock = await findStockLot(id.gtin, registry.expiry, id.lotNumber);
  if (!stock) return { result: 'NOT_FOUND' };
  if (stock.receiving?.size) {
    // A committed receipt still publishing its serials (or one that crashed doing so): finish it first.
    await finishPublishing(id.gtin, id.lotNumber, stock.expiry, stock.receiving, actor);
    stock = await findStockLot(id.gtin, registry.expiry, id.lotNumber);
    if (!stock) return { result: 'NOT_FOUND' };
  }
  const today = utcDateOf(now);
  const decision = decideLotTransition(stock.status, action, { expiry: stock.expiry, today });
  if (!decision.allowed) return { result: 'REFUSED', reason: decision.reason };
  if (action === 'INSPECTION_PASSED') {
    const receipts = await receiptsOf(id.gtin, id.lotNumber);
    const separation = releaseSeparation(
      action,
      actor,
      receipts.map((receipt) => receipt.receivedBy),
    );
    if (!separation.allowed) return { result: 'NOT_PERMITTED', reason: separation.reason };
  }
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
