import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../../shared/platform/http/middleware.js';
import { interchangeResponse, interchangeText, wantsJson } from '../../../shared/channels/http/x12.js';
import type { EdiInterchangeResult, EdiTransactionSetResult } from '../../../shared/channels/schemas/edi.js';

const set = (result: EdiTransactionSetResult['result'], extra: Partial<EdiTransactionSetResult> = {}): EdiTransactionSetResult => ({
  groupControlNumber: '1',
  controlNumber: '0001',
  transactionSet: '850',
  result,
  errors: [],
  links: {},
  ...extra,
});
const result = (status: EdiInterchangeResult['status'], sets: EdiTransactionSetResult[]): EdiInterchangeResult => ({
  interchange: { senderQualifier: 'ZZ', senderId: 'HOSPEDI01', controlNumber: '000000001' },
  status,
  transactionSets: sets,
  functionalAck: { controlNumber: '000000007', x12: 'ISA*...~' },
});
const event = (body: string, headers: Record<string, string> = {}, isBase64Encoded = false) => ({ body, headers, isBase64Encoded }) as never;

describe('given the outcome of an interchange', () => {
  it('when an order was created, then the answer is 200 with the 997 as application/edi-x12, or the JSON summary when asked', () => {
    const accepted = result('ACCEPTED', [set('ACCEPTED', { orderId: 'ORD-1' })]);
    expect(interchangeResponse(accepted, false)).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/edi-x12', 'cache-control': 'no-store' },
      body: 'ISA*...~',
    });
    expect(JSON.parse(String(interchangeResponse(accepted, true).body))).toEqual(accepted);
  });

  it('when its only 850 is a duplicate, then the answer is the portal-shaped 409 naming the existing order, with the 997', () => {
    const response = interchangeResponse(
      result('REJECTED', [set('DUPLICATE', { orderId: 'ORD-9', customerPo: 'PO-1', links: { self: '/v1/orders/ORD-9' } })]),
      false,
    );
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(String(response.body))).toMatchObject({
      title: 'Duplicate order',
      status: 409,
      orderId: 'ORD-9',
      links: { self: '/v1/orders/ORD-9' },
      functionalAck: 'ISA*...~',
    });
  });

  it('when every set was rejected, then the answer is 422: the 997, or a problem naming each error', () => {
    const rejected = result('REJECTED', [set('REJECTED', { errors: [{ segment: 'CTT', position: 7, element: 1, code: '7', message: 'CTT01: says 3' }] })]);
    expect(interchangeResponse(rejected, false)).toMatchObject({ statusCode: 422, body: 'ISA*...~' });
    expect(JSON.parse(String(interchangeResponse(rejected, true).body)).detail).toBe(
      'No purchase order could be taken; nothing was written. 850 0001: CTT01: says 3',
    );
  });

  it('when one of several 850s is a duplicate and another accepted, then it is a 200 listing both', () => {
    expect(
      interchangeResponse(result('PARTIALLY_ACCEPTED', [set('ACCEPTED', { orderId: 'ORD-1' }), set('DUPLICATE', { orderId: 'ORD-1' })]), true).statusCode,
    ).toBe(200);
  });
});

describe('given a request body', () => {
  it('when it is empty, larger than 2 MB, or not text, then it is refused before it is read', () => {
    const status = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof HttpProblem ? error.response.statusCode : 'other';
      }
      return 'none';
    };
    expect(status(() => interchangeText(event('')))).toBe(400);
    expect(status(() => interchangeText(event('X'.repeat(2 * 1024 * 1024 + 1))))).toBe(413);
    expect(status(() => interchangeText(event(Buffer.from([0xff, 0xfe, 0x00]).toString('base64'), {}, true)))).toBe(400);
    expect(interchangeText(event(Buffer.from('ISA*00').toString('base64'), {}, true))).toBe('ISA*00');
  });

  it('when the client accepts JSON, then it gets JSON', () => {
    expect(wantsJson({ headers: { accept: 'application/json' } })).toBe(true);
    expect(wantsJson({ headers: { accept: 'application/edi-x12' } })).toBe(false);
    expect(wantsJson({ headers: {} })).toBe(false);
  });
});
