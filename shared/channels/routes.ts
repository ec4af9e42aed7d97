import { z } from 'zod';
import { tableConfig } from '../platform/config.js';
import { ChannelClients } from '../platform/http/caller.js';
import { idempotencyKeyParameter, inlineSchema, problemResponse, schemaRef } from '../platform/openapi/operations.js';
import { declareRoute, type RouteDeclaration } from '../platform/registry.js';
import { BATCH_COLUMNS, OPTIONAL_COLUMNS } from './domain/batch/csv-file.js';
import { BatchAccepted, BatchReport } from './schemas/batch.js';
import { AckControlNumberParam, EdiInterchangeResult, PoAcknowledgmentView } from './schemas/edi.js';
import { intakeRouteSettings } from '../orders/schemas/intake-settings.js';

const x12Body = (description: string) => ({ type: 'string', description });
const noToken = { description: 'No or invalid bearer token' };

/**
 * The EDI X12 channel: 850 interchanges in (997 back), 855 acknowledgments
 * out. The edi client only, checked in the handlers.
 */
export const ediX12IntakeRoute = declareRoute({
  id: 'EdiX12Intake',
  handler: 'channels/edi-x12-intake',
  purpose: 'Receives an X12 interchange of 850 purchase orders from the EDI channel, places each as an order and answers with the 997',
  settings: intakeRouteSettings,
  grants: [
    // Master data reads, the EDI record and the control-number counter, the order transaction, idempotency records.
    {
      kind: 'table',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
    },
    { kind: 'orderWorkflow', actions: ['states:StartExecution'] },
  ],
  // The 850s of an interchange become orders one after the other (so a PO repeated inside it is a duplicate of
  // the first, deterministically): give it the HTTP API's whole 30 s integration limit.
  timeoutSeconds: 29,
  auth: 'channel',
  channels: ['edi'],
  routes: [
    {
      method: 'POST',
      path: '/v1/channels/edi/x12',
      operation: {
        operationId: 'receiveX12Interchange',
        summary: 'Send an X12 interchange of 850 purchase orders (EDI channel token); answered with the 997',
        description:
          'ISA..IEA holding one or more functional groups (GS*PO) of 850s; separators are read from the ISA. Each valid 850 becomes an order (channel edi, customerPo = BEG03); a bad transaction set is rejected in the 997 while the others proceed. Sending the same interchange again (same sender and ISA13) creates nothing and returns the same answer.',
        parameters: [
          {
            name: 'Accept',
            in: 'header',
            required: false,
            schema: { type: 'string', enum: ['application/edi-x12', 'application/json'] },
            description: 'application/json for the summary (order ids per transaction set) instead of the 997',
          },
        ],
        requestBody: { required: true, content: { 'application/edi-x12': { schema: x12Body('The X12 interchange, at most 2 MB') } } },
        responses: {
          '200': {
            description: 'At least one order was created (or was already created by this interchange)',
            content: {
              'application/edi-x12': { schema: x12Body('The 997 functional acknowledgment') },
              'application/json': { schema: schemaRef(EdiInterchangeResult) },
            },
          },
          '400': problemResponse('Not an X12 interchange (binary, truncated, ISA/IEA or group counts wrong); nothing was written'),
          '403': problemResponse('The caller is not the EDI channel client'),
          '409': problemResponse(
            'The only 850 repeats a customer PO already ordered (from any channel): orderId and links name that order; functionalAck holds the 997',
          ),
          '413': problemResponse('Larger than 2 MB'),
          '422': problemResponse(
            'Every transaction set was rejected (the 997 with Accept: application/edi-x12), the sender is not a known trading partner, or the ISA13 was reused with other content; nothing was written',
          ),
        },
      },
    },
  ],
});

export const ediX12AckRoute = declareRoute({
  id: 'EdiX12Ack',
  handler: 'channels/edi-x12-ack',
  purpose: 'The 855 purchase order acknowledgment of an EDI order, for the EDI channel client',
  settings: tableConfig.extend({ CHANNEL_CLIENTS: ChannelClients }),
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem'] }],
  memorySize: 256,
  auth: 'channel',
  channels: ['edi'],
  routes: [
    {
      method: 'GET',
      path: '/v1/channels/edi/x12/acks/{controlNumber}',
      operation: {
        operationId: 'getPoAcknowledgment',
        summary: 'The 855 purchase order acknowledgment of an EDI order (EDI channel token; only acknowledgments of its own orders)',
        parameters: [
          {
            name: 'controlNumber',
            in: 'path',
            required: true,
            schema: inlineSchema(AckControlNumberParam),
            description: 'Its interchange control number, given in the intake summary as ackControlNumber',
          },
          { name: 'Accept', in: 'header', required: false, schema: { type: 'string', enum: ['application/edi-x12', 'application/json'] } },
        ],
        responses: {
          '200': {
            description: 'The 855',
            content: { 'application/edi-x12': { schema: x12Body('The 855 interchange') }, 'application/json': { schema: schemaRef(PoAcknowledgmentView) } },
          },
          '400': problemResponse('Not an interchange control number (up to 9 digits)'),
          '403': problemResponse('The caller is not the EDI channel client'),
          '404': problemResponse('No such acknowledgment for this client, or not issued yet (it comes once the order is priced or rejected)'),
        },
      },
    },
  ],
});

