import { describe, expect, it } from 'vitest';
import { ORDER_EVENTS, type OrderEventName } from '../../../shared/orders/domain/order-events.js';

/**
 * The ids are part of stored keys (EVENT#{eventId} under the order, put only
 * if absent): the catalogue must give exactly the ids written before it
 * existed, or a retried step would write its event twice. Each row is the
 * literal id the step wrote, as it stood in the step's code.
 */
const STORED: [OrderEventName, unknown[], string, string][] = [
  ['RECEIVED', [], '00-RECEIVED', 'ORDER_RECEIVED'],
  ['HELD_AS_POSSIBLE_DUPLICATE', [], '00-HELD_AS_POSSIBLE_DUPLICATE', 'HELD_AS_POSSIBLE_DUPLICATE'],
  ['KEPT_AS_SEPARATE_ORDER', [], '00-KEPT', 'KEPT_AS_SEPARATE_ORDER'],
  ['MERGED_FROM', ['ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y'], '50-MERGED_FROM#ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y', 'MERGED_FROM'],
  ['MERGED_INTO', ['ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y'], '90-MERGED_INTO#ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y', 'MERGED_INTO'],
  ['VALIDATED', [], '01-VALIDATED', 'ORDER_VALIDATED'],
  ['PRICED', [], '02-PRICED', 'ORDER_PRICED'],
  ['PO_ACKNOWLEDGED', [], '02-EDI-855', 'PO_ACKNOWLEDGED'],
  ['PO_ACKNOWLEDGMENT_REPLACED', [], '90-EDI-855-REPLACE', 'PO_ACKNOWLEDGMENT_REPLACED'],
  ['CREDIT_CHECKED', [], '03-CREDIT_CHECKED', 'CREDIT_CHECKED'],
  ['AWAITING_APPROVAL', [], '04-AWAITING_APPROVAL', 'AWAITING_APPROVAL'],
  ['APPROVAL_REQUESTED', ['CREDIT_HOLD', 0], '04-APPROVAL_REQUESTED#CREDIT_HOLD#L0', 'APPROVAL_REQUESTED'],
  ['APPROVAL_ESCALATED', ['CREDIT_HOLD', 1], '04-ESCALATED#CREDIT_HOLD#L1', 'APPROVAL_ESCALATED'],
  ['APPROVAL_EXPIRED', ['REGULATORY_REVIEW', 2], '04-EXPIRED#REGULATORY_REVIEW#L2', 'APPROVAL_EXPIRED'],
  ['APPROVAL_SIGNED', ['a1b2c3'], '04-SIGNED#a1b2c3', 'APPROVAL_SIGNED'],
  ['APPROVAL_LOCKED', ['a1b2c3'], '04-LOCKED#a1b2c3', 'APPROVAL_LOCKED'],
  ['CREDIT_HOLD_ON_RECHECK', [7], '05-CREDIT_HOLD_ON_RECHECK#7', 'CREDIT_HOLD_ON_RECHECK'],
  ['APPROVALS_REQUESTED_AGAIN', [7], '05-APPROVALS_REQUESTED_AGAIN#7', 'APPROVALS_REQUESTED_AGAIN'],
  ['APPROVED', [], '05-APPROVED', 'ORDER_APPROVED'],
  ['STOCK_ALLOCATED', [undefined], '05-ALLOCATED', 'STOCK_ALLOCATED'],
  ['STOCK_ALLOCATED', [0], '05-ALLOCATED', 'STOCK_ALLOCATED'],
  ['STOCK_ALLOCATED', [2], '05-ALLOCATED-r2', 'STOCK_ALLOCATED'],
  ['STOCK_SHORT', [], '05-AWAITING_STOCK', 'STOCK_SHORT'],
  ['READY_TO_PICK', [1], '06-READY_TO_PICK-r1', 'READY_TO_PICK'],
  ['PICK_CONFIRMED', [1], '06-PICK_CONFIRMED-r1', 'PICK_CONFIRMED'],
  ['ALLOCATION_WITHDRAWN', [1], '06-LOTS_HELD-r1', 'ALLOCATION_WITHDRAWN'],
  ['SHIPPED', [], '06-SHIPPED', 'ORDER_SHIPPED'],
  ['INVOICED', [], '07-INVOICED', 'ORDER_INVOICED'],
  ['ARCHIVED', [], '08-ARCHIVED', 'ORDER_ARCHIVED'],
  ['REJECTED', [], '99-REJECTED', 'ORDER_REJECTED'],
  ['FAILED', [], '99-FAILED', 'ORDER_FAILED'],
  ['NEEDS_ATTENTION', [], '98-NEEDS_ATTENTION', 'ORDER_NEEDS_ATTENTION'],
  ['CANCELLED', [], '99-CANCELLED', 'ORDER_CANCELLED'],
];

const spec = (name: OrderEventName) =>
  ORDER_EVENTS[name] as { type: string; id: (...args: unknown[]) => string; of: (...args: unknown[]) => { eventId: string; type: string } };

describe('given the catalogue of order timeline events', () => {
  it.each(STORED)('when %s is written with %j, then its id is %s and its type %s, as stored before', (name, args, eventId, type) => {
    expect(spec(name).id(...args)).toBe(eventId);
    expect(spec(name).of(...args)).toEqual({ eventId, type });
  });

  it('when the catalogue is listed, then every event is covered above and every type is named once', () => {
    expect(new Set(STORED.map(([name]) => name))).toEqual(new Set(Object.keys(ORDER_EVENTS)));
    const types = Object.values(ORDER_EVENTS).map((event) => event.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('when two different events are written with the same arguments, then their ids differ', () => {
    const ids = STORED.map(([name, args]) => `${name}:${spec(name).id(...args)}`);
    const byId = new Map<string, string>();
    for (const entry of ids) {
      const [name, id] = entry.split(/:(.*)/s) as [string, string];
      expect(byId.get(id) ?? name, `${id} is the id of ${byId.get(id)} and ${name}`).toBe(name);
      byId.set(id, name);
    }
  });
});
