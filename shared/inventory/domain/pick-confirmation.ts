import type { AllocatedLine, ScanVerdict } from './pick-verification.js';
import { describeDuration } from './stock-shortage.js';

/** What a confirmed pick took, per order line and lot; serials named for serial-controlled lines. */
export interface PickedLot {
  lineNo: number;
  gtin: string;
  lotNumber: string;
  quantity: number;
  serials?: string[];
}

/** Sums the accepted scans per line and lot, in line and lot order, serials sorted. */
export function pickedUnits(verdicts: readonly ScanVerdict[]): PickedLot[] {
  const byLot = new Map<string, PickedLot>();
  for (const verdict of verdicts) {
    if (!verdict.accepted) continue;
    const key = `${verdict.lineNo}\u0000${verdict.lotNumber}`;
    const entry = byLot.get(key) ?? { lineNo: verdict.lineNo, gtin: verdict.gtin, lotNumber: verdict.lotNumber, quantity: 0 };
    entry.quantity += verdict.quantity;
    if (verdict.serial !== undefined) entry.serials = [...(entry.serials ?? []), verdict.serial].sort();
    byLot.set(key, entry);
  }
  return [...byLot.values()].sort((a, b) => a.lineNo - b.lineNo || a.lotNumber.localeCompare(b.lotNumber));
}

/** The allocation in the same shape, to compare with what was picked. */
export function allocatedUnits(lines: readonly AllocatedLine[]): PickedLot[] {
  const units = lines.flatMap((line) =>
    line.picks.map((pick) => ({
      lineNo: line.lineNo,
      gtin: line.gtin,
      lotNumber: pick.lotNumber,
      quantity: pick.quantity,
      ...(pick.serials?.length ? { serials: [...pick.serials].sort() } : {}),
    })),
  );
  const merged = new Map<string, PickedLot>();
  for (const unit of units) {
    const key = `${unit.lineNo}\u0000${unit.lotNumber}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...unit });
    else {
      seen.quantity += unit.quantity;
      if (unit.serials) seen.serials = [...(seen.serials ?? []), ...unit.serials].sort();
    }
  }
  return [...merged.values()].sort((a, b) => a.lineNo - b.lineNo || a.lotNumber.localeCompare(b.lotNumber));
}

/**
 * The Ship step ships the reservations only when they are exactly what the
 * packer scanned: same lines, lots, quantities and serials. Anything else
 * (an allocation changed after the scan) must not leave the building.
 */
export function pickMatchesAllocation(picked: readonly PickedLot[], lines: readonly AllocatedLine[]): boolean {
  const canonical = (units: readonly PickedLot[]) =>
    JSON.stringify(
      [...units]
        .sort((a, b) => a.lineNo - b.lineNo || a.lotNumber.localeCompare(b.lotNumber))
        .map(({ lineNo, gtin, lotNumber, quantity, serials }) => [lineNo, gtin, lotNumber, quantity, [...(serials ?? [])].sort()]),
    );
  return canonical(picked) === canonical(allocatedUnits(lines));
}

export type PickTimeoutOutcome = { outcome: 'CONTINUE' } | { outcome: 'REJECT'; reason: string };

/**
 * What the end of the warehouse's time does. A task confirmed in the same
 * instant as the timeout (the confirmation won the conditional write, its
 * SendTaskSuccess came too late) ships: the goods were scanned. Otherwise the
 * order is rejected with the reason and its reservations go back to stock, so
 * goods nobody packed are not held for it forever; the customer orders again.
 */
export function pickTimeoutOutcome(taskStatus: string | undefined, timeoutSeconds: number): PickTimeoutOutcome {
  if (taskStatus === 'CONFIRMED') return { outcome: 'CONTINUE' };
  return {
    outcome: 'REJECT',
    reason: `not picked: the warehouse did not confirm the scan-to-ship within ${describeDuration(timeoutSeconds)}; the reserved stock was released`,
  };
}
