import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EdiTransactionSetResult, PoAcknowledgmentView } from '../../shared/channels/schemas/edi.js';
import { OrderAccepted, ChannelOrderView, OrderView } from '../../shared/orders/schemas/order.js';
import type { StackOutputs } from '../../infra/local/deploy.js';
import { findEdiPurchaseOrder } from '../../shared/channels/data/edi-repository.js';
import {
  approvalLinkFor,
  channelApi,
  deployedStack,
  givenCustomer,
  idempotencyKey,
  newOrder,
  portalApi,
  waitForOrder,
  type ApiClient,
} from '../support/stack.js';
import { sign, user } from '../support/approvals.js';
import { waitForShippedOrder } from '../support/picking.js';
import { givenTradingPartner, nextControlNumber, postInterchange, postInterchangeX12, tapEvents, waitForAck } from '../support/edi.js';
import { interchange, po850 } from '../support/x12.js';
import { uniqueGtin } from '../support/fixtures.js';

let outputs: StackOutputs;
let edi: ApiClient;
let portal: ApiClient;

beforeAll(async () => {
  outputs = deployedStack();
  edi = await channelApi(outputs, 'edi');
  portal = await portalApi(outputs);
});

const creditController = user('credit1');
const uniquePo = () => `E${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
const gloves = (quantity = 2, price = '12.90') => ({ id: '1', quantity, price, ids: [['UK', '05012345678917']] as [string, string][] });

describe('given an EDI trading partner mapped to a customer', () => {
  let customerId: string;
  let sender: string;
  beforeAll(async () => {
    customerId = await givenCustomer();
    sender = await givenTradingPartner(customerId);
  });

  it('when it sends an 850, then one order is created on the edi channel, the 855 is retrievable and published on the bus, and a resend creates nothing', async () => {
    const tap = await tapEvents(outputs, customerId);
    const po = uniquePo();
    const text = interchange({
      sender,
      control: nextControlNumber(),
      groups: [
        {
          control: '1',
          sets: [
            {
              control: '0001',
              segments: po850({ po, delivery: '20261215', lines: [gloves(), { id: '2', quantity: 1, price: '13.00', ids: [['VC', 'SYR-5ML-100']] }] }),
            },
          ],
        },
      ],
    });

    const first = await postInterchange(edi, text);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ status: 'ACCEPTED', interchange: { senderId: sender, partnerId: sender } });
    const set = first.body.transactionSets[0]!;
    expect(set).toMatchObject({ result: 'ACCEPTED', customerPo: po, controlNumber: '0001', errors: [] });
    expect(first.body.functionalAck.x12).toMatch(/AK1\*PO\*1~\nAK2\*850\*0001~\nAK5\*A~\nAK9\*A\*1\*1\*1~/);

    const order = await waitForShippedOrder(edi, set.orderId!, [
      'PRICED',
      'CREDIT_CHECKED',
      'AWAITING_APPROVAL',
      'ALLOCATED',
      'SHIPPED',
      'INVOICED',
      'ARCHIVED',
    ]);
    expect(order).toMatchObject({ channel: 'edi', customerId, customerPo: po, requestedDeliveryDate: '2026-12-15' });
    expect(order.lines.map((line) => [line.gtin, line.quantity, line.expectedUnitPrice])).toEqual([
      ['05012345678917', 2, '12.90'],
      ['05012345678900', 1, '13.00'],
    ]);

    const ack = await waitForAck(edi, set.links.ack!);
    expect(ack).toMatchObject({ controlNumber: set.ackControlNumber, orderId: set.orderId, status: 'ACCEPTED_WITH_CHANGES', type: 'AC' });
    expect(ack.lines.map((line) => [line.lineId, line.status, line.unitPrice])).toEqual([
      ['1', 'IA', '12.90'],
      ['2', 'IP', '14.50'],
    ]);
    expect(ack.x12).toContain(`BAK*00*AC*${po}*20261125****${set.orderId}*`);
    const x12 = await edi.request('GET', set.links.ack!, { headers: { accept: 'application/edi-x12' } });
    expect(x12.headers.get('content-type')).toBe('application/edi-x12');
    expect(x12.text).toBe(ack.x12);

    const event = await tap.next('PurchaseOrderAcknowledged');
    expect(event.detail).toMatchObject({
      eventId: `EDI855#${set.ackControlNumber}|EDI855`,
      orderId: set.orderId,
      controlNumber: set.ackControlNumber,
      status: 'ACCEPTED_WITH_CHANGES',
    });

    const again = await postInterchange(edi, text);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const x12Again = await postInterchangeX12(edi, text);
    expect(x12Again.text).toBe(first.body.functionalAck.x12);
  });

  it('when an 850 at the prices we charge runs to the end, then its 855 accepts it unchanged (AD) and its ship notice is published', async () => {
    const tap = await tapEvents(outputs, customerId);
    const text = interchange({
      sender,
      control: nextControlNumber(),
      separators: { element: '|', component: '^', repetition: '^', segment: '\n', after: '' },
      groups: [{ control: '5', sets: [{ control: '0001', segments: po850({ po: uniquePo(), ctt: null, lines: [gloves(3)] }) }] }],
    });
    const response = await postInterchangeX12(edi, text);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/edi-x12');
    // The 997 answers in the separators the partner used.
    expect(response.text).toContain('AK5|A\n');
    const published = await tap.next('PurchaseOrderAcknowledged');
    expect(published.detail).toMatchObject({ status: 'ACCEPTED', acknowledgment: { type: 'AD' } });
    const archived = await waitForShippedOrder(edi, published.detail.orderId, ['ARCHIVED']);
    expect(archived.timeline.map((event) => event.type)).toContain('PO_ACKNOWLEDGED');
    const shipped = await tap.next('AdvanceShipNoticeCreated');
    expect(shipped.detail).toMatchObject({ orderId: archived.orderId, customerId, eventId: expect.stringMatching(/^ORDER#ORD-.*\|ASN#SHP-/) });
    expect(shipped.detail.x12).toContain('ST*856*');
  });

  it('when an accepted 850 is rejected later (credit hold refused), then a second 855 replaces the first (BAK01 05, every line IR) and is published', async () => {
    const tightCustomer = await givenCustomer({ creditLimit: '1.00' });
    const tightSender = await givenTradingPartner(tightCustomer);
    const tap = await tapEvents(outputs, tightCustomer);
    const po = uniquePo();
    const text = interchange({
      sender: tightSender,
      control: nextControlNumber(),
      groups: [{ control: '7', sets: [{ control: '0001', segments: po850({ po, lines: [gloves()] }) }] }],
    });
    const response = await postInterchange(edi, text);
    expect(response.status, response.text).toBe(200);
    const set = response.body.transactionSets[0]!;
    const first = await tap.next('PurchaseOrderAcknowledged');
    expect(first.detail).toMatchObject({ controlNumber: set.ackControlNumber, status: 'ACCEPTED' });
    expect(first.detail.replaces).toBeUndefined();

    await waitForOrder(edi, set.orderId!, ['AWAITING_APPROVAL']);
    const { approvalPath } = await approvalLinkFor(set.orderId!, creditController.email);
    expect((await sign(portal, approvalPath, creditController, 'REJECTED', { comment: 'account in collections' })).status).toBe(200);
    const rejected = await waitForOrder(edi, set.orderId!, ['REJECTED', 'ARCHIVED', 'FAILED']);
    expect(rejected.status).toBe('REJECTED');

    const revision = await tap.next('PurchaseOrderAcknowledged');
    expect(revision.detail).toMatchObject({
      orderId: set.orderId,
      status: 'REJECTED',
      replaces: set.ackControlNumber,
      acknowledgment: { purpose: 'REPLACE', type: 'RD' },
    });
    expect(revision.detail.controlNumber).not.toBe(set.ackControlNumber);
    expect(revision.detail.x12).toContain(`BAK*05*RD*${po}*`);
    // The buyer learns that and why in the policy's terms, never who signed or their comment.
    expect(revision.detail.x12).toMatch(/MSG\*not approved \(CREDIT_HOLD\)~/);
    expect(revision.detail.x12).not.toContain('collections');
    const ack = await edi.json(PoAcknowledgmentView, 'GET', `/v1/channels/edi/x12/acks/${revision.detail.controlNumber}`, {
      headers: { accept: 'application/json' },
    });
    expect(ack.body).toMatchObject({ purpose: 'REPLACE', replaces: set.ackControlNumber, status: 'REJECTED' });
    expect(ack.body.lines.map((line) => line.status)).toEqual(['IR']);
    expect(rejected.timeline.map((event) => event.type)).toEqual(expect.arrayContaining(['PO_ACKNOWLEDGED', 'PO_ACKNOWLEDGMENT_REPLACED']));
  });

  it('when an 850 names a product that does not exist, then the intake refuses it: the 997 rejects the set, names the PO1 line with a suggestion, and no order is made', async () => {
    const unknown = uniqueGtin();
    const po = uniquePo();
    const text = interchange({
      sender,
      control: nextControlNumber(),
      groups: [{ control: '6', sets: [{ control: '0001', segments: po850({ po, lines: [gloves(), { id: '2', quantity: 1, ids: [['UK', unknown]] }] }) }] }],
    });
    const response = await postInterchange(edi, text);
    expect(response.status, response.text).toBe(422);
    const [set] = z.array(EdiTransactionSetResult).parse(response.problem.transactionSets);
    expect(set).toMatchObject({ result: 'REJECTED', customerPo: po });
    expect(set!.orderId).toBeUndefined();
    expect(set!.errors).toEqual([expect.objectContaining({ segment: 'PO1', message: expect.stringMatching(new RegExp(`^PO1 line 2: .*${unknown}`)) })]);
    expect(response.problem.functionalAck).toMatch(/AK5\*R\*5/);
    // Nothing was ordered: the same PO can be sent again once corrected.
    const again = await postInterchange(
      edi,
      interchange({
        sender,
        control: nextControlNumber(),
        groups: [{ control: '7', sets: [{ control: '0001', segments: po850({ po, lines: [gloves()] }) }] }],
      }),
    );
    expect(again.status, again.text).toBe(200);
    expect(again.body.transactionSets[0]).toMatchObject({ result: 'ACCEPTED', customerPo: po });
  });

  it('when an interchange holds three 850s in two groups (one valid, one with a bad CTT count, one repeating the first PO), then only the valid one becomes an order and the 997 says which', async () => {
    const po = uniquePo();
    const text = interchange({
      sender,
      control: nextControlNumber(),
      groups: [
        {
          control: '21',
          sets: [
            { control: '0001', segments: po850({ po, lines: [gloves()] }) },
            { control: '0002', segments: po850({ po: `${po}-B`, ctt: 5, lines: [gloves()] }) },
          ],
        },
        { control: '22', sets: [{ control: '0001', segments: po850({ po, lines: [gloves(1)] }) }] },
      ],
    });
    const response = await postInterchange(edi, text);
    expect(response.status, response.text).toBe(200);
    expect(response.body.status).toBe('PARTIALLY_ACCEPTED');
    const [accepted, badCount, duplicate] = response.body.transactionSets;
    expect(accepted).toMatchObject({ groupControlNumber: '21', result: 'ACCEPTED' });
    expect(badCount).toMatchObject({ groupControlNumber: '21', result: 'REJECTED', errors: [{ segment: 'CTT', element: 1, code: '7' }] });
    expect(duplicate).toMatchObject({ groupControlNumber: '22', result: 'DUPLICATE', orderId: accepted!.orderId });
    expect(response.body.functionalAck.x12).toContain('AK2*850*0002~\nAK3*CTT*7**8~\nAK4*1*354*7*5~\nAK5*R*5~\nAK9*P*2*2*1~');
    expect(response.body.functionalAck.x12).toContain('AK3*BEG*2**8~\nAK4*3*324*7*');
    expect(await findEdiPurchaseOrder(customerId, `${po}-B`)).toBeUndefined();
  });

  it('when the same order comes through the portal and then EDI, then there is one order and the EDI answer is 409 naming it', async () => {
    const po = uniquePo();
    const placed = await portal.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, customerPo: po }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    const text = interchange({
      sender,
      control: nextControlNumber(),
      groups: [{ control: '1', sets: [{ control: '0001', segments: po850({ po, lines: [gloves()] }) }] }],
    });
    const response = await postInterchange(edi, text);
    expect(response.status, response.text).toBe(409);
    expect(response.problem).toMatchObject({ title: 'Duplicate order', orderId: placed.body.orderId, links: { self: `/v1/orders/${placed.body.orderId}` } });
    expect(response.problem.functionalAck).toContain('AK5*R*5~');
  });

  it('when the edi channel reads an order the portal placed, then it is not found', async () => {
    const placed = await portal.json(OrderAccepted, 'POST', '/v1/orders', { body: newOrder({ customerId }), headers: { 'idempotency-key': idempotencyKey() } });
    expect(placed.status).toBe(202);
    expect((await edi.json(ChannelOrderView, 'GET', `/v1/orders/${placed.body.orderId}`)).status).toBe(404);
    expect((await portal.json(ChannelOrderView, 'GET', `/v1/orders/${placed.body.orderId}`)).status).toBe(200);
  });

  it('when another channel posts an interchange or reads an 855, then it is forbidden', async () => {
    const text = interchange({
      sender,
      control: nextControlNumber(),
      groups: [{ control: '1', sets: [{ control: '0001', segments: po850({ po: uniquePo(), lines: [gloves()] }) }] }],
    });
    expect((await postInterchange(portal, text)).status).toBe(403);
    expect((await portal.request('GET', '/v1/channels/edi/x12/acks/000000001')).status).toBe(403);
  });

  describe('when the body is malformed', () => {
    const valid = (po: string) =>
      interchange({
        sender,
        control: nextControlNumber(),
        groups: [{ control: '1', sets: [{ control: '0001', segments: po850({ po, lines: [gloves()] }) }] }],
      });

    it.each([
      ['truncated', (text: string) => text.slice(0, text.indexOf('SE*')), 400, /truncated interchange/],
      ['binary garbage', () => '\u0000\u0001\u0002\u0003ISA\u00ff\u00fe', 400, /not an X12 interchange|not text/],
      ['JSON', () => JSON.stringify(newOrder()), 400, /must start with an ISA segment/],
      ['ISA13 differing from IEA02', (text: string) => text.replace(/IEA\*1\*\d+/, 'IEA*1*999999999'), 400, /IEA02 "999999999" does not match ISA13/],
    ])('a %s body is refused with 4xx and a clear message, and nothing is written', async (_name, mangle, status, message) => {
      const po = uniquePo();
      const response = await postInterchange(edi, mangle(valid(po)));
      expect(response.status, response.text).toBe(status);
      expect(response.problem.detail).toMatch(message);
      expect(await findEdiPurchaseOrder(customerId, po)).toBeUndefined();
    });

    it('an interchange holding only an 810 invoice is rejected (422) with its 997 naming the unsupported set, and nothing is written', async () => {
      const po = uniquePo();
      const text = interchange({
        sender,
        control: nextControlNumber(),
        groups: [{ control: '1', functionalId: 'IN', sets: [{ control: '0001', id: '810', segments: [['BIG', '20261125', 'INV-1', '', po]] }] }],
      });
      const response = await postInterchange(edi, text);
      expect(response.status, response.text).toBe(422);
      expect(response.problem.detail).toMatch(/functional group is not purchase orders/);
      expect(response.problem.functionalAck).toContain('AK5*R*');
      expect(await findEdiPurchaseOrder(customerId, po)).toBeUndefined();
    });

    it('an interchange from a sender of the partner’s own ids that is no trading partner is refused (422) and nothing is written', async () => {
      const po = uniquePo();
      const text = interchange({
        sender: 'TNOBODY',
        control: nextControlNumber(),
        groups: [{ control: '1', sets: [{ control: '0001', segments: po850({ po, lines: [gloves()] }) }] }],
      });
      const response = await postInterchange(edi, text);
      expect(response.status, response.text).toBe(422);
      expect(response.problem.detail).toBe('The interchange sender ZZ:TNOBODY is not a known trading partner; nothing was written.');
    });

    it('a 10 MB body is refused with 413 and nothing is written', async () => {
      const po = uniquePo();
      const response = await postInterchange(edi, valid(po) + 'X'.repeat(10 * 1024 * 1024));
      expect(response.status).toBe(413);
      expect(response.problem.detail).toMatch(/at most 2097152 are taken in one request/);
      expect(await findEdiPurchaseOrder(customerId, po)).toBeUndefined();
    });
  });
});
