import { el, type Segment } from './tokenizer.js';
import type { TransactionSet } from './envelope.js';

/** AK3 segment syntax error codes (X12 element 720). */
export const SEGMENT_ERRORS = { MANDATORY_MISSING: '3', HAS_ELEMENT_ERRORS: '8' } as const;
/** AK4 element syntax error codes (X12 element 723). */
export const ELEMENT_ERRORS = { MANDATORY_MISSING: '1', INVALID_CHARACTER: '6', INVALID_CODE: '7', INVALID_DATE: '8', TOO_LONG: '5' } as const;

export interface ElementError {
  /** Position of the element in the segment (PO107 is 7). */
  position: number;
  /** X12 data element reference number. */
  reference: string;
  code: string;
  value?: string;
}

/** One AK3 (with its AK4s): a segment of a transaction set in error, and why, in words for people. */
export interface SegmentError {
  segmentId: string;
  /** Position in the transaction set, ST being 1. */
  position: number;
  code: string;
  elements: ElementError[];
  message: string;
}

export interface ProductId {
  qualifier: string;
  value: string;
}

export interface Party {
  code: string;
  name: string;
  idQualifier?: string;
  id?: string;
  address?: { line1: string; line2?: string; city: string; region?: string; postalCode: string; country: string };
}

export interface PoLine {
  lineId: string;
  /** Position of the PO1 segment in the set, for error reports. */
  position: number;
  quantity: number;
  unitOfMeasure: string;
  unitPrice?: string;
  productIds: ProductId[];
}

export interface PurchaseOrder850 {
  purpose: string;
  poType: string;
  poNumber: string;
  poDate: string;
  requestedDelivery?: string;
  parties: Party[];
  lines: PoLine[];
}

export type ReadResult = { ok: true; order: PurchaseOrder850 } | { ok: false; errors: SegmentError[] };

const REF = {
  BEG01: '353',
  BEG02: '92',
  BEG03: '324',
  BEG05: '373',
  PO102: '330',
  PO103: '355',
  PO104: '212',
  PO1_ID: '234',
  DTM02: '373',
  CTT01: '354',
  N401: '19',
  N403: '116',
  N404: '26',
  N301: '166',
};

/** X12 dates are CCYYMMDD; the order keeps calendar dates as YYYY-MM-DD. */
export function x12Date(value: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : undefined;
}

/** X12 "R" numbers may lack a leading zero or carry a sign; prices here are non-negative with at most 4 decimals. */
export function x12Price(value: string): string | undefined {
  const match = /^(\d*)(?:\.(\d{0,4}))?$/.exec(value);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return undefined;
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return `${whole}.${fraction}`;
}

function segmentError(segment: Segment, set: TransactionSet, code: string, elements: ElementError[], message: string): SegmentError {
  return { segmentId: segment.id, position: segment.position - set.segments[0]!.position + 1, code, elements, message };
}

function elementError(segment: Segment, set: TransactionSet, element: ElementError, message: string): SegmentError {
  return segmentError(segment, set, SEGMENT_ERRORS.HAS_ELEMENT_ERRORS, [element], message);
}

function readParties(body: Segment[], n4s: Map<Party, Segment>): Party[] {
  const parties: Party[] = [];
  let current: Party | undefined;
  for (const segment of body) {
    if (segment.id === 'N1') {
      current = { code: el(segment, 1), name: el(segment, 2), ...(el(segment, 3) ? { idQualifier: el(segment, 3), id: el(segment, 4) } : {}) };
      parties.push(current);
    } else if (current && segment.id === 'N3') {
      current.address = {
        ...(current.address ?? { city: '', postalCode: '', country: '' }),
        line1: el(segment, 1),
        ...(el(segment, 2) ? { line2: el(segment, 2) } : {}),
      };
    } else if (current && segment.id === 'N4') {
      n4s.set(current, segment);
      current.address = {
        ...(current.address ?? { line1: '' }),
        city: el(segment, 1),
        ...(el(segment, 2) ? { region: el(segment, 2) } : {}),
        postalCode: el(segment, 3),
        country: el(segment, 4),
      };
    } else if (segment.id === 'PO1' || segment.id === 'CTT') {
      current = undefined;
    }
  }
  return parties;
}

function readLine(segment: Segment, set: TransactionSet, errors: SegmentError[]): PoLine | undefined {
  const quantityText = el(segment, 2);
  const unitPriceText = el(segment, 4);
  const unitPrice = unitPriceText === '' ? undefined : x12Price(unitPriceText);
  const productIds: ProductId[] = [];
  for (let position = 6; position + 1 < segment.elements.length; position += 2) {
    const qualifier = el(segment, position);
    const value = el(segment, position + 1);
    if (qualifier && value) productIds.push({ qualifier, value });
  }
  const at = `PO1 line ${el(segment, 1) || '(no id)'}`;
  if (!/^\d+$/.test(quantityText) || Number(quantityText) < 1 || Number(quantityText) > 100_000) {
    errors.push(
      elementError(
        segment,
        set,
        {
          position: 2,
          reference: REF.PO102,
          code: quantityText ? ELEMENT_ERRORS.INVALID_CHARACTER : ELEMENT_ERRORS.MANDATORY_MISSING,
          ...(quantityText ? { value: quantityText } : {}),
        },
        `${at}: quantity "${quantityText}" must be a whole number of units from 1 to 100000`,
      ),
    );
    return undefined;
  }
  if (unitPriceText !== '' && unitPrice === undefined) {
    errors.push(
      elementError(
        segment,
        set,
        { position: 4, reference: REF.PO104, code: ELEMENT_ERRORS.INVALID_CHARACTER, value: unitPriceText },
        `${at}: unit price "${unitPriceText}" is not a non-negative decimal with at most 4 decimals`,
      ),
    );
    return undefined;
  }
  if (productIds.length === 0) {
    errors.push(
      elementError(
        segment,
        set,
        { position: 7, reference: REF.PO1_ID, code: ELEMENT_ERRORS.MANDATORY_MISSING },
        `${at}: no product id (PO106/PO107 qualifier and id)`,
      ),
    );
    return undefined;
  }
  return {
    lineId: el(segment, 1),
    position: segment.position,
    quantity: Number(quantityText),
    unitOfMeasure: el(segment, 3) || 'EA',
    ...(unitPrice !== undefined ? { unitPrice } : {}),
    productIds,
  };
}

