/**
 * The catalogue of order timeline events: every event an order's timeline
 * can get, named once with its type and the id it is stored under.
 *
 * The id is part of the event's key (`EVENT#{eventId}` under the order) and
 * every event is put only if absent, so a retried step writes nothing twice:
 * ids must stay byte-identical to the ones already stored. The two-digit
 * prefix orders events of the same instant by stage (00 intake ... 08
 * archive, 50 merged, 90 side events, 99 closed); a suffix makes a repeatable
 * event unique (per approval, escalation level, allocation round, merge,
 * order version).
 */

interface OrderEventSpec<T extends string, A extends unknown[]> {
  readonly type: T;
  /** The stored event id for these arguments. */
  readonly id: (...args: A) => string;
  /** `{ eventId, type }` to spread into a stage event. */
  readonly of: (...args: A) => { eventId: string; type: T };
}

function event<const T extends string, A extends unknown[] = []>(type: T, id: (...args: A) => string): OrderEventSpec<T, A> {
  return { type, id, of: (...args) => ({ eventId: id(...args), type }) };
}

export const ORDER_EVENTS = {
  // Intake and duplicate resolution.
  RECEIVED: event('ORDER_RECEIVED', () => '00-RECEIVED'),
  HELD_AS_POSSIBLE_DUPLICATE: event('HELD_AS_POSSIBLE_DUPLICATE', () => '00-HELD_AS_POSSIBLE_DUPLICATE'),
  KEPT_AS_SEPARATE_ORDER: event('KEPT_AS_SEPARATE_ORDER', () => '00-KEPT'),
  MERGED_FROM: event('MERGED_FROM', (heldOrderId: string) => `50-MERGED_FROM#${heldOrderId}`),
  MERGED_INTO: event('MERGED_INTO', (targetOrderId: string) => `90-MERGED_INTO#${targetOrderId}`),
  // Workflow stages.
  VALIDATED: event('ORDER_VALIDATED', () => '01-VALIDATED'),
  PRICED: event('ORDER_PRICED', () => '02-PRICED'),
  PO_ACKNOWLEDGED: event('PO_ACKNOWLEDGED', () => '02-EDI-855'),
  PO_ACKNOWLEDGMENT_REPLACED: event('PO_ACKNOWLEDGMENT_REPLACED', () => '90-EDI-855-REPLACE'),
  CREDIT_CHECKED: event('CREDIT_CHECKED', () => '03-CREDIT_CHECKED'),
  AWAITING_APPROVAL: event('AWAITING_APPROVAL', () => '04-AWAITING_APPROVAL'),
  // Approvals: one per approval, or per reason and escalation level.
  APPROVAL_REQUESTED: event('APPROVAL_REQUESTED', (reason: string, level: number) => `04-APPROVAL_REQUESTED#${reason}#L${level}`),
  APPROVAL_ESCALATED: event('APPROVAL_ESCALATED', (reason: string, level: number) => `04-ESCALATED#${reason}#L${level}`),
  APPROVAL_EXPIRED: event('APPROVAL_EXPIRED', (reason: string, level: number) => `04-EXPIRED#${reason}#L${level}`),
  APPROVAL_SIGNED: event('APPROVAL_SIGNED', (approvalId: string) => `04-SIGNED#${approvalId}`),
  APPROVAL_LOCKED: event('APPROVAL_LOCKED', (approvalId: string) => `04-LOCKED#${approvalId}`),
  // Approvals concluded: a re-check per order version.
  CREDIT_HOLD_ON_RECHECK: event('CREDIT_HOLD_ON_RECHECK', (orderVersion: number) => `05-CREDIT_HOLD_ON_RECHECK#${orderVersion}`),
  APPROVALS_REQUESTED_AGAIN: event('APPROVALS_REQUESTED_AGAIN', (orderVersion: number) => `05-APPROVALS_REQUESTED_AGAIN#${orderVersion}`),
  APPROVED: event('ORDER_APPROVED', () => '05-APPROVED'),
  // Allocation, picking and shipping: an allocation again after a held lot is a new round.
  STOCK_ALLOCATED: event('STOCK_ALLOCATED', (reallocations?: number) => (reallocations ? `05-ALLOCATED-r${reallocations}` : '05-ALLOCATED')),
  STOCK_SHORT: event('STOCK_SHORT', () => '05-AWAITING_STOCK'),
  READY_TO_PICK: event('READY_TO_PICK', (round: number) => `06-READY_TO_PICK-r${round}`),
  PICK_CONFIRMED: event('PICK_CONFIRMED', (round: number) => `06-PICK_CONFIRMED-r${round}`),
  ALLOCATION_WITHDRAWN: event('ALLOCATION_WITHDRAWN', (round: number) => `06-LOTS_HELD-r${round}`),
  SHIPPED: event('ORDER_SHIPPED', () => '06-SHIPPED'),
  INVOICED: event('ORDER_INVOICED', () => '07-INVOICED'),
  ARCHIVED: event('ORDER_ARCHIVED', () => '08-ARCHIVED'),
  // Left for an operator (the workflow could not finish it).
  NEEDS_ATTENTION: event('ORDER_NEEDS_ATTENTION', () => '98-NEEDS_ATTENTION'),
  // Closed.
  REJECTED: event('ORDER_REJECTED', () => '99-REJECTED'),
  FAILED: event('ORDER_FAILED', () => '99-FAILED'),
  CANCELLED: event('ORDER_CANCELLED', () => '99-CANCELLED'),
} as const;

export type OrderEventName = keyof typeof ORDER_EVENTS;
export type OrderEventType = (typeof ORDER_EVENTS)[OrderEventName]['type'];
