import { isValidGtin14 } from '../../../platform/domain/gtin.js';
import type { TradingPartnerData, ProductXrefData } from '../../../master-data/schemas/master-data.js';
import { PlaceOrderRequest } from '../../../orders/schemas/order.js';
import { ELEMENT_ERRORS, SEGMENT_ERRORS, type PoLine, type PurchaseOrder850, type SegmentError } from './purchase-order.js';

/** What the 855 needs of each line as the buyer sent it, beside the canonical order line. */
export interface EdiLine {
  lineId: string;
  quantity: number;
  unitOfMeasure: string;
  unitPrice?: string;
  productIds: { qualifier: string; value: string }[];
  gtin: string;
}

export type MappingResult = { ok: true; request: PlaceOrderRequest; lines: EdiLine[] } | { ok: false; errors: SegmentError[] };

/**
 * Product id qualifiers that carry a GS1 number themselves: UK (GTIN-14),
 * EN (EAN-13), UP (UPC-A 12), EO (GTIN-8). Other qualifiers (VC, VP, IN, BP,
 * SK...) are looked up in the partner's cross-reference.
 */
export function gtinFromGs1(qualifier: string, value: string): string | undefined {
  const lengths: Record<string, number> = { UK: 14, EN: 13, UP: 12, EO: 8 };
  const length = lengths[qualifier];
  if (length === undefined || !new RegExp(`^\\d{${length}}$`).test(value)) return undefined;
  const gtin = value.padStart(14, '0');
  return isValidGtin14(gtin) ? gtin : undefined;
}

/** The GTIN a PO1 line names: by its own GS1 ids or through the cross-reference; every id that resolves must agree. */
export function resolveGtin(line: Pick<PoLine, 'productIds'>, xref: ProductXrefData | undefined): { gtin?: string; conflict?: string[] } {
  const found = new Set<string>();
  for (const { qualifier, value } of line.productIds) {
    const direct = gtinFromGs1(qualifier, value);
    if (direct) {
      found.add(direct);
      continue;
    }
    const entry = xref?.entries.find((e) => e.qualifier === qualifier && e.productId === value);
    if (entry) found.add(entry.gtin);
  }
  if (found.size > 1) return { conflict: [...found] };
  const [gtin] = found;
  return gtin ? { gtin } : {};
}

/** The customer of a purchase order: an N1 code the partner mapped to a customer, else the partner's own customer. */
export function customerOf(order: Pick<PurchaseOrder850, 'parties'>, partner: TradingPartnerData): string {
  for (const code of ['BY', 'ST']) {
    const party = order.parties.find((p) => p.code === code && p.idQualifier && p.id);
    const location = party && partner.locations.find((l) => l.qualifier === party.idQualifier && l.code === party.id);
    if (location) return location.customerId;
  }
  return partner.customerId;
}

function lineError(line: PoLine, setStart: number, message: string, value?: string): SegmentError {
  return {
    segmentId: 'PO1',
    position: line.position - setStart + 1,
    code: SEGMENT_ERRORS.HAS_ELEMENT_ERRORS,
    elements: [{ position: 7, reference: '234', code: ELEMENT_ERRORS.INVALID_CODE, ...(value ? { value } : {}) }],
    message,
  };
}

/**
 * Maps a read 850 to the one canonical order request, through the partner's
 * customer mapping and product cross-reference. Pure: the caller loads the
 * master data. `setStart` is the ST segment's position in the interchange.
 */
export function mapPurchaseOrder(order: PurchaseOrder850, partner: TradingPartnerData, xref: ProductXrefData | undefined, setStart: number): MappingResult {
  const errors: SegmentError[] = [];
  const lines: EdiLine[] = [];
  for (const line of order.lines) {
    const { gtin, conflict } = resolveGtin(line, xref);
    const ids = line.productIds.map((id) => `${id.qualifier} ${id.value}`).join(', ');
    if (conflict)
      errors.push(
        lineError(
          line,
          setStart,
          `PO1 line ${line.lineId}: the product ids ${ids} name different products (${conflict.join(', ')})`,
          line.productIds[0]?.value,
        ),
      );
    else if (!gtin)
      errors.push(
        lineError(
          line,
          setStart,
          `PO1 line ${line.lineId}: no product known for ${ids} (not a valid GTIN and not in partner ${partner.partnerId}'s cross-reference)`,
          line.productIds[0]?.value,
        ),
      );
    else
      lines.push({
        lineId: line.lineId,
        quantity: line.quantity,
        unitOfMeasure: line.unitOfMeasure,
        ...(line.unitPrice ? { unitPrice: line.unitPrice } : {}),
        productIds: line.productIds,
        gtin,
      });
  }
  const shipTo = order.parties.find((p) => p.code === 'ST');
  if (!shipTo?.address) {
    errors.push({
      segmentId: 'N1',
      position: 2,
      code: SEGMENT_ERRORS.MANDATORY_MISSING,
      elements: [],
      message: 'N1*ST: the ship-to party with its address (N3, N4) is missing',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const address = shipTo!.address!;
  const candidate = {
    customerId: customerOf(order, partner),
    customerPo: order.poNumber,
    ...(order.requestedDelivery ? { requestedDeliveryDate: order.requestedDelivery } : {}),
    shipTo: {
      name: shipTo!.name,
      line1: address.line1,
      ...(address.line2 ? { line2: address.line2 } : {}),
      city: address.city,
      postalCode: address.postalCode,
      country: address.country,
    },
    lines: lines.map((line) => ({ gtin: line.gtin, quantity: line.quantity, ...(line.unitPrice ? { expectedUnitPrice: line.unitPrice } : {}) })),
  };
  const parsed = PlaceOrderRequest.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        segmentId: issue.path[0] === 'shipTo' ? 'N1' : issue.path[0] === 'lines' ? 'PO1' : 'BEG',
        position: 2,
        code: SEGMENT_ERRORS.HAS_ELEMENT_ERRORS,
        elements: [],
        message: `${issue.path.map(String).join('.')}: ${issue.message}`,
      })),
    };
  }
  return { ok: true, request: parsed.data, lines };
}
