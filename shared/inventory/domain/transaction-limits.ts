import { createHash } from 'node:crypto';
import { MAX_TRANSACTION_ITEMS } from '../../platform/domain/transaction-items.js';
import type { LotPick } from './fefo.js';
import type { LotReceipt } from './receipt.js';

/*
 * Receipts and serialized order lines that fit DynamoDB's transaction limit are
 * written in one transaction; larger ones claim their serials in chunks first
 * and commit in a small transaction (see shared/platform/data/access-patterns.md,
 * "Receipts and serialized lines larger than one transaction").
 */
export { MAX_TRANSACTION_ITEMS };

/** A receipt's transaction: the delivery-note claim, per lot its counters, registry, receipt and event, one item per serial. */
export const RECEIPT_ITEMS_PER_LOT = 4;
export const RECEIPT_FIXED_ITEMS = 1;
/** The commit of a chunked receipt carries no serial, so this many lots always fit in it. */
export const MAX_LOTS_PER_RECEIPT = Math.floor((MAX_TRANSACTION_ITEMS - RECEIPT_FIXED_ITEMS) / RECEIPT_ITEMS_PER_LOT);
/**
 * A PENDING delivery claim lists every serial (to undo its claims) and a lot's
 * receipt record lists its serials: 5,000 serials of 20 characters stay far
 * under DynamoDB's 400 KB item limit, and the claims finish in seconds.
 */
export const MAX_SERIALS_PER_RECEIPT = 5_000;
/** How long an uncommitted receipt's or line's serial claims hold before another writer may abandon them. */
export const CLAIM_TTL_SECONDS = 15 * 60;

export const receiptTransactionItems = (lots: readonly Pick<LotReceipt, 'serials'>[]) =>
  RECEIPT_FIXED_ITEMS + lots.length * RECEIPT_ITEMS_PER_LOT + lots.reduce((sum, lot) => sum + lot.serials.length, 0);

export const receiptFitsOneTransaction = (lots: readonly Pick<LotReceipt, 'serials'>[]) => receiptTransactionItems(lots) <= MAX_TRANSACTION_ITEMS;

/**
 * What a receipt receives, as one hash: a retry of the same delivery note
 * with the same content resumes the receipt; other content is another
 * delivery under a number already used. Order of lines does not matter.
 */
export function receiptFingerprint(lots: readonly LotReceipt[]): string {
  const canonical = [...lots]
    .map((lot) => [lot.gtin, lot.lotNumber, lot.expiry, lot.productionDate ?? '', lot.quantity, [...lot.serials].sort()] as const)
    .sort((a, b) => `${a[0]}\u0000${a[1]}`.localeCompare(`${b[0]}\u0000${b[1]}`));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The instant a claim made at `now` stops protecting an unfinished writer. */
export const claimExpiresAt = (now: Date, ttlSeconds: number = CLAIM_TTL_SECONDS) => new Date(now.getTime() + ttlSeconds * 1000).toISOString();

export const isClaimExpired = (expiresAt: string | undefined, now: Date) => expiresAt !== undefined && expiresAt <= now.toISOString();

const serialCount = (picks: readonly LotPick[]) => picks.reduce((sum, pick) => sum + (pick.serials?.length ?? 0), 0);

/** A line's reservation: per lot the counters and the lot-side record, one item per serial, the reservation. */
export const reservationTransactionItems = (picks: readonly LotPick[]) => 2 * picks.length + serialCount(picks) + 1;
/** A line's shipment: per lot the counters, the trace record and the lot-side record, one item per serial, the reservation. */
export const shipmentTransactionItems = (picks: readonly LotPick[]) => 3 * picks.length + serialCount(picks) + 1;

/**
 * Whether a line's serials are written inside its reservation, release and
 * shipment transactions (small lines), or in chunks beside them (large ones).
 * The shipment is the largest of the three, so it decides.
 */
export const serialsFitTransactions = (picks: readonly LotPick[]) => shipmentTransactionItems(picks) <= MAX_TRANSACTION_ITEMS;

/** The same decision for a serial-controlled line before its serials are chosen: one serial per unit. */
export const serializedLineFitsTransactions = (picks: readonly Pick<LotPick, 'quantity'>[]) =>
  3 * picks.length + picks.reduce((sum, pick) => sum + pick.quantity, 0) + 1 <= MAX_TRANSACTION_ITEMS;

/** A line may take units from this many lots at most: its shipment, without serials, is still one transaction. */
export const MAX_LOTS_PER_LINE = Math.floor((MAX_TRANSACTION_ITEMS - 1) / 3);
