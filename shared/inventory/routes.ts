import { groupList, tableConfig } from '../platform/config.js';
import { jsonBody, jsonResponse, pathParameter, problemResponse, idempotencyKeyParameter } from '../platform/openapi/operations.js';
import { declareRoute, type RouteDeclaration } from '../platform/registry.js';
import { STAFF_GROUPS } from '../platform/staff-groups.js';
import {
  HoldRequest,
  InspectionRequest,
  LotDetail,
  LotId,
  LotNumber,
  LotView,
  ReceiptAccepted,
  ReceiptRequest,
  SerialNumber,
  StockView,
} from './schemas/inventory.js';
import { OrderId } from '../orders/schemas/order.js';
import { Gtin14 } from '../platform/schemas/common.js';
import { PickCheckRequest, PickCheckResult, PickTaskView, PickWorkList, ShipmentAccepted, ShipmentRequest } from './schemas/shipment.js';
import { LotTrace, OrderTrace, SerialTrace } from './schemas/trace.js';

/**
 * Who may do what, by user-pool group: the warehouse receives, the quality
 * unit releases, rejects and holds, and staff who answer customers read.
 * Every inventory route takes staff user tokens only (requireStaff refuses
 * channel tokens): inventory and quality decisions are made by named people.
 */
const INVENTORY_ACCESS = {
  receive: [STAFF_GROUPS.warehouse],
  quality: [STAFF_GROUPS.quality],
  read: [STAFF_GROUPS.warehouse, STAFF_GROUPS.quality, STAFF_GROUPS.orderDesk],
  trace: [STAFF_GROUPS.quality, STAFF_GROUPS.orderDesk],
} as const;

/** Scan-to-ship is the warehouse's: named staff users, never channel tokens. */
const WAREHOUSE_ACCESS = [STAFF_GROUPS.warehouse] as const;

const staffSettings = tableConfig.extend({ ALLOWED_GROUPS: groupList });

const lotIdParameter = pathParameter('lotId', LotId, 'The lot: its 14-digit GTIN, a hyphen and its lot number, URL-encoded, e.g. 05012345678900-SY2611A');
const gtinParameter = pathParameter('gtin', Gtin14);
const orderIdParameter = pathParameter('orderId', OrderId);
const inventoryRefusals = {
  '403': problemResponse('Not a staff user token, or the user is in none of the groups allowed on this route'),
};
const warehouseRefusals = {
  '403': problemResponse('Not a staff user token (channel tokens are refused), or the user is not in the warehouse group'),
};

export const receiveGoodsRoute = declareRoute({
  id: 'ReceiveGoods',
  handler: 'inventory/receive-goods',
  purpose: 'Receives goods into quarantine from scanned GS1 labels or typed label data',
  settings: staffSettings,
  // One transaction: delivery claim, lot counters, lot registry, receipt, event, serials; products by BatchGet.
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] }],
  auth: 'staff',
  groups: INVENTORY_ACCESS.receive,
  routes: [
    {
      method: 'POST',
      path: '/v1/inventory/receipts',
      operation: {
        operationId: 'receiveGoods',
        summary: 'Receive goods into quarantine, by scanned GS1 labels or typed label data (group warehouse)',
        requestBody: jsonBody(ReceiptRequest),
        responses: {
          '201': jsonResponse('Received; every lot is QUARANTINED until inspected', ReceiptAccepted),
          '400': problemResponse('Invalid body; nothing was written'),
          ...inventoryRefusals,
          '409': problemResponse(
            'The delivery note was already received, a serial already exists, or a lot was already inspected or has another expiry; nothing was written',
          ),
          '422': problemResponse(
            'A scan could not be read, a product is unknown, lot or expiry missing, expired goods, serials missing or repeated; each line is named',
          ),
        },
      },
    },
  ],
});

