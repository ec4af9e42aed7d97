import { allocateControlNumbers, claimEdiPurchaseOrder, linkEdiOrder } from '../../data/edi-repository.js';
import { functionalAckSegments, type GroupAck, type SetAck } from '../../domain/x12/ack997.js';
import { ELEMENT_ERRORS, SEGMENT_ERRORS, type SegmentError } from '../../domain/x12/purchase-order.js';
import { renderInterchange } from '../../domain/x12/render.js';
import type { EdiInterchangeResult, EdiTransactionSetResult } from '../../schemas/edi.js';
import type { IntakeConflict } from '../../../orders/schemas/order.js';
import { orderLinks } from '../../../orders/services/links.js';
import { placeOrder, type IntakeSettings, type Submitter } from '../../../orders/services/place-order.js';
import type { Candidate, InterchangePlan, PlannedSet } from './plan.js';

export const ackPath = (controlNumber: string) => `/v1/channels/edi/x12/acks/${controlNumber}`;

type Outcome =
  | { result: 'ACCEPTED' | 'DUPLICATE'; orderId: string; ackControlNumber?: string }
  /** `errors`: why the intake refused a well-formed 850 (unknown GTIN, product on hold, …), as segment errors. */
  | { result: 'REJECTED'; errors?: SegmentError[] };

/** An intake conflict as the 997 reports it: on the PO1 of its line (or BEG for the order), with the suggestion. */
function conflictError(conflict: IntakeConflict, candidate: Candidate): SegmentError {
  const line = conflict.lineNo ? candidate.lines[conflict.lineNo - 1] : undefined;
  const message = `${line ? `PO1 line ${line.lineId}: ` : ''}${conflict.message}${conflict.suggestion ? ` (${conflict.suggestion.text})` : ''}`;
  return {
    segmentId: line ? 'PO1' : 'BEG',
    position: line ? (candidate.linePositions[conflict.lineNo! - 1] ?? 2) : 2,
    code: SEGMENT_ERRORS.HAS_ELEMENT_ERRORS,
    elements: line ? [{ position: 7, reference: '234', code: ELEMENT_ERRORS.INVALID_CODE }] : [],
    message,
  };
}

function duplicateError(customerPo: string, orderId: string): SegmentError {
  return {
    segmentId: 'BEG',
    position: 2,
    code: SEGMENT_ERRORS.HAS_ELEMENT_ERRORS,
    elements: [{ position: 3, reference: '324', code: ELEMENT_ERRORS.INVALID_CODE, value: customerPo }],
    message: `BEG03: customer PO ${customerPo} was already ordered as ${orderId}`,
  };
}

