import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../../shared/orders/data/order-repository.js';
import type { PickConfirmation, PickTaskRecord } from '../../../shared/inventory/data/pick-repository.js';
import { confirmShipment, type ShipmentDeps } from '../../../shared/inventory/services/shipments.js';
import { fakeWorkflow } from '../../support/fake-ports.js';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const ORDER_ID = 'ORD-01JD0000000000000000000002';
const GLOVES = '09501101530003';
const glove = (lot: string) => `]d201${GLOVES}1728013110${lot}`;
const PACKER = 'user:packer-1';

const order = { orderId: ORDER_ID, status: 'READY_TO_PICK', version: 4 } as OrderRecord;
const pickTask = (): PickTaskRecord => ({
  orderId: ORDER_ID,
  round: 0,
  status: 'PENDING',
  taskToken: 'token-pick-0',
  customerId: 'CUST-1',
  customerPo: 'PO-9',
  readyAt: '2026-11-25T09:00:00.000Z',
  pickBy: '2026-11-25T11:00:00.000Z',
  lines: [{ lineNo: 1, gtin: GLOVES, quantity: 2, picks: [{ lotNumber: 'GL1', expiry: '2028-01-31', quantity: 2 }] }],
  changedBy: 'system:workflow',
  created: '2026-11-25T09:00:00.000Z',
  modified: '2026-11-25T09:00:00.000Z',
});

/** The pick task as the repository keeps it: confirmed once, conditional on PENDING. */
function fakePicks(task: PickTaskRecord) {
  const confirmations: PickConfirmation[] = [];
  const deps: Omit<ShipmentDeps, 'resumeTask'> = {
    findOrder: async (orderId) => (orderId === ORDER_ID ? order : undefined),
    latestPickTask: async () => ({ ...task }),
    confirmPickTask: async (_task, confirmation) => {
      if (task.status !== 'PENDING') return false;
      Object.assign(task, { status: 'CONFIRMED', ...confirmation });
      confirmations.push(confirmation);
      return true;
    },
  };
  return { task, confirmations, deps };
}

describe('given an order ready to pick with two units of lot GL1 allocated', () => {
  let picks: ReturnType<typeof fakePicks>;
  let workflow: ReturnType<typeof fakeWorkflow>;
  let deps: ShipmentDeps;

  beforeEach(() => {
    picks = fakePicks(pickTask());
    workflow = fakeWorkflow(['token-pick-0']);
    deps = { ...picks.deps, resumeTask: workflow.resumeTask };
  });

  it('when both units are scanned, then the pick is confirmed once and the waiting workflow resumes with the shipment', async () => {
    const outcome = await confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1'), glove('GL1')] }, PACKER, NOW, deps);

    expect(outcome).toMatchObject({
      result: 'CONFIRMED',
      shipment: {
        shipmentId: 'SHP-01JD0000000000000000000002',
        orderId: ORDER_ID,
        status: 'CONFIRMED',
        confirmedBy: PACKER,
        picked: [{ lineNo: 1, gtin: GLOVES, lotNumber: 'GL1', quantity: 2 }],
      },
    });
    expect(picks.confirmations).toHaveLength(1);
    expect(workflow.resumed).toEqual([{ taskToken: 'token-pick-0', output: { round: 0, confirmedBy: PACKER, shipmentId: 'SHP-01JD0000000000000000000002' } }]);
  });

  it('when the pick timed out in the same instant (the workflow no longer waits), then the confirmation stands: the timeout step finds it and ships', async () => {
    workflow = fakeWorkflow([]);

    const outcome = await confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1'), glove('GL1')] }, PACKER, NOW, {
      ...deps,
      resumeTask: workflow.resumeTask,
    });

    expect(outcome.result).toBe('CONFIRMED');
    expect(picks.task.status).toBe('CONFIRMED');
  });

  it('when Step Functions fails for another reason, then the error reaches the caller (the confirmation is already recorded)', async () => {
    workflow.failWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    await expect(confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1'), glove('GL1')] }, PACKER, NOW, deps)).rejects.toThrow('Rate exceeded');
    expect(picks.task.status).toBe('CONFIRMED');
  });

  it('when one unit is missing, then the scan is refused, nothing is written and the workflow keeps waiting', async () => {
    const outcome = await confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1')] }, PACKER, NOW, deps);

    expect(outcome).toMatchObject({ result: 'REFUSED', check: { complete: false, outstanding: [{ lotNumber: 'GL1', quantity: 1 }] } });
    expect(picks.confirmations).toEqual([]);
    expect(workflow.resumed).toEqual([]);
  });

  it('when a second packer confirms the same order, then they are told who confirmed it and the workflow is not resumed twice', async () => {
    await confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1'), glove('GL1')] }, PACKER, NOW, deps);
    const second = await confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1'), glove('GL1')] }, 'user:packer-2', NOW, deps);

    expect(second).toEqual({ result: 'ALREADY_CONFIRMED', confirmedBy: PACKER, confirmedAt: NOW.toISOString(), shipmentId: 'SHP-01JD0000000000000000000002' });
    expect(workflow.resumed).toHaveLength(1);
  });

  it('when resuming the workflow failed after the confirmation was recorded, then the same packer’s retry of the same scan resumes it and is answered as the first would have been', async () => {
    const scans = [glove('GL1'), glove('GL1')];
    workflow.failWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(confirmShipment({ orderId: ORDER_ID, scans }, PACKER, NOW, deps)).rejects.toThrow('Rate exceeded');
    workflow.recover();

    const retried = await confirmShipment({ orderId: ORDER_ID, scans }, PACKER, new Date(NOW.getTime() + 60_000), deps);

    expect(retried).toEqual({
      result: 'CONFIRMED',
      shipment: {
        shipmentId: 'SHP-01JD0000000000000000000002',
        orderId: ORDER_ID,
        status: 'CONFIRMED',
        confirmedBy: PACKER,
        confirmedAt: NOW.toISOString(),
        picked: [{ lineNo: 1, gtin: GLOVES, lotNumber: 'GL1', quantity: 2 }],
        links: { order: expect.stringContaining(ORDER_ID) },
      },
    });
    expect(workflow.resumed).toEqual([{ taskToken: 'token-pick-0', output: { round: 0, confirmedBy: PACKER, shipmentId: 'SHP-01JD0000000000000000000002' } }]);
    expect(picks.confirmations).toHaveLength(1);
  });

  it('when the same packer sends the same scan again after the workflow resumed, then it is answered CONFIRMED and the workflow is not resumed twice', async () => {
    const scans = [glove('GL1'), glove('GL1')];
    const first = await confirmShipment({ orderId: ORDER_ID, scans }, PACKER, NOW, deps);

    const again = await confirmShipment({ orderId: ORDER_ID, scans }, PACKER, NOW, deps);

    expect(again).toEqual(first);
    expect(workflow.resumed).toHaveLength(1);
  });

  it('when the same packer confirms again with other scans, then it is not the same confirmation: they are told it was already confirmed', async () => {
    await confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1'), glove('GL1')] }, PACKER, NOW, deps);

    const other = await confirmShipment({ orderId: ORDER_ID, scans: [glove('GL1')] }, PACKER, NOW, deps);

    expect(other).toMatchObject({ result: 'ALREADY_CONFIRMED', confirmedBy: PACKER });
    expect(workflow.resumed).toHaveLength(1);
  });
});
