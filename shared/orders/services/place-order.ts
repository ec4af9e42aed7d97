import { findOrder, findOrderIdByRequestKey, createOrder, DuplicateCustomerPoError, type NewOrderRecord, type StageEvent } from '../data/order-repository.js';
import { ORDER_EVENTS } from '../domain/order-events.js';
import { newOrderId } from '../../platform/domain/ids.js';
import { nearDuplicateFingerprint, withinWindow } from '../domain/near-duplicate.js';
import {
  DUPLICATE_RESOLUTIONS,
  type Channel,
  type OrderStatus,
  type IntakeConflict,
  type PlaceOrderRequest,
  type PossibleDuplicate,
} from '../schemas/order.js';
import { checkIntake } from './intake-check.js';
import { orderLinks, resolutionLinks } from './links.js';
import { startWorkflow } from './start-workflow.js';
import { startExecution } from '../../platform/aws/workflow.js';
import { canonicalJson, sha256Hex } from '../../platform/domain/canonical-json.js';
import { partnerOf, type Partner } from '../../platform/channels.js';

export interface Submitter {
  channel: Channel;
  /** The authenticated client or user that sent the order: `client:<appClientId>` or `user:<username>`. */
  principal: string;
  /** The request's Idempotency-Key, when the channel sends one: a retry of the request finds the order it wrote. */
  requestKey?: string;
  /** The partner a channel token was issued to (bound to the customers it may order for); absent for order-desk staff. */
  partnerId?: string | undefined;
}

/** Who sent which body under which key: the same for a retry of the request, different for anything else. */
function intakeRequestOf(request: PlaceOrderRequest, submitter: Submitter): string | undefined {
  if (submitter.requestKey === undefined) return undefined;
  return sha256Hex(canonicalJson({ channel: submitter.channel, principal: submitter.principal, key: submitter.requestKey, request }));
}

/** Who sent under which key, whatever the body: what a caller looks its order up by (findOrderByRequestKey). */
function requestKeyOf(submitter: Submitter): string | undefined {
  if (submitter.requestKey === undefined) return undefined;
  return sha256Hex(canonicalJson({ channel: submitter.channel, principal: submitter.principal, key: submitter.requestKey }));
}

/**
 * The order a caller's request wrote under its Idempotency-Key, for a caller that got an error (a 5xx, a dropped
 * connection) and no longer has the body to retry with. Only the same channel and principal find it.
 */
export async function findOrderByRequestKey(submitter: Submitter & { requestKey: string }): Promise<string | undefined> {
  return findOrderIdByRequestKey(requestKeyOf(submitter)!);
}

export interface IntakeSettings {
  stateMachineArn: string;
  /** How long an order makes a later one with the same goods to the same place a possible duplicate. */
  nearDuplicateWindowHours: number;
  /** The deployment's partners (the PARTNERS setting): the customers each may order for. */
  partners: readonly Partner[];
}

/** The partner that sends, from the settings; only order-desk staff (portal, no token partner) are bound to none. */
function partnerOfSubmitter(submitter: Submitter, settings: IntakeSettings): Partner | undefined {
  if (submitter.partnerId === undefined) {
    if (submitter.channel !== 'portal') throw new Error(`an order on the ${submitter.channel} channel needs the partner that sends it`);
    return undefined;
  }
  const partner = partnerOf(settings.partners, submitter.partnerId);
  if (!partner || partner.channel !== submitter.channel)
    throw new Error(`partner ${submitter.partnerId} is not a ${submitter.channel} partner of this deployment`);
  return partner;
}

/**
 * What intake did with an order, for every channel to map to its own answer
 * (portal: HTTP 202/422/409; EDI: 997/855; batch: a row report).
 */
export type IntakeResult =
  /** Stored as RECEIVED and its workflow started; `flags` are accepted, non-blocking conflicts. */
  | { outcome: 'CREATED'; orderId: string; status: 'RECEIVED'; flags: IntakeConflict[]; links: Record<string, string> }
  /** Stored as POSSIBLE_DUPLICATE without a workflow until someone merges, keeps or cancels it. */
  | {
      outcome: 'HELD_AS_POSSIBLE_DUPLICATE';
      orderId: string;
      status: 'POSSIBLE_DUPLICATE';
      possibleDuplicate: PossibleDuplicate;
      flags: IntakeConflict[];
      links: Record<string, string>;
    }
  /** Nothing written: at least one blocking conflict; every conflict is listed with its suggestion. */
  | { outcome: 'REFUSED'; conflicts: IntakeConflict[] }
  /** Nothing written: this customer PO was already ordered. */
  | { outcome: 'EXACT_DUPLICATE'; existingOrderId: string; links: Record<string, string> };

const MAX_CLAIM_ATTEMPTS = 4;

/**
 * An earlier order closed in these ends delivers nothing, so a new order for
 * the same goods is no duplicate of it. A fulfilled one (allocated up to
 * archived) still counts: ordering the same goods again is the case to catch.
 */
const CLOSED_WITHOUT_GOODS: ReadonlySet<OrderStatus> = new Set(['REJECTED', 'FAILED', 'CANCELLED', 'MERGED']);

/**
 * The one intake of every channel. Checks the order against master data
 * (refusing it with per-line suggestions when a conflict blocks), then writes
 * it as RECEIVED with its customer PO and near-duplicate claims in one
 * transaction and starts its workflow; the execution is named by the order
 * id, so it can never run twice. When an open order of the same customer
 * holds the claim (same ship-to and GTIN quantities inside the window), the
 * order is written as POSSIBLE_DUPLICATE instead and no workflow starts.
 */
