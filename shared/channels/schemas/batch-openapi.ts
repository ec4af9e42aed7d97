import { BatchAccepted, BatchReport } from './batch.js';
import { BATCH_COLUMNS, OPTIONAL_COLUMNS } from '../domain/batch/csv-file.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const security = [{ channelToken: [] }];

const columns = BATCH_COLUMNS.map((column) => (OPTIONAL_COLUMNS.has(column) ? `${column} (optional)` : column)).join(', ');

/** /v1/channels/batch: CSV uploads of the batch channel (marketplaces, GPOs). */
export function batchPaths() {
  void [BatchAccepted, BatchReport];
  return {
    '/v1/channels/batch': {
      post: {
        operationId: 'uploadBatch',
        summary: 'Upload a CSV of order lines (batch channel client only)',
        description:
          `UTF-8 CSV with a header row naming the columns (any order): ${columns}. One row per order line; rows are grouped into orders by customerPo ` +
          'and the rows of one PO must agree on customer, ship-to and date. Each order is placed on its own through the same intake as every channel: ' +
          'an order with a bad row is refused (each row named by file line and column) and the others go on. Files of up to 500 rows, 50 orders and 1 MB are ' +
          'processed at once (200 all created, 207 mixed); larger ones (up to 20,000 rows, 10 MB) are accepted (202) and processed in the background.',
        security,
        parameters: [
          { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 128 }, description: 'Same key + same file returns the first answer and creates no second batch; same key + other file is 422.' },
        ],
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: {
          '200': { description: 'Small file: every order created', content: { 'application/json': { schema: ref('BatchReport') } } },
          '207': { description: 'Small file: some orders refused, duplicate or failed (see each order)', content: { 'application/json': { schema: ref('BatchReport') } } },
          '202': { description: 'Large file accepted; follow links.self for progress and the report', content: { 'application/json': { schema: ref('BatchAccepted') } } },
          '400': problemResponse('Not the expected CSV (empty, not UTF-8, binary, unparseable, missing/unknown/duplicate columns, too many rows) or no Idempotency-Key; nothing was created'),
          '401': { description: 'No or invalid bearer token' },
          '403': problemResponse('The caller is not the batch channel client'),
          '409': problemResponse('The same Idempotency-Key is still being processed'),
          '413': problemResponse('More than 10 MB'),
          '415': problemResponse('Not text/csv'),
          '422': problemResponse('Idempotency-Key reused with a different file'),
        },
      },
    },
    '/v1/channels/batch/{batchId}': {
      get: {
        operationId: 'getBatchReport',
        summary: 'Progress and per-order report of an upload (only the client that uploaded it)',
        security,
        parameters: [
          { name: 'batchId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'Accept', in: 'header', required: false, schema: { type: 'string', enum: ['application/json', 'text/csv'] }, description: 'text/csv: only the refused rows (row, customerPo, field, message)' },
        ],
        responses: {
          '200': { description: 'The report so far', content: { 'application/json': { schema: ref('BatchReport') }, 'text/csv': { schema: { type: 'string' } } } },
          '403': problemResponse('Not a channel client token'),
          '404': problemResponse('No such batch for this client'),
        },
      },
    },
  };
}
