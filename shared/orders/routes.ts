import { z } from 'zod';
import { groupList, tableConfig } from '../platform/config.js';
import { jsonBody, jsonOneOfResponse, jsonResponse, pathParameter, problemResponse, idempotencyKeyParameter } from '../platform/openapi/operations.js';
import { declareRoute, type RouteDeclaration } from '../platform/registry.js';
import { STAFF_GROUPS } from '../platform/staff-groups.js';
import {
  CancelRequest,
  ChannelClients,
  ChannelOrderView,
  MergeRequest,
  OrderAccepted,
  OrderId,
  OrderView,
  PlaceOrderRequest,
  ResolutionResult,
} from './schemas/order.js';
import { intakeRouteSettings } from './schemas/intake-settings.js';

/**
 * Sales channels post and read their orders; order-desk staff key in orders
 * taken by phone or fax (as the portal channel), read any order and resolve
 * possible duplicates. The order desk's group reaches place-order and
 * resolve-duplicate through ORDER_DESK_GROUP (shared/platform/http/caller.ts,
 * the same STAFF_GROUPS entry), get-order through its STAFF_GROUPS setting.
 */
export const placeOrderRoute = declareRoute({
  id: 'PlaceOrder',
  handler: 'orders/place-order',
  purpose: 'Takes an order from the portal channel (or order-desk staff for it), holds possible duplicates and starts the order workflow',
  settings: intakeRouteSettings,
  grants: [
    // Idempotency records (Powertools) live in the same table: put, read, update, delete.
    // BatchGetItem: the lines' products and, for an unknown GTIN, the ones it was likely meant to be.
    {
      kind: 'table',
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
    },
    { kind: 'orderWorkflow', actions: ['states:StartExecution'] },
  ],
  auth: 'channel',
  channels: ['portal'],
  groups: [STAFF_GROUPS.orderDesk],
  routes: [
    {
      method: 'POST',
      path: '/v1/orders',
      operation: {
        operationId: 'placeOrder',
        summary: 'Place an order (portal channel)',
        parameters: [idempotencyKeyParameter('Same key + same body returns the first answer; same key + other body is 422.')],
        requestBody: jsonBody(PlaceOrderRequest),
        responses: {
          '202': jsonResponse(
            'Accepted: status RECEIVED (the workflow has started; non-blocking conflicts listed in intakeConflicts), or POSSIBLE_DUPLICATE (held without a workflow: same customer, ship-to and GTIN quantities as an open order of the window under another PO; possibleDuplicate and the merge/keep/cancel links say what to do)',
            OrderAccepted,
          ),
          '400': problemResponse('Invalid body or missing Idempotency-Key; nothing was written'),
          '403': problemResponse('The caller is not the portal channel'),
          '409': problemResponse('The customer PO was already ordered (the body names the existing order), or the same key is in flight'),
          '422': problemResponse(
            'Blocking intake conflicts, listed per line in `conflicts` (IntakeConflict, each with a suggestion); nothing was written. Or: Idempotency-Key reused with a different body',
          ),
        },
      },
    },
  ],
});

const heldOrderId = pathParameter('orderId', OrderId, 'The held order (status POSSIBLE_DUPLICATE)');
const resolver = 'The channel that sent the order, or order-desk staff. Idempotent: repeating it answers the first result.';
const resolved = (description: string) => jsonResponse(description, ResolutionResult);
const resolutionRefusals = {
  '403': problemResponse('Neither a channel nor order-desk staff'),
  '404': problemResponse('No such order for this caller'),
};