/** One 850 to one order through the shared intake; a retried interchange finds its own order again. */
async function orderFor(
  plan: InterchangePlan,
  group: InterchangePlan['groups'][number],
  set: PlannedSet,
  ackControlNumber: string,
  submitter: Submitter,
  intake: IntakeSettings,
  now: Date,
): Promise<Outcome> {
  const candidate = set.candidate;
  if (!candidate) return { result: 'REJECTED' };
  const { request } = candidate;
  const actor = submitter.principal;
  const claim = await claimEdiPurchaseOrder({
    customerId: request.customerId,
    customerPo: request.customerPo,
    interchangeKey: plan.interchangeKey,
    partnerId: plan.partnerId,
    sender: { qualifier: plan.header.senderQualifier, id: plan.header.senderId },
    receiver: { qualifier: plan.header.receiverQualifier, id: plan.header.receiverId },
    groupSender: group.senderCode,
    groupReceiver: group.receiverCode,
    version: group.version,
    usage: plan.header.usage,
    groupControlNumber: group.controlNumber,
    setControlNumber: set.controlNumber,
    ackControlNumber,
    poDate: candidate.poDate,
    lines: candidate.lines,
    submittedBy: submitter.principal,
    receivedAt: now.toISOString(),
    changedBy: actor,
    changeReason: `EDI 850 ${set.controlNumber} in interchange ${plan.interchangeKey}`,
  });
  if (!claim.claimed) {
    const { existing } = claim;
    const orderId = existing.orderId ?? 'unknown';
    // The same interchange, run again after a failure part-way: its order was already made.
    if (
      existing.interchangeKey === plan.interchangeKey &&
      existing.groupControlNumber === group.controlNumber &&
      existing.setControlNumber === set.controlNumber
    ) {
      return { result: 'ACCEPTED', orderId, ackControlNumber: existing.ackControlNumber };
    }
    return { result: 'DUPLICATE', orderId };
  }
  const placed = await placeOrder(request, submitter, intake, now);
  switch (placed.outcome) {
    case 'CREATED':
    case 'HELD_AS_POSSIBLE_DUPLICATE':
      // A held order is an order: its 855 follows once someone keeps or merges it.
      await linkEdiOrder(request.customerId, request.customerPo, plan.interchangeKey, placed.orderId, actor);
      return { result: 'ACCEPTED', orderId: placed.orderId, ackControlNumber };
    case 'EXACT_DUPLICATE':
      return { result: 'DUPLICATE', orderId: placed.existingOrderId };
    case 'REFUSED':
      // Nothing was written but the EDI record, which a corrected 850 for the same PO replaces.
      return { result: 'REJECTED', errors: placed.conflicts.filter((conflict) => conflict.blocking).map((conflict) => conflictError(conflict, candidate)) };
  }
}

function toSetResult(groupControlNumber: string, set: PlannedSet, outcome: Outcome, errors: SegmentError[]): EdiTransactionSetResult {
  const customerPo = set.candidate?.request.customerPo;
  return {
    groupControlNumber,
    controlNumber: set.controlNumber,
    transactionSet: set.id,
    result: outcome.result,
    ...(customerPo ? { customerPo } : {}),
    ...(outcome.result !== 'REJECTED' ? { orderId: outcome.orderId } : {}),
    ...(outcome.result === 'ACCEPTED' && outcome.ackControlNumber ? { ackControlNumber: outcome.ackControlNumber } : {}),
    errors: errors.map((error) => ({
      segment: error.segmentId,
      position: error.position,
      ...(error.elements[0] ? { element: error.elements[0].position, code: error.elements[0].code } : { code: error.code }),
      message: error.message,
    })),
    links:
      outcome.result === 'REJECTED'
        ? {}
        : { ...orderLinks(outcome.orderId), ...(outcome.result === 'ACCEPTED' && outcome.ackControlNumber ? { ack: ackPath(outcome.ackControlNumber) } : {}) },
  };
}

/** Envelope faults have no segment in error (no AK3) but people still need to read why. */
function envelopeErrorMessages(set: PlannedSet, groupCodes: string[]): SegmentError[] {
  const why: Record<string, string> = {
    '1': `transaction set ${set.id} is not supported: this channel takes 850 purchase orders`,
    '2': 'the SE trailer is missing',
    '3': 'ST02 and SE02 control numbers differ',
    '4': 'SE01 does not match the number of segments',
    '6': 'ST01 is not a transaction set identifier',
    '7': 'ST02 is not a transaction set control number',
  };
  const groupWhy: Record<string, string> = {
    '1': 'the functional group is not purchase orders (GS01 PO)',
    '3': 'the functional group has no GE trailer',
    '4': 'GS06 and GE02 group control numbers differ',
    '5': 'GE01 does not match the number of transaction sets',
  };
  if (groupCodes.length > 0)
    return groupCodes.map((code) => ({ segmentId: 'GS', position: 0, code, elements: [], message: groupWhy[code] ?? `group error ${code}` }));
  return set.codes.map((code) => ({ segmentId: 'ST', position: 1, code, elements: [], message: why[code] ?? `error ${code}` }));
}

/**
 * Turns a planned interchange into orders (through the one shared intake)
 * and its 997. `controlNumbers` are the interchange control numbers to use:
 * the first for the 997, then one per order for its 855.
 */
