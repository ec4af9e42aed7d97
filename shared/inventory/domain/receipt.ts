import { isExpiredOn, type CalendarDate } from '../../platform/domain/calendar-date.js';
import { parseGs1, showScan } from './gs1.js';
import { MAX_LOTS_PER_RECEIPT, MAX_SERIALS_PER_RECEIPT } from './transaction-limits.js';

/** One line of a goods receipt, as the warehouse sends it: a scanned label, or the fields typed in. */
export type ReceiptLineInput =
  | { scan: string }
  | { gtin: string; lotNumber: string; expiry: CalendarDate; productionDate?: CalendarDate; quantity?: number; serials?: string[] };

export interface ProductControl {
  serialControlled: boolean;
}

/** Everything received of one lot in one receipt. */
export interface LotReceipt {
  gtin: string;
  lotNumber: string;
  expiry: CalendarDate;
  productionDate?: CalendarDate;
  quantity: number;
  /** The received serials, for serial-controlled products (one unit each). */
  serials: string[];
}

export type ReceiptPlan = { ok: true; lots: LotReceipt[] } | { ok: false; errors: { line: number; message: string }[] };

/**
 * Turns the lines of a receipt into what is received per lot, or every
 * reason it cannot be received. Rules: the product must be known; every unit
 * needs a lot and an expiry date (the stock key and FEFO need both); goods
 * already expired on the receiving day are refused; a serial-controlled
 * product is received unit by unit with a serial each, and a serial appears
 * once; one lot number has one expiry date.
 * A scan is one unit unless it carries a count (AI 30).
 */
export function planReceipt(lines: readonly ReceiptLineInput[], products: ReadonlyMap<string, ProductControl>, today: CalendarDate): ReceiptPlan {
  const errors: { line: number; message: string }[] = [];
  const lots = new Map<string, LotReceipt>();
  const serialsSeen = new Map<string, number>();

  lines.forEach((input, index) => {
    const line = index + 1;
    const problem = (message: string): void => {
      errors.push({ line, message });
    };
    let unit: { gtin: string; lotNumber?: string; expiry?: CalendarDate; productionDate?: CalendarDate; quantity: number; serials: string[] };
    if ('scan' in input) {
      const parsed = parseGs1(input.scan, { today });
      if (!parsed.ok) {
        problem(`scan ${showScan(input.scan)}: ${parsed.error.message}`);
        return;
      }
      const { gtin, lot, expiry, productionDate, serial, variableCount } = parsed.elements;
      if (!gtin) {
        problem(`scan ${showScan(input.scan)}: no GTIN (01) in the scan`);
        return;
      }
      if (variableCount === 0) {
        problem(`scan ${showScan(input.scan)}: count (30) is 0`);
        return;
      }
      unit = { gtin, lotNumber: lot, expiry, productionDate, quantity: variableCount ?? 1, serials: serial ? [serial] : [] };
    } else {
      const quantity = input.quantity ?? input.serials?.length ?? 0;
      if (quantity < 1) {
        problem('quantity is required (or the list of serials)');
        return;
      }
      unit = {
        gtin: input.gtin,
        lotNumber: input.lotNumber,
        expiry: input.expiry,
        productionDate: input.productionDate,
        quantity,
        serials: input.serials ?? [],
      };
    }

    const product = products.get(unit.gtin);
    if (!product) {
      problem(`GTIN ${unit.gtin} is not a known product`);
      return;
    }
    if (!unit.lotNumber) {
      problem(`GTIN ${unit.gtin}: the lot number (10) is required to receive stock`);
      return;
    }
    if (!unit.expiry) {
      problem(`GTIN ${unit.gtin} lot ${unit.lotNumber}: the expiry date (17) is required to receive stock`);
      return;
    }
    if (isExpiredOn(unit.expiry, today)) {
      problem(`GTIN ${unit.gtin} lot ${unit.lotNumber} expired on ${unit.expiry}; expired goods are not received`);
      return;
    }
    if (product.serialControlled) {
      if (unit.serials.length === 0) {
        problem(`GTIN ${unit.gtin} is serial-controlled: every unit needs its serial number (21)`);
        return;
      }
      if (unit.serials.length !== unit.quantity) {
        problem(`GTIN ${unit.gtin} is serial-controlled: quantity ${unit.quantity} does not match ${unit.serials.length} serial(s)`);
        return;
      }
    } else if (unit.serials.length > 0 && !('scan' in input)) {
      problem(`GTIN ${unit.gtin} is not serial-controlled; send a quantity without serials`);
      return;
    }

    const key = `${unit.gtin}\u0000${unit.lotNumber}`;
    const existing = lots.get(key);
    if (existing && existing.expiry !== unit.expiry) {
      problem(`GTIN ${unit.gtin} lot ${unit.lotNumber} has expiry ${unit.expiry} here but ${existing.expiry} on an earlier line`);
      return;
    }
    const serials = product.serialControlled ? unit.serials : [];
    for (const serial of serials) {
      const seenOn = serialsSeen.get(`${unit.gtin}\u0000${serial}`);
      if (seenOn !== undefined) {
        problem(`GTIN ${unit.gtin} serial ${serial} is already on line ${seenOn}; each serial exists once`);
        return;
      }
    }
    for (const serial of serials) serialsSeen.set(`${unit.gtin}\u0000${serial}`, line);
    if (existing) {
      existing.quantity += unit.quantity;
      existing.serials.push(...serials);
    } else {
      lots.set(key, {
        gtin: unit.gtin,
        lotNumber: unit.lotNumber,
        expiry: unit.expiry,
        ...(unit.productionDate ? { productionDate: unit.productionDate } : {}),
        quantity: unit.quantity,
        serials: [...serials],
      });
    }
  });

  if (errors.length > 0) return { ok: false, errors };
  const planned = [...lots.values()];
  if (planned.length > MAX_LOTS_PER_RECEIPT) {
    return {
      ok: false,
      errors: [
        {
          line: 0,
          message: `the receipt names ${planned.length} lots; at most ${MAX_LOTS_PER_RECEIPT} lots per receipt (split the delivery into several receipts)`,
        },
      ],
    };
  }
  const serials = planned.reduce((sum, lot) => sum + lot.serials.length, 0);
  if (serials > MAX_SERIALS_PER_RECEIPT) {
    return {
      ok: false,
      errors: [
        { line: 0, message: `the receipt has ${serials} serials; at most ${MAX_SERIALS_PER_RECEIPT} per receipt (split the delivery into several receipts)` },
      ],
    };
  }
  return { ok: true, lots: planned };
}

/** The GTINs a receipt names, scanned or typed, so their master data can be read before planning. */
export function receiptGtins(lines: readonly ReceiptLineInput[], today: CalendarDate): string[] {
  const gtins = lines.flatMap((line) => {
    if (!('scan' in line)) return [line.gtin];
    const parsed = parseGs1(line.scan, { today });
    return parsed.ok && parsed.elements.gtin ? [parsed.elements.gtin] : [];
  });
  return [...new Set(gtins)];
}
