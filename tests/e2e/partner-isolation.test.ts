import { beforeAll, describe, expect, it } from 'vitest';
import { BatchReport } from '../../shared/channels/schemas/batch.js';
import { PoAcknowledgmentView } from '../../shared/channels/schemas/edi.js';
import { ChannelOrderView, OrderAccepted } from '../../shared/orders/schemas/order.js';
import { findEdiPurchaseOrder } from '../../shared/channels/data/edi-repository.js';
import { batchCsv, givenBatchProducts, uploadBatch } from '../support/batch.js';
import { givenTradingPartner, nextControlNumber, postInterchange, waitForAck } from '../support/edi.js';
import { channelApi, deployedStack, givenCustomer, idempotencyKey, newOrder, portalApi, type ApiClient } from '../support/stack.js';
import { interchange, po850 } from '../support/x12.js';

const outputs = deployedStack();
const uniquePo = () => `P${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
const gloves = (quantity = 2) => ({ id: '1', quantity, price: '12.90', ids: [['UK', '05012345678917']] as [string, string][] });

/**
 * Partners A (the tests' own: test-edi, test-portal, test-batch) and B (the
 * demo partners of the same channels: clinic-edi, portal, marketplace), each
 * with an app client of its own (infra/local/demo-data.ts).
 */
describe('given two partners on each channel, each with its own app client', () => {
  let ediA: ApiClient;
  let ediB: ApiClient;
  let portalA: ApiClient;
  let portalB: ApiClient;
  let customerId: string;
  let senderA: string;

  beforeAll(async () => {
    [ediA, ediB, portalA, portalB, customerId] = await Promise.all([
      channelApi(outputs, 'edi'),
      channelApi(outputs, 'edi', 'clinic-edi'),
      portalApi(outputs),
      portalApi(outputs, 'portal'),
      givenCustomer(),
    ]);
    senderA = await givenTradingPartner(customerId);
  });

  // Each order of the same customer differs in quantity: the same goods under another PO would be held as a possible duplicate.
  let quantity = 1;
  const interchangeFrom = (sender: string, po: string) => {
    quantity += 1;
    return interchange({
      sender,
      control: nextControlNumber(),
      groups: [{ control: '1', sets: [{ control: '0001', segments: po850({ po, lines: [gloves(quantity)] }) }] }],
    });
  };

  it('when partner B’s EDI token sends an interchange with partner A’s sender (ISA06/GS02), then it is refused 403 naming the sender and nothing is written', async () => {
    const po = uniquePo();
    const refused = await postInterchange(ediB, interchangeFrom(senderA, po));
    expect(refused.status, refused.text).toBe(403);
    expect(refused.problem.detail).toContain(`ISA06 ZZ:${senderA} is not one of partner clinic-edi's interchange sender ids (CLINICEDI02)`);
    expect(await findEdiPurchaseOrder(customerId, po)).toBeUndefined();

    const accepted = await postInterchange(ediA, interchangeFrom(senderA, uniquePo()));
    expect(accepted.status, accepted.text).toBe(200);
  });

  it('when partner B reads partner A’s 855 or order, or walks the 855 numbers below it, then every answer is 404', async () => {
    const placed = await postInterchange(ediA, interchangeFrom(senderA, uniquePo()));
    expect(placed.status, placed.text).toBe(200);
    const set = placed.body.transactionSets[0]!;
    const ack = await waitForAck(ediA, set.links.ack!);
    expect(ack.orderId).toBe(set.orderId);

    expect((await ediB.json(PoAcknowledgmentView, 'GET', set.links.ack!, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect((await ediB.json(ChannelOrderView, 'GET', `/v1/orders/${set.orderId}`)).status).toBe(404);
    const mine = Number(set.ackControlNumber);
    for (let n = mine; n > Math.max(0, mine - 10); n--) {
      const path = `/v1/channels/edi/x12/acks/${String(n).padStart(9, '0')}`;
      expect((await ediB.json(PoAcknowledgmentView, 'GET', path, { headers: { accept: 'application/json' } })).status, path).toBe(404);
    }
    expect((await ediA.json(ChannelOrderView, 'GET', `/v1/orders/${set.orderId}`)).status).toBe(200);
  });

  it('when portal tenant B reads an order portal tenant A placed, then it is not found', async () => {
    const placed = await portalA.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status, placed.text).toBe(202);
    expect((await portalB.json(ChannelOrderView, 'GET', `/v1/orders/${placed.body.orderId}`)).status).toBe(404);
    expect((await portalA.json(ChannelOrderView, 'GET', `/v1/orders/${placed.body.orderId}`)).status).toBe(200);
  });

  it('when marketplace B reads a batch marketplace A uploaded, then it is not found', async () => {
    const [batchA, batchB, gtins] = await Promise.all([channelApi(outputs, 'batch'), channelApi(outputs, 'batch', 'marketplace'), givenBatchProducts(1)]);
    const { csv } = batchCsv(customerId, 1, 1, { gtins });
    const uploaded = await uploadBatch(batchA, csv);
    expect(uploaded.status, uploaded.text).toBe(200);
    const batchId = uploaded.body.batchId;
    expect((await batchB.json(BatchReport, 'GET', `/v1/channels/batch/${batchId}`)).status).toBe(404);
    expect((await batchA.json(BatchReport, 'GET', `/v1/channels/batch/${batchId}`)).status).toBe(200);
  });

  it('when a portal tenant orders for a customer that orders through EDI only, then it is refused 422 naming the channels and nothing is written', async () => {
    const ediOnly = await givenCustomer({ channels: ['edi'] });
    const refused = await portalA.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId: ediOnly }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.problem.detail).toBe(`customer ${ediOnly} does not order through the portal channel (it orders through edi only)`);
  });

  it('when a portal tenant orders for a customer it is not bound to, then it is refused 422 naming the partner', async () => {
    const refused = await portalB.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.problem.detail).toBe(`partner portal may not order for customer ${customerId}`);
  });
});