/**
 * Reads an 850 purchase order's business content: BEG, the N1 loops (ship-to,
 * bill-to, buyer), PO1 lines, DTM*002 and the CTT line count. Every problem
 * is collected as an AK3/AK4-shaped error, so the 997 names each one.
 */
export function readPurchaseOrder(set: TransactionSet): ReadResult {
  const errors: SegmentError[] = [];
  const body = set.segments.slice(1, set.segments.at(-1)?.id === 'SE' ? -1 : undefined);
  const beg = body.find((s) => s.id === 'BEG');
  if (!beg) {
    return {
      ok: false,
      errors: [
        {
          segmentId: 'BEG',
          position: 2,
          code: SEGMENT_ERRORS.MANDATORY_MISSING,
          elements: [],
          message: `850 ${set.controlNumber}: the BEG segment is missing`,
        },
      ],
    };
  }
  const purpose = el(beg, 1);
  const poNumber = el(beg, 3);
  const poDate = x12Date(el(beg, 5));
  if (purpose !== '00')
    errors.push(
      elementError(
        beg,
        set,
        { position: 1, reference: REF.BEG01, code: ELEMENT_ERRORS.INVALID_CODE, value: purpose },
        `BEG01: purpose "${purpose}" is not supported; only 00 (original) purchase orders are taken`,
      ),
    );
  if (poNumber === '')
    errors.push(
      elementError(beg, set, { position: 3, reference: REF.BEG03, code: ELEMENT_ERRORS.MANDATORY_MISSING }, 'BEG03: the purchase order number is missing'),
    );
  else if (poNumber.length > 22)
    errors.push(
      elementError(
        beg,
        set,
        { position: 3, reference: REF.BEG03, code: ELEMENT_ERRORS.TOO_LONG, value: poNumber },
        `BEG03: purchase order number "${poNumber}" is longer than 22 characters`,
      ),
    );
  if (!poDate)
    errors.push(
      elementError(
        beg,
        set,
        {
          position: 5,
          reference: REF.BEG05,
          code: el(beg, 5) ? ELEMENT_ERRORS.INVALID_DATE : ELEMENT_ERRORS.MANDATORY_MISSING,
          ...(el(beg, 5) ? { value: el(beg, 5) } : {}),
        },
        `BEG05: "${el(beg, 5)}" is not a date (CCYYMMDD)`,
      ),
    );

  let requestedDelivery: string | undefined;
  const dtm = body.find((s) => s.id === 'DTM' && el(s, 1) === '002');
  if (dtm) {
    requestedDelivery = x12Date(el(dtm, 2));
    if (!requestedDelivery)
      errors.push(
        elementError(
          dtm,
          set,
          { position: 2, reference: REF.DTM02, code: ELEMENT_ERRORS.INVALID_DATE, value: el(dtm, 2) },
          `DTM*002: "${el(dtm, 2)}" is not a date (CCYYMMDD)`,
        ),
      );
  }

  const po1s = body.filter((s) => s.id === 'PO1');
  if (po1s.length === 0)
    errors.push({
      segmentId: 'PO1',
      position: body.length + 1,
      code: SEGMENT_ERRORS.MANDATORY_MISSING,
      elements: [],
      message: 'the purchase order has no PO1 line',
    });
  const lines = po1s.map((segment) => readLine(segment, set, errors)).filter((line): line is PoLine => line !== undefined);

  const ctt = body.find((s) => s.id === 'CTT');
  if (ctt && el(ctt, 1) !== String(po1s.length)) {
    errors.push(
      elementError(
        ctt,
        set,
        { position: 1, reference: REF.CTT01, code: ELEMENT_ERRORS.INVALID_CODE, value: el(ctt, 1) },
        `CTT01: says ${el(ctt, 1)} line item(s), the purchase order holds ${po1s.length} PO1 segment(s)`,
      ),
    );
  }

  const n4s = new Map<Party, Segment>();
  const parties = readParties(body, n4s);
  const shipTo = parties.find((party) => party.code === 'ST');
  if (shipTo?.address) {
    const n4 = n4s.get(shipTo);
    const { address } = shipTo;
    if (n4 && !/^[A-Z]{2}$/.test(address.country)) {
      errors.push(
        elementError(
          n4,
          set,
          {
            position: 4,
            reference: REF.N404,
            code: address.country ? ELEMENT_ERRORS.INVALID_CODE : ELEMENT_ERRORS.MANDATORY_MISSING,
            ...(address.country ? { value: address.country } : {}),
          },
          `N4 (ship-to): country "${address.country}" must be an ISO 3166 two-letter code`,
        ),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    order: { purpose, poType: el(beg, 2), poNumber, poDate: poDate!, ...(requestedDelivery ? { requestedDelivery } : {}), parties, lines },
  };
}
