import { findCurrent } from '../../../master-data/data/master-record-repository.js';
import { parseInterchange, SET_ERRORS, type InterchangeHeader } from '../../domain/x12/envelope.js';
import { mapPurchaseOrder, type EdiLine } from '../../domain/x12/order-mapping.js';
import { readPurchaseOrder, type SegmentError } from '../../domain/x12/purchase-order.js';
import type { Delimiters } from '../../domain/x12/tokenizer.js';
import { ProductXrefData, TradingPartnerData } from '../../../master-data/schemas/master-data.js';
import type { PlaceOrderRequest } from '../../../orders/schemas/order.js';
import { matchesAny, partnerMayOrderFor, type Partner } from '../../../platform/channels.js';
import { ELEMENT_ERRORS, SEGMENT_ERRORS } from '../../domain/x12/purchase-order.js';

export class UnknownPartnerError extends Error {
  override name = 'UnknownPartnerError';
}

/** The interchange names a sender (ISA06 or GS02) that is not one of the calling partner's own. */
export class SenderNotAllowedError extends Error {
  override name = 'SenderNotAllowedError';
}

/**
 * The senders an interchange names must be the token's partner's: ISA06
 * among its interchange sender ids and every group's GS02 among its
 * application sender codes. Whoever holds one partner's secret cannot order
 * as another.
 */
export function checkSenders(header: Pick<InterchangeHeader, 'senderQualifier' | 'senderId'>, groupSenders: readonly string[], partner: Partner): void {
  const x12 = partner.x12;
  if (!x12 || !matchesAny(x12.interchangeSenderIds, header.senderId)) {
    throw new SenderNotAllowedError(
      `interchange sender ISA06 ${header.senderQualifier}:${header.senderId} is not one of partner ${partner.id}'s interchange sender ids (${x12?.interchangeSenderIds.join(', ') ?? 'none'})`,
    );
  }
  const foreign = groupSenders.find((code) => !matchesAny(x12.applicationSenderIds, code));
  if (foreign !== undefined) {
    throw new SenderNotAllowedError(
      `application sender GS02 ${foreign} is not one of partner ${partner.id}'s application sender codes (${x12.applicationSenderIds.join(', ')})`,
    );
  }
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
 * envelope faults, unsupported sets, unreadable or unmappable 850s, and 850s
 * for a customer the calling partner may not order for are rejected here.
 * Reads master data only; writes nothing. Throws X12SyntaxError for a broken
 * interchange, SenderNotAllowedError when it names another partner's
 * sender, and UnknownPartnerError.
 */
export async function planInterchange(text: string, caller: Partner): Promise<InterchangePlan> {
  const interchange = parseInterchange(text);
  const { header } = interchange;
  checkSenders(
    header,
    interchange.groups.map((group) => group.senderCode),
    caller,
  );
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
        if (!partnerMayOrderFor(caller, mapped.request.customerId)) {
          const message = `partner ${caller.id} may not order for customer ${mapped.request.customerId}`;
          const error = {
            segmentId: 'BEG',
            position: 2,
            code: SEGMENT_ERRORS.HAS_ELEMENT_ERRORS,
            elements: [{ position: 3, reference: '324', code: ELEMENT_ERRORS.INVALID_CODE }],
            message,
          };
          return { ...base, codes: [SET_ERRORS.SEGMENTS_IN_ERROR], errors: [error] };
        }
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
