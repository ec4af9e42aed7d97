import { findCurrent } from '../../../master-data/data/master-record-repository.js';
import { parseInterchange, SET_ERRORS, type InterchangeHeader } from '../../domain/x12/envelope.js';
import { mapPurchaseOrder, type EdiLine } from '../../domain/x12/order-mapping.js';
import { readPurchaseOrder, type SegmentError } from '../../domain/x12/purchase-order.js';
import type { Delimiters } from '../../domain/x12/tokenizer.js';
import { ProductXrefData, TradingPartnerData } from '../../../master-data/schemas/master-data.js';
import type { PlaceOrderRequest } from '../../../orders/schemas/order.js';

export class UnknownPartnerError extends Error {
  override name = 'UnknownPartnerError';
}

export interface Candidate {
  request: PlaceOrderRequest;
  lines: EdiLine[];
  poDate: string;
  /** Position of each line's PO1 in the transaction set (ST = 1), for segment errors. */
  linePositions: number[];
}

export interface PlannedSet {
  id: string;
  controlNumber: string;
  /** AK5 codes when the set is rejected before anything is written. */
  codes: string[];
  errors: SegmentError[];
  candidate?: Candidate;
}

export interface PlannedGroup {
  functionalId: string;
  controlNumber: string;
  version: string;
  senderCode: string;
  receiverCode: string;
  codes: string[];
  sets: PlannedSet[];
}

/** Everything decided by reading the interchange and the master data, before anything is written. Plain data. */
export interface InterchangePlan {
  interchangeKey: string;
  header: InterchangeHeader;
  delimiters: Delimiters;
  partnerId: string;
  groups: PlannedGroup[];
}

async function partnerFor(header: InterchangeHeader, groupSender: string | undefined): Promise<TradingPartnerData> {
  for (const id of [header.senderId, groupSender]) {
    if (!id) continue;
    const current = await findCurrent('trading-partners', id);
    if (!current) continue;
    const partner = TradingPartnerData.parse(current.data);
    if (!partner.interchangeQualifier || partner.interchangeQualifier === header.senderQualifier) return partner;
  }
  throw new UnknownPartnerError(`interchange sender ${header.senderQualifier}:${header.senderId} is not a known trading partner`);
}

async function xrefFor(partnerId: string): Promise<ProductXrefData | undefined> {
  const current = await findCurrent('product-xrefs', partnerId);
  return current ? ProductXrefData.parse(current.data) : undefined;
}

/**
 * Reads an interchange and decides, set by set, what can become an order:
 * envelope faults, unsupported sets, unreadable or unmappable 850s are
 * rejected here. Reads master data only; writes nothing. Throws
 * X12SyntaxError for a broken interchange and UnknownPartnerError.
 */
export async function planInterchange(text: string): Promise<InterchangePlan> {
  const interchange = parseInterchange(text);
  const { header } = interchange;
  const partner = await partnerFor(header, interchange.groups[0]?.senderCode);
  const xref = await xrefFor(partner.partnerId);
  const groups = interchange.groups.map(
    (group): PlannedGroup => ({
      functionalId: group.functionalId,
      controlNumber: group.controlNumber,
      version: group.version,
      senderCode: group.senderCode,
      receiverCode: group.receiverCode,
      codes: group.errors,
      sets: group.sets.map((set): PlannedSet => {
        const base = { id: set.id, controlNumber: set.controlNumber };
        if (group.errors.length > 0) return { ...base, codes: [], errors: [] };
        if (set.envelopeErrors.length > 0) return { ...base, codes: set.envelopeErrors, errors: [] };
        if (set.id !== '850') return { ...base, codes: [SET_ERRORS.NOT_SUPPORTED], errors: [] };
        const read = readPurchaseOrder(set);
        if (!read.ok) return { ...base, codes: [SET_ERRORS.SEGMENTS_IN_ERROR], errors: read.errors };
        const mapped = mapPurchaseOrder(read.order, partner, xref, set.segments[0]!.position);
        if (!mapped.ok) return { ...base, codes: [SET_ERRORS.SEGMENTS_IN_ERROR], errors: mapped.errors };
        return {
          ...base,
          codes: [],
          errors: [],
          candidate: {
            request: mapped.request,
            lines: mapped.lines,
            poDate: read.order.poDate,
            linePositions: read.order.lines.map((line) => line.position - set.segments[0]!.position + 1),
          },
        };
      }),
    }),
  );
  return {
    interchangeKey: `${header.senderQualifier}:${header.senderId}#${header.controlNumber}`,
    header,
    delimiters: interchange.delimiters,
    partnerId: partner.partnerId,
    groups,
  };
}

export function hasCandidates(plan: InterchangePlan): boolean {
  return plan.groups.some((group) => group.sets.some((set) => set.candidate));
}
