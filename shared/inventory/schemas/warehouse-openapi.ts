import { PickTaskView, PickWorkList, ShipmentAccepted, ShipmentRequest } from './shipment.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const jsonResponse = (description: string, id: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const security = [{ staffToken: [] }];
const staffRefusals = {
  '401': { description: 'No or invalid bearer token' },
  '403': problemResponse('Not a staff user token (channel tokens are refused), or the user is not in the warehouse group'),
};

/** Scan-to-ship routes of the OpenAPI document (see openapi.ts). */
export function warehousePaths() {
  // Schemas with an id are taken from zod's global registry; these references make sure they are loaded.
  void [ShipmentRequest, ShipmentAccepted, PickTaskView, PickWorkList];
  return {
    '/v1/warehouse/picks': {
      get: {
        operationId: 'pickWorkList',
        summary: 'Orders waiting to be picked (READY_TO_PICK), oldest first, with their allocated lots and serials (group warehouse)',
        security,
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The `next` value of the previous page' },
        ],
        responses: { '200': jsonResponse('One page of the work list', 'PickWorkList'), '400': problemResponse('Invalid limit or cursor'), ...staffRefusals },
      },
    },
    '/v1/warehouse/picks/{orderId}': {
      get: {
        operationId: 'pickTask',
        summary: 'The current pick task of an order: what to pick, and whether it is pending, confirmed (by whom, when), expired or cancelled (group warehouse)',
        security,
        parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': jsonResponse('The pick task', 'PickTask'), '400': problemResponse('Not an order id'), ...staffRefusals, '404': problemResponse('The order has no pick task') },
      },
    },
    '/v1/shipments': {
      post: {
        operationId: 'confirmShipment',
        summary: 'Scan-to-ship: the packer’s scanned UDI strings must be exactly the order’s allocated lots and serials; a complete scan is recorded and lets the workflow ship those units (group warehouse; Idempotency-Key)',
        security,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 255 } }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ShipmentRequest') } } },
        responses: {
          '202': jsonResponse('Confirmed: the workflow ships exactly the scanned units next (the order goes to SHIPPED)', 'ShipmentAccepted'),
          '400': problemResponse('Invalid body or missing Idempotency-Key; nothing was written'),
          ...staffRefusals,
          '404': problemResponse('No such order'),
          '409': problemResponse('Already confirmed (by whom, when), not READY_TO_PICK, or the pick was closed (timed out, order closed); nothing was written'),
          '422': problemResponse('A scan was refused (wrong product, wrong lot, expiry mismatch, wrong or repeated serial, over-scan, unreadable) or units are still to scan: `verdicts` and `outstanding` say which; nothing was written'),
        },
      },
    },
  };
}
