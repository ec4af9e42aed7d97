import type { CalendarDate } from '../../platform/domain/calendar-date.js';
import { parseGs1, showScan } from './gs1.js';
import type { ScanRefusal } from '../schemas/shipment.js';

/** What the allocation holds for one order line: the lots (and serials) to pick. */
/**
 * Scans one packing confirmation carries (a serialized unit is one scan each). Orders are held to it at intake and
 * validation, so an order that could never be confirmed is never accepted.
 */
export const MAX_SCANS_PER_CONFIRMATION = 500;

export interface AllocatedLine {
  lineNo: number;
  gtin: string;
  picks: { lotNumber: string; expiry: CalendarDate; quantity: number; serials?: string[] }[];
}

export type ScanVerdict =
  | { scan: string; accepted: true; lineNo: number; gtin: string; lotNumber: string; quantity: number; serial?: string }
  | { scan: string; accepted: false; refusal: ScanRefusal; reason: string };

export interface PickCheck {
  verdicts: ScanVerdict[];
  /** Units still to scan per line and lot; empty when the order is completely picked. */
  outstanding: { lineNo: number; gtin: string; lotNumber: string; quantity: number }[];
  complete: boolean;
}

/**
 * Checks a packing station's scans against what was allocated to the order:
 * each scan must be a product of the order, from an allocated lot (with the
 * lot's expiry when the label carries one), of an allocated serial for
 * serial-controlled lines, and not beyond the allocated quantity. A refused
 * scan changes nothing and says why, so the picker can put the unit back.
 * Scans are applied in order; a case label with a count (AI 30) is that many
 * units and is refused whole if they do not all fit.
 */
export function checkPick(lines: readonly AllocatedLine[], scans: readonly string[], today: CalendarDate): PickCheck {
  const remaining = lines.flatMap((line) =>
    line.picks.map((pick) => ({
      lineNo: line.lineNo,
      gtin: line.gtin,
      lotNumber: pick.lotNumber,
      expiry: pick.expiry,
      left: pick.quantity,
      serials: new Set(pick.serials ?? []),
      serialized: (pick.serials?.length ?? 0) > 0,
    })),
  );
  const scannedSerials = new Set<string>();
  const verdicts: ScanVerdict[] = scans.map((scan): ScanVerdict => {
    const refuse = (refusal: ScanRefusal, reason: string): ScanVerdict => ({ scan, accepted: false, refusal, reason: `${showScan(scan)}: ${reason}` });
    const parsed = parseGs1(scan, { today });
    if (!parsed.ok) return refuse('UNREADABLE', parsed.error.message);
    const { gtin, lot, expiry, serial, variableCount } = parsed.elements;
    if (!gtin) return refuse('UNREADABLE', 'no GTIN (01) in the scan');
    const ofProduct = remaining.filter((entry) => entry.gtin === gtin);
    if (ofProduct.length === 0) return refuse('NOT_ON_ORDER', `GTIN ${gtin} is not on this order`);
    if (!lot) return refuse('WRONG_LOT', `GTIN ${gtin}: the label has no lot number (10); allocated lot(s) ${ofProduct.map((e) => e.lotNumber).join(', ')}`);
    const ofLot = ofProduct.filter((entry) => entry.lotNumber === lot);
    if (ofLot.length === 0)
      return refuse(
        'WRONG_LOT',
        `GTIN ${gtin} lot ${lot} was not allocated to this order; pick lot(s) ${[...new Set(ofProduct.map((e) => e.lotNumber))].join(', ')}`,
      );
    if (expiry && ofLot.every((entry) => entry.expiry !== expiry)) {
      return refuse(
        'EXPIRY_MISMATCH',
        `GTIN ${gtin} lot ${lot} has expiry ${expiry} on the label but ${ofLot[0]!.expiry} in stock records; quarantine the unit and call quality`,
      );
    }
    const units = variableCount ?? 1;
    if (ofLot.some((entry) => entry.serialized)) {
      if (!serial) return refuse('WRONG_SERIAL', `GTIN ${gtin} is picked by serial: scan the unit's serial number (21)`);
      if (units !== 1) return refuse('WRONG_SERIAL', `GTIN ${gtin} is picked by serial: scan units one by one`);
      if (scannedSerials.has(`${gtin}\u0000${serial}`)) return refuse('SERIAL_ALREADY_SCANNED', `serial ${serial} was already scanned`);
      const entry = ofLot.find((candidate) => candidate.serials.has(serial));
      if (!entry) return refuse('WRONG_SERIAL', `serial ${serial} of GTIN ${gtin} was not allocated to this order`);
      scannedSerials.add(`${gtin}\u0000${serial}`);
      entry.left -= 1;
      return { scan, accepted: true, lineNo: entry.lineNo, gtin, lotNumber: lot, quantity: 1, serial };
    }
    const entry = ofLot.find((candidate) => candidate.left >= units);
    if (!entry) {
      const left = ofLot.reduce((sum, candidate) => sum + candidate.left, 0);
      return refuse(
        'OVER_SCAN',
        left === 0
          ? `GTIN ${gtin} lot ${lot} is already completely picked`
          : `${units} unit(s) of GTIN ${gtin} lot ${lot} scanned but only ${left} still to pick`,
      );
    }
    entry.left -= units;
    return { scan, accepted: true, lineNo: entry.lineNo, gtin, lotNumber: lot, quantity: units };
  });
  const outstanding = remaining.filter((entry) => entry.left > 0).map(({ lineNo, gtin, lotNumber, left }) => ({ lineNo, gtin, lotNumber, quantity: left }));
  return { verdicts, outstanding, complete: outstanding.length === 0 };
}