export async function placeOrder(
  request: PlaceOrderRequest,
  submitter: Submitter,
  settings: IntakeSettings,
  now: Date = new Date(),
  workflow: { startExecution: typeof startExecution } = { startExecution },
): Promise<IntakeResult> {
  const check = await checkIntake(request, { channel: submitter.channel, partner: partnerOfSubmitter(submitter, settings) }, now);
  if (check.blocking) return { outcome: 'REFUSED', conflicts: check.conflicts };
  const flags = check.conflicts;

  const orderId = newOrderId(now);
  const at = now.toISOString();
  const intakeRequest = intakeRequestOf(request, submitter);
  const requestKey = requestKeyOf(submitter);
  const order: NewOrderRecord = {
    orderId,
    status: 'RECEIVED',
    channel: submitter.channel,
    submittedBy: submitter.principal,
    changedBy: submitter.principal,
    customerId: request.customerId,
    customerPo: request.customerPo,
    requestedDeliveryDate: request.requestedDeliveryDate,
    shipTo: request.shipTo,
    // The unit is what the product is sold in unless the sender named it (checked above).
    lines: request.lines.map((line, index) => ({ lineNo: index + 1, ...line, unitOfMeasure: line.unitOfMeasure ?? check.unitOf(line.gtin) })),
    ...(flags.length > 0 ? { intakeConflicts: flags } : {}),
    ...(intakeRequest ? { intakeRequest } : {}),
  };
  const received: StageEvent = {
    ...ORDER_EVENTS.RECEIVED.of(),
    actor: `${submitter.channel}:${submitter.principal}`,
    changedBy: submitter.principal,
    ...(flags.length > 0 ? { detail: { intakeConflicts: flags } } : {}),
  };
  const fingerprint = nearDuplicateFingerprint(request.shipTo, request.lines);
  const windowSeconds = settings.nearDuplicateWindowHours * 3600;

  try {
    let takeOverFrom: string | undefined;
    for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
      const outcome = await createOrder(order, received, at, { fingerprint, windowSeconds, takeOverFrom }, requestKey);
      if (outcome.created) {
        await startWorkflow(settings.stateMachineArn, orderId, workflow);
        return { outcome: 'CREATED', orderId, status: 'RECEIVED', flags, links: orderLinks(orderId) };
      }
      const claim = outcome.claimedBy;
      if (!claim) continue; // a concurrent transaction: try again, then the winner's claim is there
      const earlier = await findOrder(claim.orderId);
      if (withinWindow(claim.claimedAt, now, settings.nearDuplicateWindowHours) && earlier && !CLOSED_WITHOUT_GOODS.has(earlier.status)) {
        const possibleDuplicate: PossibleDuplicate = {
          orderId: claim.orderId,
          customerPo: claim.customerPo,
          receivedAt: claim.claimedAt,
          suggestedActions: [...DUPLICATE_RESOLUTIONS],
        };
        await createOrder(
          { ...order, status: 'POSSIBLE_DUPLICATE', possibleDuplicate },
          {
            ...received,
            ...ORDER_EVENTS.HELD_AS_POSSIBLE_DUPLICATE.of(),
            detail: { ...received.detail, possibleDuplicateOf: claim.orderId, customerPo: claim.customerPo },
          },
          at,
          undefined,
          requestKey,
        );
        return {
          outcome: 'HELD_AS_POSSIBLE_DUPLICATE',
          orderId,
          status: 'POSSIBLE_DUPLICATE',
          possibleDuplicate,
          flags,
          links: { ...orderLinks(orderId), ...resolutionLinks(orderId), duplicateOf: orderLinks(claim.orderId).self ?? '' },
        };
      }
      // The holder is closed (or its window passed before TTL removed it): this order becomes the original.
      takeOverFrom = claim.orderId;
    }
    throw new Error(`order ${orderId}: near-duplicate claim still contended after ${MAX_CLAIM_ATTEMPTS} attempts`);
  } catch (error) {
    if (error instanceof DuplicateCustomerPoError) {
      // A retry of the request that wrote the order (its answer was lost, or its workflow start failed): answer as the
      // first did, and start the workflow (a no-op when intake or the stream relay already started it).
      const written = intakeRequest === undefined ? undefined : await findOrder(error.existingOrderId);
      if (written && written.intakeRequest === intakeRequest) {
        const sameFlags = (written.intakeConflicts as IntakeConflict[] | undefined) ?? [];
        if (written.possibleDuplicate && written.status === 'POSSIBLE_DUPLICATE') {
          return {
            outcome: 'HELD_AS_POSSIBLE_DUPLICATE',
            orderId: written.orderId,
            status: 'POSSIBLE_DUPLICATE',
            possibleDuplicate: written.possibleDuplicate as PossibleDuplicate,
            flags: sameFlags,
            links: {
              ...orderLinks(written.orderId),
              ...resolutionLinks(written.orderId),
              duplicateOf: orderLinks(written.possibleDuplicate.orderId).self ?? '',
            },
          };
        }
        if (written.status === 'RECEIVED') await startWorkflow(settings.stateMachineArn, written.orderId, workflow);
        return { outcome: 'CREATED', orderId: written.orderId, status: 'RECEIVED', flags: sameFlags, links: orderLinks(written.orderId) };
      }
      return { outcome: 'EXACT_DUPLICATE', existingOrderId: error.existingOrderId, links: orderLinks(error.existingOrderId) };
    }
    throw error;
  }
}