export const inspectLotRoute = declareRoute({
  id: 'InspectLot',
  handler: 'inventory/inspect-lot',
  purpose: 'Receiving inspection: PASS releases a quarantined lot, FAIL rejects it',
  settings: staffSettings,
  // Query: the lot's receipts (access pattern 16), so whoever received it cannot release it.
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] }],
  auth: 'staff',
  groups: INVENTORY_ACCESS.quality,
  routes: [
    {
      method: 'POST',
      path: '/v1/inventory/lots/{lotId}/inspection',
      operation: {
        operationId: 'inspectLot',
        summary: 'Receiving inspection: PASS releases a quarantined lot, FAIL rejects it (group quality)',
        parameters: [lotIdParameter],
        requestBody: jsonBody(InspectionRequest),
        responses: {
          '200': jsonResponse('The lot after the decision', LotView),
          '400': problemResponse('Invalid body'),
          '403': problemResponse('Not a staff user token, the user is not in quality, or the user received goods of this lot (another person must release it)'),
          '404': problemResponse('No such lot'),
          '409': problemResponse('The lot is not quarantined, is expired, or changed meanwhile'),
        },
      },
    },
  ],
});

export const holdLotRoute = declareRoute({
  id: 'HoldLot',
  handler: 'inventory/hold-lot',
  purpose: 'Puts a released lot on hold (e.g. a recall) or releases the hold',
  settings: staffSettings,
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] }],
  auth: 'staff',
  groups: INVENTORY_ACCESS.quality,
  routes: [
    {
      method: 'POST',
      path: '/v1/inventory/lots/{lotId}/hold',
      operation: {
        operationId: 'holdLot',
        summary: 'Put a released lot on hold (e.g. recall) or release the hold (group quality)',
        parameters: [lotIdParameter],
        requestBody: jsonBody(HoldRequest),
        responses: {
          '200': jsonResponse('The lot after the decision', LotView),
          '400': problemResponse('Invalid body'),
          ...inventoryRefusals,
          '404': problemResponse('No such lot'),
          '409': problemResponse('The status does not allow it, or changed meanwhile'),
        },
      },
    },
  ],
});

