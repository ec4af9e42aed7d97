import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { newOrderId } from '../../../shared/platform/domain/ids.js';
import { MergeRequest, OrderId } from '../../../shared/orders/schemas/order.js';
import { CloseInput, StepInput } from '../../../shared/orders/schemas/workflow.js';
import { orderEnteringReceived } from '../../../shared/orders/domain/workflow-outbox.js';
import { AcknowledgeOrderInput } from '../../../shared/channels/schemas/edi.js';
import { ShipmentRequest } from '../../../shared/inventory/schemas/shipment.js';
import { ComplianceQuery, VerifyChainRequest } from '../../../shared/compliance/schemas/audit.js';

const MESSAGE = 'not an order id (ORD- followed by 26 characters)';

/** Every request and step schema that names an order, with a valid body apart from the order id. */
const takers: [string, z.ZodType, (orderId: string) => unknown, string][] = [
  ['MergeRequest', MergeRequest, (targetOrderId) => ({ targetOrderId }), 'targetOrderId'],
  ['StepInput', StepInput, (orderId) => ({ orderId }), 'orderId'],
  ['CloseInput', CloseInput, (orderId) => ({ orderId, status: 'REJECTED', reason: 'invalid' }), 'orderId'],
  ['AcknowledgeOrderInput', AcknowledgeOrderInput, (orderId) => ({ orderId }), 'orderId'],
  ['ShipmentRequest', ShipmentRequest, (orderId) => ({ orderId, scans: ['(01)05012345678900(17)280131(10)SY2801A'] }), 'orderId'],
  ['VerifyChainRequest', VerifyChainRequest, (orderId) => ({ orderId }), 'orderId'],
  ['ComplianceQuery', ComplianceQuery, (orderId) => ({ orderId }), 'orderId'],
];

describe('given the one order id schema', () => {
  it('when an order id is minted, then it is accepted', () => {
    expect(OrderId.safeParse(newOrderId()).success).toBe(true);
  });

  it.each(['ORD-123', 'ord-01JQ8Z3M4N5P6R7S8T9V0W1X2Y', '01JQ8Z3M4N5P6R7S8T9V0W1X2Y', 'ORD-01jq8z3m4n5p6r7s8t9v0w1x2y', 'ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y/x'])(
    'when the id is %j, then it is refused',
    (bad) => {
      expect(OrderId.safeParse(bad).success).toBe(false);
    },
  );

  it.each(takers)('when %s names a minted order, then it is accepted', (_name, schema, body) => {
    expect(schema.safeParse(body(newOrderId())).success).toBe(true);
  });

  it.each(takers)('when %s names a malformed order id, then it is refused with the one message', (_name, schema, body, field) => {
    const result = schema.safeParse(body('ORD-123'));
    expect(result.success).toBe(false);
    expect(result.error?.issues.filter((issue) => issue.path[0] === field).map((issue) => issue.message)).toEqual([MESSAGE]);
  });

  it('when a stream image carries an order key, then the order id is read from it with the same schema', () => {
    const orderId = newOrderId();
    const image = { _et: 'Order', SK: 'ORDER', PK: `ORDER#${orderId}`, status: 'RECEIVED' };
    expect(orderEnteringReceived('INSERT', image, undefined)).toBe(orderId);
    expect(orderEnteringReceived('INSERT', { ...image, PK: 'ORDER#ORD-123' }, undefined)).toBeUndefined();
    expect(orderEnteringReceived('INSERT', { ...image, PK: `CUSTOMER#${orderId}` }, undefined)).toBeUndefined();
  });
});