/** The EDI routes, built as `new DeclaredRoutes(this, 'Edi', ...)` (the construct id of the former EdiChannelRoutes, so logical ids are unchanged). */
export const ediRoutes = [ediX12IntakeRoute, ediX12AckRoute];

const columns = BATCH_COLUMNS.map((column) => (OPTIONAL_COLUMNS.has(column) ? `${column} (optional)` : column)).join(', ');

/**
 * The batch CSV channel (marketplaces, GPOs): an upload route (small files
 * processed at once, large ones stored in the upload bucket for the
 * BatchProcessor, shared/channels/functions.ts) and the report route. Both
 * are built inside the BatchChannel construct, which owns the bucket and
 * binds its name (UPLOAD_BUCKET) and ARN.
 */
export const batchUploadRoute = declareRoute({
  id: 'BatchUpload',
  handler: 'channels/batch-upload',
  purpose: 'Receives a batch CSV of order lines: small files are placed at once, large ones stored for the batch processor',
  settings: intakeRouteSettings.extend({ UPLOAD_BUCKET: z.string().min(1) }),
  grants: [
    // BatchGetItem: the intake checks read the lines' products (and likely intended GTINs) in one call.
    // Idempotency records (Powertools) live in the same table and are deleted when a request fails.
    {
      kind: 'table',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:Query',
        'dynamodb:DeleteItem',
      ],
    },
    { kind: 'orderWorkflow', actions: ['states:StartExecution'] },
    {
      kind: 'uploadBucket',
      actions: ['s3:PutObject'],
      prefix: 'uploads/*',
      reason: 'Stores uploads only, one object per batch named by its id; cannot read them back.',
    },
  ],
  // Small files are placed while the caller waits; the HTTP API gives up after 30 s.
  timeoutSeconds: 29,
  auth: 'channel',
  channels: ['batch'],
  routes: [
    {
      method: 'POST',
      path: '/v1/channels/batch',
      operation: {
        operationId: 'uploadBatch',
        summary: 'Upload a CSV of order lines (batch channel client only)',
        description:
          `UTF-8 CSV with a header row naming the columns (any order): ${columns}. One row per order line; rows are grouped into orders by customerPo ` +
          'and the rows of one PO must agree on customer, ship-to and date. Each order is placed on its own through the same intake as every channel: ' +
          'an order with a bad row is refused (each row named by file line and column) and the others go on. Files of up to 500 rows, 50 orders and 1 MB are ' +
          'processed at once (200 all created, 207 mixed); larger ones (up to 20,000 rows, 10 MB) are accepted (202) and processed in the background.',
        parameters: [idempotencyKeyParameter('Same key + same file returns the first answer and creates no second batch; same key + other file is 422.')],
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: {
          '200': { description: 'Small file: every order created', content: { 'application/json': { schema: schemaRef(BatchReport) } } },
          '207': {
            description: 'Small file: some orders refused, duplicate or failed (see each order)',
            content: { 'application/json': { schema: schemaRef(BatchReport) } },
          },
          '202': {
            description: 'Large file accepted; follow links.self for progress and the report',
            content: { 'application/json': { schema: schemaRef(BatchAccepted) } },
          },
          '400': problemResponse(
            'Not the expected CSV (empty, not UTF-8, binary, unparseable, missing/unknown/duplicate columns, too many rows) or no Idempotency-Key; nothing was created',
          ),
          '403': problemResponse('The caller is not the batch channel client'),
          '409': problemResponse('The same Idempotency-Key is still being processed'),
          '413': problemResponse('More than 10 MB'),
          '415': problemResponse('Not text/csv'),
          '422': problemResponse('Idempotency-Key reused with a different file'),
        },
      },
    },
  ],
});

export const batchReportRoute = declareRoute({
  id: 'BatchReport',
  handler: 'channels/batch-report',
  purpose: 'Progress and per-order report of a batch upload, for the channel client that uploaded it',
  settings: tableConfig.extend({ CHANNEL_CLIENTS: ChannelClients }),
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'channel',
  channels: ['batch'],
  routes: [
    {
      method: 'GET',
      path: '/v1/channels/batch/{batchId}',
      operation: {
        operationId: 'getBatchReport',
        summary: 'Progress and per-order report of an upload (only the client that uploaded it)',
        parameters: [
          { name: 'batchId', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'Accept',
            in: 'header',
            required: false,
            schema: { type: 'string', enum: ['application/json', 'text/csv'] },
            description: 'text/csv: only the refused rows (row, customerPo, field, message)',
          },
        ],
        responses: {
          '200': {
            description: 'The report so far',
            content: { 'application/json': { schema: schemaRef(BatchReport) }, 'text/csv': { schema: { type: 'string' } } },
          },
          '403': problemResponse('Not a channel client token'),
          '404': problemResponse('No such batch for this client'),
        },
      },
    },
  ],
});

/** The batch channel's routes, built inside the BatchChannel construct (it binds the upload bucket). */
export const batchRoutes = [batchUploadRoute, batchReportRoute];

/** The channels context's HTTP routes (see shared/platform/registry.ts). */
export const channelsRoutes: readonly RouteDeclaration[] = [...ediRoutes, ...batchRoutes];