export const getStockRoute = declareRoute({
  id: 'GetStock',
  handler: 'inventory/get-stock',
  purpose: 'Real-time stock of a product per lot, earliest expiry first',
  settings: staffSettings,
  grants: [{ kind: 'table', actions: ['dynamodb:Query'] }],
  auth: 'staff',
  groups: INVENTORY_ACCESS.read,
  routes: [
    {
      method: 'GET',
      path: '/v1/inventory',
      operation: {
        operationId: 'getStock',
        summary: 'Real-time stock of a product per lot, earliest expiry first (groups warehouse, quality, order-desk)',
        parameters: [{ name: 'gtin', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{14}$' } }],
        responses: { '200': jsonResponse('Stock per lot', StockView), '400': problemResponse('Missing or invalid GTIN'), ...inventoryRefusals },
      },
    },
  ],
});

export const getLotRoute = declareRoute({
  id: 'GetLot',
  handler: 'inventory/get-lot',
  purpose: 'A lot with its stock, receipts and audit trail of status changes',
  settings: staffSettings,
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'staff',
  groups: INVENTORY_ACCESS.read,
  routes: [
    {
      method: 'GET',
      path: '/v1/inventory/lots/{lotId}',
      operation: {
        operationId: 'getLot',
        summary: 'A lot with its stock, receipts and audit trail of status changes (groups warehouse, quality, order-desk)',
        parameters: [lotIdParameter],
        responses: { '200': jsonResponse('The lot', LotDetail), ...inventoryRefusals, '404': problemResponse('No such lot') },
      },
    },
  ],
});

/** Traceability (recall) queries: one read-only function behind three routes. */
export const traceRoute = declareRoute({
  id: 'Trace',
  handler: 'inventory/trace',
  purpose: 'Traceability queries for recalls: a lot or serial forwards to customers, an order backwards to lots and suppliers',
  settings: staffSettings,
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] }],
  auth: 'staff',
  groups: INVENTORY_ACCESS.trace,
  routes: [
    {
      method: 'GET',
      path: '/v1/trace/lots/{gtin}/{lot}',
      operation: {
        operationId: 'traceLot',
        summary:
          'Recall view of a lot: every customer that received it with quantities and dates, shipments, suppliers, remaining stock (groups quality, order-desk)',
        parameters: [
          gtinParameter,
          pathParameter('lot', LotNumber),
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
            description: 'Shipments per page (a page also stops at about 4.5 MB, under Lambda’s 6 MB response limit)',
          },
          {
            name: 'nextToken',
            in: 'query',
            required: false,
            schema: { type: 'string', maxLength: 512 },
            description: 'The nextToken of the previous page of the same lot; opaque',
          },
        ],
        responses: {
          '200': jsonResponse('The lot trace: its summary whole, its shipments one page at a time', LotTrace),
          '400': problemResponse('Invalid GTIN, lot, limit or nextToken'),
          ...inventoryRefusals,
          '404': problemResponse('Lot never received'),
        },
      },
    },
    {
      method: 'GET',
      path: '/v1/trace/serials/{gtin}/{serial}',
      operation: {
        operationId: 'traceSerial',
        summary: 'Where one serialized unit came from and where it went (groups quality, order-desk)',
        parameters: [gtinParameter, pathParameter('serial', SerialNumber)],
        responses: {
          '200': jsonResponse('The serial trace', SerialTrace),
          '400': problemResponse('Invalid GTIN or serial'),
          ...inventoryRefusals,
          '404': problemResponse('Serial never received'),
        },
      },
    },
    {
      method: 'GET',
      path: '/v1/trace/orders/{orderId}',
      operation: {
        operationId: 'traceOrder',
        summary: 'An order traced backwards to its lots, serials and suppliers (groups quality, order-desk)',
        parameters: [orderIdParameter],
        responses: {
          '200': jsonResponse('The order trace', OrderTrace),
          '400': problemResponse('Not an order id'),
          ...inventoryRefusals,
          '404': problemResponse('No such order'),
        },
      },
    },
  ],
});

/** Packing station: scans checked against the order's allocation; read-only. */
export const pickCheckRoute = declareRoute({
  id: 'PickCheck',
  handler: 'inventory/pick-check',
  purpose: 'Packing station: checks scanned UDI strings against the order’s allocated lots and serials, read-only',
  settings: staffSettings,
  grants: [{ kind: 'table', actions: ['dynamodb:Query'] }],
  auth: 'staff',
  groups: INVENTORY_ACCESS.receive,
  routes: [
    {
      method: 'POST',
      path: '/v1/orders/{orderId}/pick-check',
      operation: {
        operationId: 'pickCheck',
        summary:
          'Packing station: check scanned UDI strings against the order’s allocated lots and serials; wrong product, wrong lot, expiry mismatch, wrong or repeated serial and over-scan are refused with the reason (group warehouse; read-only)',
        parameters: [orderIdParameter],
        requestBody: jsonBody(PickCheckRequest),
        responses: {
          '200': jsonResponse('A verdict per scan and what is still to pick', PickCheckResult),
          '400': problemResponse('Invalid body or order id'),
          ...inventoryRefusals,
          '404': problemResponse('Nothing allocated to this order'),
        },
      },
    },
  ],
});