/** Merge, keep or cancel an order held as a possible duplicate: one function, the action is the last path segment. */
export const resolveDuplicateRoute = declareRoute({
  id: 'ResolveDuplicate',
  handler: 'orders/resolve-duplicate',
  purpose: 'Merges, keeps or cancels an order held as a possible duplicate',
  settings: tableConfig.extend({ STATE_MACHINE_ARN: z.string().min(1), CHANNEL_CLIENTS: ChannelClients }),
  grants: [
    // Query: the price data a merge re-prices with; StartExecution: a kept order's workflow.
    { kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'] },
    { kind: 'orderWorkflow', actions: ['states:StartExecution'] },
  ],
  auth: 'channel-or-staff',
  groups: [STAFF_GROUPS.orderDesk],
  routes: [
    {
      method: 'POST',
      path: '/v1/orders/{orderId}/merge',
      operation: {
        operationId: 'mergeHeldOrder',
        summary: `Merge the held order into an earlier open order of the same customer: lines combined (same GTIN and unit: quantities added), re-priced, both POs kept, held order MERGED. ${resolver}`,
        parameters: [heldOrderId],
        requestBody: jsonBody(MergeRequest),
        responses: {
          '200': resolved('Merged'),
          '400': problemResponse('Invalid body, or not an order id'),
          ...resolutionRefusals,
          '409': problemResponse(
            'The held order is not held, or the target cannot take the merge (allocated or later, approved, being credit-checked, closed), with the reason',
          ),
          '422': problemResponse('The target does not exist, is the same order, or is of another customer'),
        },
      },
    },
    {
      method: 'POST',
      path: '/v1/orders/{orderId}/keep',
      operation: {
        operationId: 'keepHeldOrder',
        summary: `Keep the held order as a separate order: RECEIVED, and its workflow starts. ${resolver}`,
        parameters: [heldOrderId],
        responses: {
          '200': resolved('Kept'),
          '400': problemResponse('Not an order id'),
          ...resolutionRefusals,
          '409': problemResponse('The order is not held'),
        },
      },
    },
    {
      method: 'POST',
      path: '/v1/orders/{orderId}/cancel',
      operation: {
        operationId: 'cancelHeldOrder',
        summary: `Cancel the held order, with a reason. ${resolver}`,
        parameters: [heldOrderId],
        requestBody: jsonBody(CancelRequest),
        responses: {
          '200': resolved('Cancelled'),
          '400': problemResponse('Invalid body (a reason is required), or not an order id'),
          ...resolutionRefusals,
          '409': problemResponse('The order is not held'),
        },
      },
    },
  ],
});

/** A partner's client reads its own orders in the channel view; order-desk staff read any order in full. */
export const getOrderRoute = declareRoute({
  id: 'GetOrder',
  handler: 'orders/get-order',
  purpose: 'An order for the partner that sent it (channel view) or order-desk staff (full view with approvals, signatures and archive)',
  settings: tableConfig.extend({ CHANNEL_CLIENTS: ChannelClients, STAFF_GROUPS: groupList }),
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'channel-or-staff',
  groups: [STAFF_GROUPS.orderDesk],
  routes: [
    {
      method: 'GET',
      path: '/v1/orders/{orderId}',
      operation: {
        operationId: 'getOrder',
        summary: 'An order: staff read it in full (Order); the partner that sent it reads its channel view (ChannelOrder)',
        parameters: [pathParameter('orderId', OrderId)],
        responses: {
          '200': jsonOneOfResponse(
            'The order. Staff tokens get Order: approvals, signatures, archive reference and the timeline with who and why. A partner’s channel token gets ChannelOrder: status, lines, prices, shipments, invoice and the customer-facing timeline, nothing of the distributor’s internal reasoning',
            [OrderView, ChannelOrderView],
          ),
          '400': problemResponse('Not an order id'),
          '404': problemResponse('No such order for this caller'),
        },
      },
    },
  ],
});

/**
 * A caller that got an error for its POST /v1/orders (a 5xx, a dropped connection) finds the order it may have
 * written by the Idempotency-Key it sent, without the body: only its own (same channel and principal: its partner's client, or the user).
 */
export const findOrderByKeyRoute = declareRoute({
  id: 'FindOrderByKey',
  handler: 'orders/find-order-by-key',
  purpose: 'The order a caller’s POST /v1/orders wrote under its Idempotency-Key, for a caller that got an error',
  settings: tableConfig.extend({ CHANNEL_CLIENTS: ChannelClients, STAFF_GROUPS: groupList }),
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'channel',
  channels: ['portal'],
  groups: [STAFF_GROUPS.orderDesk],
  routes: [
    {
      method: 'GET',
      path: '/v1/orders',
      operation: {
        operationId: 'findOrderByIdempotencyKey',
        summary: 'The order this caller placed under an Idempotency-Key',
        parameters: [
          {
            name: 'idempotencyKey',
            in: 'query',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 128 },
            description: 'The Idempotency-Key the caller sent with POST /v1/orders',
          },
        ],
        responses: {
          '200': jsonOneOfResponse('The order written under the key: staff read Order, the partner that placed it ChannelOrder', [OrderView, ChannelOrderView]),
          '400': problemResponse('idempotencyKey missing or longer than 128 characters'),
          '403': problemResponse('The caller places no orders through this route (not a portal partner or the order desk)'),
          '404': problemResponse('This caller wrote no order under the key (nothing was written: send the request again)'),
        },
      },
    },
  ],
});

export const ordersRoutes: readonly RouteDeclaration[] = [placeOrderRoute, resolveDuplicateRoute, getOrderRoute, findOrderByKeyRoute];
