import { beforeAll, describe, expect, it } from 'vitest';
import { givenApprovedOrder } from '../support/orders.js';
import { deployedStack, givenCustomer } from '../support/stack.js';

describe('given an allocated order handed to the warehouse, against the emulated table', () => {
  deployedStack();
  let picks: typeof import('../../shared/inventory/data/pick-repository.js');
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let customerId: string;

  /** An order in READY_TO_PICK with a pending pick task of round 0, as the RequestPick step leaves it. */
  const givenPendingPick = async () => {
    const orderId = await givenApprovedOrder(customerId, [{ gtin: '05012345678917', quantity: 2 }]);
    const order = await orders.getOrder(orderId);
    const at = new Date().toISOString();
    const task = {
      orderId,
      round: 0,
      taskToken: 'token-1',
      customerId,
      customerPo: order.customerPo,
      readyAt: at,
      pickBy: at,
      lines: [{ lineNo: 1, gtin: '05012345678917', quantity: 2, picks: [{ lotNumber: 'L1', expiry: '2028-01-31', quantity: 2 }] }],
    };
    expect(await picks.openPickTask(order, task, { eventId: '06-READY_TO_PICK-r0', detail: {} }, at)).toBe('OPENED');
    return { orderId, task };
  };
  const confirmation = (by: string) => ({
    confirmedBy: by,
    confirmedAt: new Date().toISOString(),
    scans: ['(01)05012345678917(17)280131(30)2(10)L1'],
    picked: [{ lineNo: 1, gtin: '05012345678917', lotNumber: 'L1', quantity: 2 }],
    shipmentId: 'SHP-TEST',
  });

  beforeAll(async () => {
    picks = await import('../../shared/inventory/data/pick-repository.js');
    orders = await import('../../shared/orders/data/order-repository.js');
    customerId = await givenCustomer();
  });

  it('when the task is opened, then the order is READY_TO_PICK and the task is on the work list; a retried request replaces the token without moving the order again', async () => {
    const { orderId, task } = await givenPendingPick();
    const order = await orders.getOrder(orderId);
    expect(order).toMatchObject({ status: 'READY_TO_PICK', changedBy: 'system:pick-workflow' });
    expect(await picks.openPickTask(order, { ...task, taskToken: 'token-2' }, { eventId: '06-READY_TO_PICK-r0', detail: {} }, task.readyAt)).toBe('OPENED');
    expect(await picks.latestPickTask(orderId)).toMatchObject({ status: 'PENDING', taskToken: 'token-2' });
    expect((await orders.getOrder(orderId)).version).toBe(order.version);
    let listed = false;
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await picks.pendingPicks(100, cursor);
      listed ||= page.tasks.some((pending) => pending.orderId === orderId);
      cursor = page.next;
    } while (!listed && cursor);
    expect(listed).toBe(true);
  });

  it('when 20 packers confirm the same task at once, then exactly one confirmation is written and the task leaves the work list', async () => {
    const { orderId } = await givenPendingPick();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => picks.confirmPickTask({ orderId, round: 0 }, confirmation(`user:packer${i}`))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = `user:packer${results.indexOf(true)}`;
    const task = await picks.latestPickTask(orderId);
    expect(task).toMatchObject({ status: 'CONFIRMED', confirmedBy: winner, changedBy: winner });
    expect(task?.pendingKey).toBeUndefined();
    expect((await orders.getTimeline(orderId)).filter((event) => event.type === 'PICK_CONFIRMED')).toEqual([
      expect.objectContaining({ actor: winner, changedBy: winner }),
    ]);
  });

  it('when the timeout and a confirmation race for the task, then exactly one of them closes it and the loser sees the winner', async () => {
    const { orderId } = await givenPendingPick();
    const [confirmed, closed] = await Promise.all([
      picks.confirmPickTask({ orderId, round: 0 }, confirmation('user:late-packer')),
      picks.closePickTask(orderId, 0, 'EXPIRED', 'not picked in time'),
    ]);
    expect(closed?.status).toBe(confirmed ? 'CONFIRMED' : 'EXPIRED');
    // A task once closed is never reopened by a retried request.
    const order = await orders.getOrder(orderId);
    const again = await picks.openPickTask(
      order,
      { ...(await picks.latestPickTask(orderId))!, taskToken: 'token-3' },
      { eventId: '06-READY_TO_PICK-r0', detail: {} },
      new Date().toISOString(),
    );
    expect(again).toBe('TASK_CLOSED');
  });
});
