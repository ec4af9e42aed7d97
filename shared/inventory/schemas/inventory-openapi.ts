import { HoldRequest, InspectionRequest, LotDetail, ReceiptAccepted, ReceiptRequest, StockView } from './inventory.js';
import { PickCheckRequest, PickCheckResult } from './shipment.js';
import { LotTrace, OrderTrace, SerialTrace } from './trace.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const jsonResponse = (description: string, id: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const security = [{ staffToken: [] }];
const lotIdParameter = {
  name: 'lotId',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The lot: its 14-digit GTIN, a hyphen and its lot number, URL-encoded, e.g. 05012345678900-SY2611A',
};
const gtinParameter = { name: 'gtin', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{14}$' } };
const staffRefusals = {
  '401': { description: 'No or invalid bearer token' },
  '403': problemResponse('Not a staff user token, or the user is in none of the groups allowed on this route'),
};

/** Staff users sign in with user name and password on the staff app client; their access token carries their groups. */
export const inventorySecuritySchemes = {
  staffToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token of a staff user (Cognito USER_PASSWORD_AUTH on the staff client). Groups: warehouse, quality, order-desk, master-data, compliance, accounts-receivable and the approver roles of the approval policy.',
  },
};

/** The inventory and traceability routes of the OpenAPI document (see openapi.ts). */
export function inventoryPaths() {
  // Schemas with an id are taken from zod's global registry; these references make sure they are loaded.
  void [ReceiptRequest, ReceiptAccepted, StockView, LotDetail, InspectionRequest, HoldRequest, LotTrace, SerialTrace, OrderTrace, PickCheckRequest, PickCheckResult];
  return {
    '/v1/inventory/receipts': {
      post: {
        operationId: 'receiveGoods',
        summary: 'Receive goods into quarantine, by scanned GS1 labels or typed label data (group warehouse)',
        security,
        requestBody: { required: true, content: { 'application/json': { schema: ref('ReceiptRequest') } } },
        responses: {
          '201': jsonResponse('Received; every lot is QUARANTINED until inspected', 'ReceiptAccepted'),
          '400': problemResponse('Invalid body; nothing was written'),
          ...staffRefusals,
          '409': problemResponse('The delivery note was already received, a serial already exists, or a lot was already inspected or has another expiry; nothing was written'),
          '422': problemResponse('A scan could not be read, a product is unknown, lot or expiry missing, expired goods, serials missing or repeated; each line is named'),
        },
      },
    },
    '/v1/inventory': {
      get: {
        operationId: 'getStock',
        summary: 'Real-time stock of a product per lot, earliest expiry first (groups warehouse, quality, order-desk)',
        security,
        parameters: [{ name: 'gtin', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{14}$' } }],
        responses: { '200': jsonResponse('Stock per lot', 'Stock'), '400': problemResponse('Missing or invalid GTIN'), ...staffRefusals },
      },
    },
    '/v1/inventory/lots/{lotId}': {
      get: {
        operationId: 'getLot',
        summary: 'A lot with its stock, receipts and audit trail of status changes (groups warehouse, quality, order-desk)',
        security,
        parameters: [lotIdParameter],
        responses: { '200': jsonResponse('The lot', 'LotDetail'), ...staffRefusals, '404': problemResponse('No such lot') },
      },
    },
    '/v1/inventory/lots/{lotId}/inspection': {
      post: {
        operationId: 'inspectLot',
        summary: 'Receiving inspection: PASS releases a quarantined lot, FAIL rejects it (group quality)',
        security,
        parameters: [lotIdParameter],
        requestBody: { required: true, content: { 'application/json': { schema: ref('InspectionRequest') } } },
        responses: {
          '200': jsonResponse('The lot after the decision', 'LotStock'),
          '400': problemResponse('Invalid body'),
          ...staffRefusals,
          '404': problemResponse('No such lot'),
          '409': problemResponse('The lot is not quarantined, is expired, or changed meanwhile'),
        },
      },
    },
    '/v1/inventory/lots/{lotId}/hold': {
      post: {
        operationId: 'holdLot',
        summary: 'Put a released lot on hold (e.g. recall) or release the hold (group quality)',
        security,
        parameters: [lotIdParameter],
        requestBody: { required: true, content: { 'application/json': { schema: ref('HoldRequest') } } },
        responses: {
          '200': jsonResponse('The lot after the decision', 'LotStock'),
          '400': problemResponse('Invalid body'),
          ...staffRefusals,
          '404': problemResponse('No such lot'),
          '409': problemResponse('The status does not allow it, or changed meanwhile'),
        },
      },
    },
    '/v1/trace/lots/{gtin}/{lot}': {
      get: {
        operationId: 'traceLot',
        summary: 'Recall view of a lot: every customer that received it with quantities and dates, shipments, suppliers, remaining stock (groups quality, order-desk)',
        security,
        parameters: [gtinParameter, { name: 'lot', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': jsonResponse('The lot trace', 'LotTrace'), '400': problemResponse('Invalid GTIN or lot'), ...staffRefusals, '404': problemResponse('Lot never received') },
      },
    },
    '/v1/trace/serials/{gtin}/{serial}': {
      get: {
        operationId: 'traceSerial',
        summary: 'Where one serialized unit came from and where it went (groups quality, order-desk)',
        security,
        parameters: [gtinParameter, { name: 'serial', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': jsonResponse('The serial trace', 'SerialTrace'), '400': problemResponse('Invalid GTIN or serial'), ...staffRefusals, '404': problemResponse('Serial never received') },
      },
    },
    '/v1/trace/orders/{orderId}': {
      get: {
        operationId: 'traceOrder',
        summary: 'An order traced backwards to its lots, serials and suppliers (groups quality, order-desk)',
        security,
        parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': jsonResponse('The order trace', 'OrderTrace'), '400': problemResponse('Not an order id'), ...staffRefusals, '404': problemResponse('No such order') },
      },
    },
    '/v1/orders/{orderId}/pick-check': {
      post: {
        operationId: 'pickCheck',
        summary: 'Packing station: check scanned UDI strings against the order’s allocated lots and serials; wrong product, wrong lot, expiry mismatch, wrong or repeated serial and over-scan are refused with the reason (group warehouse; read-only)',
        security,
        parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('PickCheckRequest') } } },
        responses: { '200': jsonResponse('A verdict per scan and what is still to pick', 'PickCheckResult'), '400': problemResponse('Invalid body or order id'), ...staffRefusals, '404': problemResponse('Nothing allocated to this order') },
      },
    },
  };
}