export async function acknowledgeInterchange(
  plan: InterchangePlan,
  outcomes: (set: PlannedSet, group: InterchangePlan['groups'][number], ackControlNumber: string) => Promise<Outcome>,
  controlNumbers: string[],
  now: Date,
): Promise<EdiInterchangeResult> {
  const [ackControl = plan.header.controlNumber, ...ackControls] = controlNumbers;
  const setResults: EdiTransactionSetResult[] = [];
  const groupAcks: GroupAck[] = [];
  for (const group of plan.groups) {
    const sets: SetAck[] = [];
    for (const set of group.sets) {
      const outcome = set.candidate ? await outcomes(set, group, ackControls.shift() ?? '') : { result: 'REJECTED' as const };
      const refusedAtIntake = outcome.result === 'REJECTED' && outcome.errors?.length ? outcome.errors : undefined;
      const segmentErrors =
        outcome.result === 'DUPLICATE' && set.candidate ? [duplicateError(set.candidate.request.customerPo, outcome.orderId)] : (refusedAtIntake ?? set.errors);
      sets.push({
        id: set.id,
        controlNumber: set.controlNumber,
        status: outcome.result === 'ACCEPTED' ? 'A' : 'R',
        codes: outcome.result === 'DUPLICATE' ? ['5'] : refusedAtIntake ? ['5'] : set.codes,
        errors: segmentErrors,
      });
      const reported = segmentErrors.length > 0 || outcome.result === 'ACCEPTED' ? segmentErrors : envelopeErrorMessages(set, group.codes);
      setResults.push(toSetResult(group.controlNumber, set, outcome, reported));
    }
    groupAcks.push({ functionalId: group.functionalId, controlNumber: group.controlNumber, version: group.version, codes: group.codes, sets });
  }
  const first = plan.groups[0]!;
  const x12 = renderInterchange(
    {
      from: { qualifier: plan.header.receiverQualifier, id: plan.header.receiverId },
      to: { qualifier: plan.header.senderQualifier, id: plan.header.senderId },
      groupFrom: first.receiverCode,
      groupTo: first.senderCode,
      functionalId: 'FA',
      version: first.version,
      controlNumber: Number(ackControl),
      at: now,
      usage: plan.header.usage,
    },
    '997',
    groupAcks.map(functionalAckSegments),
    plan.delimiters,
  );
  const accepted = setResults.filter((set) => set.result === 'ACCEPTED').length;
  return {
    interchange: {
      senderQualifier: plan.header.senderQualifier,
      senderId: plan.header.senderId,
      controlNumber: plan.header.controlNumber,
      partnerId: plan.partnerId,
    },
    status: accepted === setResults.length ? 'ACCEPTED' : accepted === 0 ? 'REJECTED' : 'PARTIALLY_ACCEPTED',
    transactionSets: setResults,
    functionalAck: { controlNumber: ackControl.padStart(9, '0'), x12 },
  };
}

/** An interchange none of whose sets can become an order: its 997 is built without writing anything. */
export function rejectInterchange(plan: InterchangePlan, now: Date = new Date()): Promise<EdiInterchangeResult> {
  return acknowledgeInterchange(plan, async () => ({ result: 'REJECTED' }), [plan.header.controlNumber], now);
}

/** Places the orders of an interchange and answers with its 997; control numbers are allocated once. */
export async function processInterchange(
  plan: InterchangePlan,
  submitter: Submitter,
  intake: IntakeSettings,
  now: Date = new Date(),
): Promise<EdiInterchangeResult> {
  const candidates = plan.groups.reduce((count, group) => count + group.sets.filter((set) => set.candidate).length, 0);
  const controlNumbers = await allocateControlNumbers(1 + candidates, 'system:edi-intake');
  return acknowledgeInterchange(
    plan,
    (set, group, ackControlNumber) => orderFor(plan, group, set, ackControlNumber, submitter, intake, now),
    controlNumbers,
    now,
  );
}
