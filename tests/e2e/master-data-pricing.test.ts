import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MasterRecordList, MasterRecordView } from '../../shared/master-data/schemas/master-data.js';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import { DEMO_CUSTOMERS, DEMO_PRICE_LIST } from '../../infra/local/demo-data.js';
import { seedMasterData } from '../../infra/local/master-data.js';
import { importMasterData } from '../../scripts/import-master-data.js';
import { givenUser, sign, user, userToken } from '../support/approvals.js';
import { uniqueGtin, uniqueId } from '../support/fixtures.js';
import { approvalLinkFor, deployedStack, idempotencyKey, newOrder, portalApi, waitForOrder, type ApiClient } from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';

const finance = user('finance1');
const sales = user('sales1');

const product = (gtin: string, name = 'Test catheter') => ({
  gtin,
  name,
  deviceClass: 'IIa',
  regulatoryStatus: 'RELEASED',
  unitOfMeasure: 'EA',
  lotControlled: true,
  serialControlled: false,
  shelfLifeDays: 730,
  retentionYears: 10,
});

describe('given the deployed stack and a master-data user', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let masterToken: string;
  const master = <S extends z.ZodType>(schema: S, method: string, route: string, body?: unknown, headers: Record<string, string> = {}) =>
    api.json(schema, method, route, { body, headers, token: masterToken });

  beforeAll(async () => {
    api = await portalApi(outputs);
    const steward = await givenUser(outputs, ['master-data']);
    masterToken = await userToken(outputs, steward.username, steward.password);
  });

  it('when a channel or a user without the role calls the master-data API, then it is refused', async () => {
    expect((await api.json(MasterRecordList, 'GET', '/v1/master/products')).status).toBe(403);
    const desk = user('orderdesk1');
    const deskToken = await userToken(outputs, desk.username, desk.password);
    expect((await api.json(MasterRecordList, 'GET', '/v1/master/products', { token: deskToken })).status).toBe(403);
  });

  it('when two stewards update the same product from the same version, then the second gets 409 and the history keeps both versions apart', async () => {
    const gtin = uniqueGtin();
    const created = await master(MasterRecordView, 'POST', '/v1/master/products', product(gtin));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const v1At = created.body.recordedAt;

    const first = await master(
      MasterRecordView,
      'PUT',
      `/v1/master/products/${gtin}`,
      { ...product(gtin), regulatoryStatus: 'ON_HOLD' },
      { 'if-match': '"1"' },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, previousVersion: 1, changes: ['regulatoryStatus'] });

    const stale = await master(MasterRecordView, 'PUT', `/v1/master/products/${gtin}`, { ...product(gtin), name: 'Renamed' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.problem.detail).toMatch(/version 2, not 1/);
    expect((await master(MasterRecordView, 'PUT', `/v1/master/products/${gtin}`, product(gtin))).status).toBe(428);

    const current = await master(MasterRecordView, 'GET', `/v1/master/products/${gtin}`);
    expect(current.body).toMatchObject({ version: 2, data: { name: 'Test catheter', regulatoryStatus: 'ON_HOLD' } });
    const asOf = await master(MasterRecordView, 'GET', `/v1/master/products/${gtin}?asOf=${encodeURIComponent(v1At)}`);
    expect(asOf.body).toMatchObject({ version: 1, data: { regulatoryStatus: 'RELEASED' } });
    const history = await master(MasterRecordList, 'GET', `/v1/master/products/${gtin}/history`);
    expect(history.body.items.map((v) => v.version)).toEqual([1, 2]);
    expect(history.body.items[1]!.recordedBy).toMatch(/^user:/);
    const listed = await master(MasterRecordList, 'GET', '/v1/master/products');
    expect(listed.body.items.map((item) => item.id)).toContain(gtin);
  });

  it('when a price list changes after an order is priced, then shipment and invoice keep the frozen price and the order shows why', async () => {
    const group = uniqueId('GRP');
    const priceListId = uniqueId('PL');
    const customerId = uniqueId('CUST-T');
    // A product and lot of its own, so the order never competes with other tests for stock.
    const gtin = uniqueGtin();
    expect((await master(MasterRecordView, 'POST', '/v1/master/products', product(gtin, 'Test gloves'))).status).toBe(201);
    await seedMasterData({
      priceList: DEMO_PRICE_LIST,
      customers: [],
      products: [],
      lots: [{ gtin, lotNumber: 'FROZEN1', expiry: '2028-12-31', quantity: 50, status: 'RELEASED' }],
    });
    const baseListId = uniqueId('PL-BASE');
    expect(
      (
        await master(MasterRecordView, 'POST', '/v1/master/price-lists', {
          priceListId: baseListId,
          name: 'Test base list',
          currency: 'EUR',
          validFrom: '2026-01-01',
          lines: [{ gtin, unitPrice: '12.90' }],
        })
      ).status,
    ).toBe(201);
    const listBody = (unitPrice: string) => ({
      priceListId,
      name: 'Test group list',
      currency: 'EUR',
      customerGroup: group,
      validFrom: '2026-01-01',
      lines: [{ gtin, unitPrice }],
    });
    expect((await master(MasterRecordView, 'POST', '/v1/master/price-lists', listBody('1000.00'))).status).toBe(201);
    const { priceListId: _legacy, ...customer } = DEMO_CUSTOMERS[0]!;
    expect(
      (await master(MasterRecordView, 'POST', '/v1/master/customers', { ...customer, customerId, legalName: `Test ${customerId}`, customerGroup: group }))
        .status,
    ).toBe(201);

    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin, quantity: 11, expectedUnitPrice: '12.90' }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    const waiting = await waitForOrder(api, placed.body.orderId, ['AWAITING_APPROVAL', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(waiting.status).toBe('AWAITING_APPROVAL');
    expect(waiting.lines[0]).toMatchObject({
      unitPrice: '1000.00',
      lineTotal: '11000.00',
      priceSource: `price-list:${priceListId}`,
      explanation: { chosen: `price-list:${priceListId}` },
      priceConflict: {
        expectedUnitPrice: '12.90',
        computedUnitPrice: '1000.00',
        suggestion: `list ${priceListId} price 1000.00 applies; the sent price 12.90 matches list ${baseListId}, outranked`,
      },
    });
    expect(waiting.lines[0]!.explanation!.candidates.map((c) => [c.rule, c.status])).toEqual(
      expect.arrayContaining([
        [`price-list:${priceListId}`, 'CHOSEN'],
        [`price-list:${baseListId}`, 'OUTRANKED'],
      ]),
    );
    const priced = waiting.timeline.find((event) => event.type === 'ORDER_PRICED');
    expect(priced!.detail).toMatchObject({ priceConflictLines: [1], priceConflictHandling: 'REVIEW' });
    // The portal's price conflicts go to review: sales approves beside finance (order value).
    expect(waiting.requiredApprovals!.map((a) => a.reason).sort()).toEqual(['ORDER_VALUE_OVER_THRESHOLD', 'PRICE_DIFFERS_FROM_EXPECTED']);

    const changed = await master(MasterRecordView, 'PUT', `/v1/master/price-lists/${priceListId}`, listBody('500.00'), { 'if-match': '"1"' });
    expect(changed.status).toBe(200);

    const [financeLink, salesLink] = await Promise.all([
      approvalLinkFor(placed.body.orderId, finance.email),
      approvalLinkFor(placed.body.orderId, sales.email),
    ]);
    expect((await sign(api, financeLink.approvalPath, finance, 'APPROVED')).status).toBe(200);
    expect((await sign(api, salesLink.approvalPath, sales, 'APPROVED')).status).toBe(200);
    const archived = await waitForShippedOrder(api, placed.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED']);
    expect(archived.status, `${archived.statusReason} ${JSON.stringify(archived.timeline.slice(-3))}`).toBe('ARCHIVED');
    expect(archived.lines[0]).toMatchObject({ unitPrice: '1000.00', lineTotal: '11000.00' });
    expect(archived.invoice).toMatchObject({ total: '11000.00', currency: 'EUR' });
  });

  it('when a CSV file has one bad row, then nothing is imported and the row is named; fixed, it imports once and again changes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'import-'));
    const gtins = [uniqueGtin(), uniqueGtin(), uniqueGtin()];
    const header = 'gtin,name,deviceClass,regulatoryStatus,unitOfMeasure,lotControlled,serialControlled,shelfLifeDays,retentionYears';
    const row = (gtin: string, deviceClass = 'IIa') => `${gtin},"Dressing, sterile",${deviceClass},RELEASED,EA,true,false,1095,10`;
    const file = path.join(dir, 'products.csv');
    writeFileSync(file, [header, row(gtins[0]!), row(gtins[1]!, 'IV'), row(gtins[2]!)].join('\n'));
    const quiet = { log: () => undefined, progress: () => undefined };

    const refused = await importMasterData([`products=${file}`], quiet);
    expect(refused).toEqual({ errors: [expect.stringMatching(/^products\.csv:3: deviceClass: /)] });
    for (const gtin of gtins) expect((await master(MasterRecordView, 'GET', `/v1/master/products/${gtin}`)).status).toBe(404);

    writeFileSync(file, [header, row(gtins[0]!), row(gtins[1]!), row(gtins[2]!)].join('\n'));
    expect(await importMasterData([`products=${file}`], quiet)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await importMasterData([`products=${file}`], quiet)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const imported = await master(MasterRecordView, 'GET', `/v1/master/products/${gtins[1]}`);
    expect(imported.body).toMatchObject({ version: 1, data: { name: 'Dressing, sterile', deviceClass: 'IIa' } });
  });
});
