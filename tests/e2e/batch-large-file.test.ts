import { beforeAll, describe, expect, it } from 'vitest';
import { ChannelOrderView, OrderView } from '../../shared/orders/schemas/order.js';
import { batchCsv, batchKey, givenBatchProducts, uploadLargeBatch, waitForBatch } from '../support/batch.js';
import { channelApi, deployedStack, givenCustomer, type ApiClient } from '../support/stack.js';

// 500 orders of 20 lines (the canonical order's line limit) = 10,000 rows. Their products are unknown,
// so each order's workflow ends at Validate: the test measures intake, not fulfilment.
const ORDERS = 500;
const LINES = 20;
const BAD_ORDER = 321;
const BAD_LINE = 7;

describe('given the batch channel uploading a file of 10,000 rows', () => {
  const outputs = deployedStack();
  let batch: ApiClient;
  let customerId: string;
  let gtins: string[];

  beforeAll(async () => {
    batch = await channelApi(outputs, 'batch');
    // Orders end at pricing (no USD price list): the test is about intake, not 500 fulfilments.
    customerId = await givenCustomer({ currency: 'USD' });
    gtins = await givenBatchProducts(LINES);
  });

  it('when it is processed in the background, then progress shows while it runs, one bad row refuses only its order, and the report lists every order', {
    timeout: 600_000,
  }, async () => {
    const { csv, pos } = batchCsv(customerId, ORDERS, LINES, {
      gtins,
      // Each order its own quantities, so none is held as a near duplicate of another.
      edit: (line, order, lineNo) => (order === BAD_ORDER && lineNo === BAD_LINE ? { ...line, quantity: '-3' } : { ...line, quantity: String(order + 1) }),
    });
    const badRow = 2 + BAD_ORDER * LINES + BAD_LINE;
    const key = batchKey();

    const started = Date.now();
    const accepted = await uploadLargeBatch(batch, csv, key);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'RECEIVED', progress: { rows: ORDERS * LINES, orders: ORDERS, ordersProcessed: 0 } });
    const retried = await uploadLargeBatch(batch, csv, key);
    expect(retried.body.batchId).toBe(accepted.body.batchId);

    const progress: number[] = [];
    // Generous: the machine is shared, and the 500 workflows the file starts run on the same cores.
    const report = await waitForBatch(batch, accepted.body.batchId, (seen) => progress.push(seen.progress.ordersProcessed), 540_000);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `batch of ${ORDERS * LINES} rows / ${ORDERS} orders: ${seconds.toFixed(1)} s, ${((ORDERS * LINES) / seconds).toFixed(0)} rows/s, ${(ORDERS / seconds).toFixed(1)} orders/s`,
    );

    expect(progress.some((processed) => processed > 0 && processed < ORDERS)).toBe(true);
    expect(report.progress).toEqual({
      rows: ORDERS * LINES,
      orders: ORDERS,
      rowsProcessed: ORDERS * LINES,
      ordersProcessed: ORDERS,
      created: ORDERS - 1,
      held: 0,
      duplicates: 0,
      refused: 1,
      failed: 0,
    });
    expect(report.orders.map((order) => order.customerPo)).toEqual(pos);
    const refused = report.orders.filter((order) => order.outcome !== 'CREATED');
    expect(refused).toEqual([
      expect.objectContaining({
        customerPo: pos[BAD_ORDER],
        outcome: 'REFUSED',
        errors: [{ row: badRow, field: 'quantity', message: 'must be a whole number of units' }],
      }),
    ]);
    const orderIds = new Set(report.orders.filter((order) => order.outcome === 'CREATED').map((order) => order.orderId));
    expect(orderIds.size).toBe(ORDERS - 1);

    const last = await batch.json(ChannelOrderView, 'GET', `/v1/orders/${report.orders[ORDERS - 1]!.orderId}`);
    expect(last.body).toMatchObject({ channel: 'batch', customerPo: pos[ORDERS - 1], lines: expect.any(Array) });
    expect(last.body.lines).toHaveLength(LINES);

    const badRows = await batch.request('GET', `/v1/channels/batch/${report.batchId}`, { headers: { accept: 'text/csv' } });
    expect(badRows.text.split('\r\n')).toEqual(['row,customerPo,field,message', `${badRow},${pos[BAD_ORDER]},quantity,must be a whole number of units`, '']);
  });
});
