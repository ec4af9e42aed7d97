import { equalAmounts, multiply, sum, type DecimalString } from './money.js';

export interface PriceListSnapshot {
  priceListId: string;
  currency: string;
  unitPrices: ReadonlyMap<string, DecimalString>;
}

export interface LineToPrice {
  lineNo: number;
  gtin: string;
  quantity: number;
  expectedUnitPrice?: DecimalString | undefined;
}

export interface PricedLine extends LineToPrice {
  unitPrice: DecimalString;
  lineTotal: DecimalString;
  priceSource: string;
}

export type PricingResult =
  | { outcome: 'PRICED'; currency: string; lines: PricedLine[]; total: DecimalString; deviations: number[] }
  | { outcome: 'UNPRICEABLE'; reason: string; unpricedLines: number[] };

/**
 * List price times quantity, in exact decimals. A line whose GTIN is not on
 * the customer's price list makes the whole order unpriceable: guessing a
 * price for a regulated device is worse than refusing the order.
 * Lines whose buyer-expected price differs are reported as deviations, for
 * the approval rules to weigh.
 */
export function priceOrder(lines: readonly LineToPrice[], priceList: PriceListSnapshot): PricingResult {
  const unpricedLines = lines.filter((line) => !priceList.unitPrices.has(line.gtin)).map((line) => line.lineNo);
  if (unpricedLines.length > 0) {
    return {
      outcome: 'UNPRICEABLE',
      reason: `no price on price list ${priceList.priceListId} for line(s) ${unpricedLines.join(', ')}`,
      unpricedLines,
    };
  }
  const priced = lines.map((line): PricedLine => {
    const unitPrice = priceList.unitPrices.get(line.gtin) as DecimalString;
    return {
      ...line,
      unitPrice,
      lineTotal: multiply(unitPrice, line.quantity),
      priceSource: `price-list:${priceList.priceListId}`,
    };
  });
  const deviations = priced
    .filter((line) => line.expectedUnitPrice !== undefined && !equalAmounts(line.expectedUnitPrice, line.unitPrice))
    .map((line) => line.lineNo);
  return {
    outcome: 'PRICED',
    currency: priceList.currency,
    lines: priced,
    total: sum(priced.map((line) => line.lineTotal)),
    deviations,
  };
}
