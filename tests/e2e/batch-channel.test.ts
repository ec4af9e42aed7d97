import { beforeAll, describe, expect, it } from 'vitest';
import { BatchReport } from '../../shared/channels/schemas/batch.js';
import { ChannelOrderView, OrderView } from '../../shared/orders/schemas/order.js';
import { channelCredentials, channelToken } from '../../infra/local/channel-client.js';
import { BATCH_HEADER, batchCsv, batchKey, batchRow, givenBatchProducts, uploadBatch, uploadBytes } from '../support/batch.js';
import { uniqueId } from '../support/fixtures.js';
import { channelApi, deployedStack, givenCustomer, givenProduct, type ApiClient } from '../support/stack.js';

describe('given the batch channel uploading small CSV files', () => {
  const outputs = deployedStack();
  let batch: ApiClient;
  let portal: ApiClient;
  let token: string;
  let customerId: string;
  let products: string[];
  let nextProduct = 0;
  const knownGtin = () => products[nextProduct++ % products.length]!;

  beforeAll(async () => {
    [batch, portal] = await Promise.all([channelApi(outputs, 'batch'), channelApi(outputs, 'portal')]);
    token = await channelToken(await channelCredentials(outputs, 'batch'));
    // Orders end at pricing (no USD price list): these tests are about intake, not fulfilment.
    customerId = await givenCustomer({ currency: 'USD' });
    products = await givenBatchProducts(6);
  });

  /** A valid file whose POs are then free again only if the refused upload wrote nothing. */
  const stillFree = async (pos: string[]) => {
    const csv = [BATCH_HEADER, ...pos.map((customerPo) => batchRow({ customerId, customerPo, gtin: knownGtin() }))].join('\n');
    const response = await uploadBatch(batch, csv);
    expect(response.status).toBe(200);
    expect(response.body.orders.map((order) => order.outcome)).toEqual(pos.map(() => 'CREATED'));
  };

  it('when a file repeats the goods and ship-to of an open order under a new PO, then 207: the order is HELD as a possible duplicate, counted as held, with the earlier order named', async () => {
    const eurCustomer = await givenCustomer();
    const gtin = await givenProduct({ quantity: 10 });
    const first = uniqueId('PO');
    const repeat = uniqueId('PO');
    const row = (customerPo: string) => batchRow({ customerId: eurCustomer, customerPo, gtin, shipToLine2: 'Dock 7' });
    const original = await uploadBatch(batch, [BATCH_HEADER, row(first)].join('\n'));
    expect(original.status).toBe(200);

    const response = await uploadBatch(batch, [BATCH_HEADER, row(repeat)].join('\n'));

    expect(response.status).toBe(207);
    expect(response.body.progress).toMatchObject({ orders: 1, created: 0, held: 1 });
    const [held] = response.body.orders;
    expect(held).toMatchObject({ customerPo: repeat, outcome: 'HELD', reason: expect.stringContaining(original.body.orders[0]!.orderId!) });
    const order = await batch.json(ChannelOrderView, 'GET', `/v1/orders/${held!.orderId}`);
    expect(order.body).toMatchObject({ status: 'POSSIBLE_DUPLICATE', possibleDuplicate: { orderId: original.body.orders[0]!.orderId } });
  });

  it('when a file has a good order and one with bad rows, then 207: the good one is created through intake, the bad one names each row and field', async () => {
    const good = uniqueId('PO');
    const bad = uniqueId('PO');
    const gtin = knownGtin();
    const csv = [
      BATCH_HEADER,
      batchRow({ customerId, customerPo: good, gtin }),
      batchRow({ customerId, customerPo: bad, gtin }),
      batchRow({ customerId, customerPo: good, gtin: knownGtin(), quantity: '5', expectedUnitPrice: '12.50' }),
      batchRow({ customerId, customerPo: bad, gtin: '05012345678901', quantity: 'two' }),
    ].join('\n');

    const response = await uploadBatch(batch, csv);

    expect(response.status).toBe(207);
    expect(response.body).toMatchObject({ status: 'DONE', progress: { rows: 4, orders: 2, ordersProcessed: 2, created: 1, refused: 1 } });
    const [created, refused] = response.body.orders;
    expect(created).toMatchObject({ customerPo: good, rows: [2, 4], outcome: 'CREATED' });
    expect(refused).toMatchObject({ customerPo: bad, rows: [3, 5], outcome: 'REFUSED' });
    expect(refused!.errors).toEqual([
      { row: 5, field: 'gtin', message: 'GTIN check digit is wrong' },
      { row: 5, field: 'quantity', message: 'must be a whole number of units' },
    ]);
    const order = await batch.json(ChannelOrderView, 'GET', `/v1/orders/${created!.orderId}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({
      channel: 'batch',
      customerPo: good,
      lines: [
        { gtin, quantity: 2 },
        { quantity: 5, expectedUnitPrice: '12.50' },
      ],
    });
    await stillFree([bad]);
  });

  it('when the rows of one PO disagree on the ship-to, then that order is refused naming the rows', async () => {
    const po = uniqueId('PO');
    const csv = [
      BATCH_HEADER,
      batchRow({ customerId, customerPo: po, gtin: knownGtin() }),
      batchRow({ customerId, customerPo: po, gtin: knownGtin(), city: 'Shelbyville' }),
    ].join('\n');
    const response = await uploadBatch(batch, csv);
    expect(response.status).toBe(207);
    expect(response.body.orders[0]).toMatchObject({ outcome: 'REFUSED', errors: [{ row: 3, field: 'shipToCity' }] });
    expect(response.body.orders[0]!.errors![0]!.message).toMatch(/differs from "Springfield" on row 2/);
  });

  it('when an upload is retried with the same Idempotency-Key, then the first answer comes back and no second batch; a new key reports the POs as duplicates', async () => {
    const { csv, pos } = batchCsv(customerId, 2, 2, { gtins: [knownGtin(), knownGtin()], edit: (line, order) => ({ ...line, quantity: String(order + 11) }) });
    const key = batchKey();
    const first = await uploadBatch(batch, csv, key);
    const retry = await uploadBatch(batch, csv, key);
    expect(first.status).toBe(200);
    expect(retry.body).toEqual(first.body);

    const again = await uploadBatch(batch, csv);
    expect(again.status).toBe(207);
    expect(again.body.batchId).not.toBe(first.body.batchId);
    expect(again.body.orders).toEqual(
      first.body.orders.map((order, index) =>
        expect.objectContaining({ customerPo: pos[index], outcome: 'DUPLICATE', orderId: order.orderId, reason: expect.stringContaining(order.orderId!) }),
      ),
    );
  });

  it('when the file is not the expected CSV, then 4xx says why and nothing is created', async () => {
    const po = uniqueId('PO');
    const row = batchRow({ customerId, customerPo: po, gtin: knownGtin() });
    const cases: [string, string, RegExp][] = [
      ['missing column', `${BATCH_HEADER.replace(',gtin', '')}\n${row}`, /Missing columns in the header: gtin/],
      ['unknown column', `${BATCH_HEADER},colour\n${row},red`, /Unknown columns in the header: "colour"/],
      ['duplicate header', `${BATCH_HEADER},gtin\n${row},x`, /Duplicate columns in the header: gtin/],
      ['empty', '', /empty/],
      ['header only', `${BATCH_HEADER}\n`, /no order lines/],
      ['unclosed quote', `${BATCH_HEADER}\n${row.replace('ACME', '"ACME')}`, /cannot be read as CSV/],
    ];
    for (const [name, csv, reason] of cases) {
      const response = await uploadBatch(batch, csv);
      expect(response.status, name).toBe(400);
      expect(response.problem.detail, name).toMatch(reason);
      expect(response.problem.detail, name).toMatch(/Nothing was created/);
    }

    const latin1 = Buffer.from(`${BATCH_HEADER}\n${row.replace('Springfield', 'Düsseldorf')}`, 'latin1');
    const encoding = await uploadBytes(batch.base, token, latin1);
    expect(encoding.status).toBe(400);
    expect(encoding.problem.detail).toMatch(/not UTF-8/);

    const binary = await uploadBytes(
      batch.base,
      token,
      Uint8Array.from({ length: 2048 }, (_, i) => (i * 151 + 7) % 256),
    );
    expect(binary.status).toBe(400);
    expect(binary.problem.detail).toMatch(/not UTF-8|not a text CSV/);

    const huge = `${BATCH_HEADER}\n${row}\n${'x'.repeat(10 * 1024 * 1024)}`;
    const tooLarge = await uploadBatch(batch, huge);
    expect(tooLarge.status).toBe(413);

    const json = await uploadBatch(batch, `${BATCH_HEADER}\n${row}`, batchKey(), 'application/json');
    expect(json.status).toBe(415);

    await stillFree([po]);
  });

  it('when another channel uploads or reads a batch, then 403 for both: the batch routes serve the batch channel only', async () => {
    const { csv } = batchCsv(customerId, 1, 1, { gtins: [knownGtin()], edit: (line) => ({ ...line, quantity: '31' }) });
    const upload = await uploadBatch(portal, csv);
    expect(upload.status).toBe(403);

    const mine = await uploadBatch(batch, csv);
    expect(mine.status).toBe(200);
    const own = await batch.json(BatchReport, 'GET', `/v1/channels/batch/${mine.body.batchId}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ batchId: mine.body.batchId, status: 'DONE' });
    const other = await portal.json(BatchReport, 'GET', `/v1/channels/batch/${mine.body.batchId}`);
    expect(other.status).toBe(403);
  });
});