/** The packing station's work list of orders to pick, and one order's pick task. */
export const warehousePicksRoute = declareRoute({
  id: 'WarehousePicks',
  handler: 'inventory/warehouse-picks',
  purpose: 'The warehouse work list of orders waiting to be picked, and one order’s pick task',
  settings: staffSettings,
  // Reads only: the work list is the sparse GSI1 partition of pending pick tasks; one order's task is a Query on its partition.
  grants: [{ kind: 'table', actions: ['dynamodb:Query'], indexes: ['GSI1'] }],
  auth: 'staff',
  groups: WAREHOUSE_ACCESS,
  routes: [
    {
      method: 'GET',
      path: '/v1/warehouse/picks',
      operation: {
        operationId: 'pickWorkList',
        summary: 'Orders waiting to be picked (READY_TO_PICK), oldest first, with their allocated lots and serials (group warehouse)',
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The `next` value of the previous page' },
        ],
        responses: { '200': jsonResponse('One page of the work list', PickWorkList), '400': problemResponse('Invalid limit or cursor'), ...warehouseRefusals },
      },
    },
    {
      method: 'GET',
      path: '/v1/warehouse/picks/{orderId}',
      operation: {
        operationId: 'pickTask',
        summary:
          'The current pick task of an order: what to pick, and whether it is pending, confirmed (by whom, when), expired or cancelled (group warehouse)',
        parameters: [orderIdParameter],
        responses: {
          '200': jsonResponse('The pick task', PickTaskView),
          '400': problemResponse('Not an order id'),
          ...warehouseRefusals,
          '404': problemResponse('The order has no pick task'),
        },
      },
    },
  ],
});

/** Scan-to-ship: the confirmation that lets the order workflow, waiting in RequestPick, ship. */
export const confirmShipmentRoute = declareRoute({
  id: 'ConfirmShipment',
  handler: 'inventory/confirm-shipment',
  purpose: 'Scan-to-ship: records a complete scan of the order’s allocated units and lets the order workflow ship them',
  settings: staffSettings,
  grants: [
    // The order and its pick task are read; the confirmation is one transaction (task + event);
    // idempotency records (Powertools) are put, read, updated and deleted in the same table.
    {
      kind: 'table',
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
    },
    // Completes the workflow's RequestPick task with the task token stored on the pick task.
    { kind: 'orderWorkflow', actions: ['states:SendTaskSuccess'] },
  ],
  auth: 'staff',
  groups: WAREHOUSE_ACCESS,
  routes: [
    {
      method: 'POST',
      path: '/v1/shipments',
      operation: {
        operationId: 'confirmShipment',
        summary:
          'Scan-to-ship: the packer’s scanned UDI strings must be exactly the order’s allocated lots and serials; a complete scan is recorded and lets the workflow ship those units (group warehouse; Idempotency-Key)',
        parameters: [idempotencyKeyParameter('Same key + same scans returns the first answer; same key + other scans is 422')],
        requestBody: jsonBody(ShipmentRequest),
        responses: {
          '202': jsonResponse('Confirmed: the workflow ships exactly the scanned units next (the order goes to SHIPPED)', ShipmentAccepted),
          '400': problemResponse('Invalid body or missing Idempotency-Key; nothing was written'),
          ...warehouseRefusals,
          '404': problemResponse('No such order'),
          '409': problemResponse('Already confirmed (by whom, when), not READY_TO_PICK, or the pick was closed (timed out, order closed); nothing was written'),
          '422': problemResponse(
            'A scan was refused (wrong product, wrong lot, expiry mismatch, wrong or repeated serial, over-scan, unreadable) or units are still to scan: `verdicts` and `outstanding` say which; nothing was written',
          ),
        },
      },
    },
  ],
});

/** The inventory routes, built as `new DeclaredRoutes(this, 'Inventory', ...)` (the construct id of the former InventoryRoutes, so logical ids are unchanged). */
export const inventoryApiRoutes = [receiveGoodsRoute, inspectLotRoute, holdLotRoute, getStockRoute, getLotRoute, traceRoute, pickCheckRoute];
/** The packing station's routes, built as `new DeclaredRoutes(this, 'Warehouse', ...)` (the construct id of the former WarehouseRoutes, so logical ids are unchanged). */
export const warehouseRoutes = [warehousePicksRoute, confirmShipmentRoute];

/** The inventory context's HTTP routes (see shared/platform/registry.ts). */
export const inventoryRoutes: readonly RouteDeclaration[] = [...inventoryApiRoutes, ...warehouseRoutes];
