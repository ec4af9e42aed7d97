import { tableConfig } from '../platform/config.js';
import { ChannelClients } from '../platform/http/caller.js';
import { inlineSchema, jsonResponse, pathParameter, problemResponse, schemaRef } from '../platform/openapi/operations.js';
import { declareRoute, type RouteDeclaration } from '../platform/registry.js';
import {
  MASTER_DATA_GROUP,
  MASTER_KINDS,
  MASTER_SCHEMAS,
  MasterAsOf,
  MasterIfMatch,
  MasterKind,
  MasterRecordIdParam,
  MasterRecordList,
  MasterRecordView,
} from './schemas/master-data.js';

/**
 * /v1/master/...: versioned master data (customers, products, price lists,
 * contracts, promotions, trading partners, product cross-references). Reads
 * and writes are separate functions so the reader cannot write; both check
 * the master-data role in the handler (requireMasterDataRole, with the group
 * named by MASTER_DATA_GROUP: it is not a setting).
 */
const settings = tableConfig.extend({ CHANNEL_CLIENTS: ChannelClients });

/* The same operations for every kind of master data. */
const kind = pathParameter('kind', MasterKind);
const id = pathParameter('id', MasterRecordIdParam);
const noKind = problemResponse('No such kind of master data');
const badId = problemResponse('An id of more than 64 characters');
const body = {
  required: true,
  content: {
    'application/json': { schema: { oneOf: MASTER_KINDS.map((k) => schemaRef(MASTER_SCHEMAS[k])) }, description: 'The schema of the kind in the path' },
  },
};
const record = (description: string) => ({
  description,
  headers: { ETag: { schema: { type: 'string' }, description: 'The version, for If-Match' } },
  content: { 'application/json': { schema: schemaRef(MasterRecordView) } },
});
const list = (description: string) => jsonResponse(description, MasterRecordList);
const role = `Staff user token with the ${MASTER_DATA_GROUP} role`;

export const masterDataReadRoute = declareRoute({
  id: 'MasterDataRead',
  handler: 'master-data/master-data-read',
  purpose: 'Reads master data: the current records of a kind, one record now or as of a time, and its version history',
  settings,
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query'] }],
  auth: 'staff',
  groups: [MASTER_DATA_GROUP],
  routes: [
    {
      method: 'GET',
      path: '/v1/master/{kind}',
      operation: {
        operationId: 'listMasterRecords',
        summary: `Current version of every record of a kind. ${role}.`,
        parameters: [kind],
        responses: { '200': list('Current records, by id'), '403': problemResponse('Not the master-data role'), '404': noKind },
      },
    },
    {
      method: 'GET',
      path: '/v1/master/{kind}/{id}',
      operation: {
        operationId: 'readMasterRecord',
        summary: `The current version, or the version in force at asOf. ${role}.`,
        parameters: [kind, id, { name: 'asOf', in: 'query', required: false, schema: inlineSchema(MasterAsOf) }],
        responses: {
          '200': record('The version'),
          '400': problemResponse('An id of more than 64 characters, or asOf not a UTC instant'),
          '404': problemResponse('No such kind, or no such record (at that time)'),
        },
      },
    },
    {
      method: 'GET',
      path: '/v1/master/{kind}/{id}/history',
      operation: {
        operationId: 'masterRecordHistory',
        summary: `Every version: who, when, what changed, previous version. ${role}.`,
        parameters: [kind, id],
        responses: { '200': list('Versions, oldest first'), '400': badId, '404': problemResponse('No such kind, or no such record') },
      },
    },
  ],
});

export const masterDataWriteRoute = declareRoute({
  id: 'MasterDataWrite',
  handler: 'master-data/master-data-write',
  purpose: 'Writes master data: creates a record (version 1) or writes its next version, conditional on the version read',
  settings,
  // A new version, the current pointer (conditional on the version read) and the profiles others read, in one transaction.
  grants: [{ kind: 'table', actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'] }],
  auth: 'staff',
  groups: [MASTER_DATA_GROUP],
  routes: [
    {
      method: 'POST',
      path: '/v1/master/{kind}',
      operation: {
        operationId: 'createMasterRecord',
        summary: `Create a record (version 1). ${role}.`,
        parameters: [kind],
        requestBody: body,
        responses: {
          '201': record('Created'),
          '400': problemResponse('Invalid record; nothing was written'),
          '403': problemResponse('Not the master-data role'),
          '404': noKind,
          '409': problemResponse('A record with this id exists'),
        },
      },
    },
    {
      method: 'PUT',
      path: '/v1/master/{kind}/{id}',
      operation: {
        operationId: 'updateMasterRecord',
        summary: `Write the next version (the whole record). Unchanged data writes nothing. ${role}.`,
        parameters: [kind, id, { name: 'If-Match', in: 'header', required: true, schema: inlineSchema(MasterIfMatch), description: 'The ETag (version) read' }],
        requestBody: body,
        responses: {
          '200': record('The new (or unchanged) current version'),
          '400': problemResponse(
            'Invalid record, an If-Match that is not a version, an id of more than 64 characters, or the id in the body is not the id in the path',
          ),
          '404': problemResponse('No such kind, or no such record'),
          '409': problemResponse('Stale: the record changed since the version in If-Match; nothing was written'),
          '428': problemResponse('If-Match missing'),
        },
      },
    },
  ],
});

/** The master-data context's HTTP routes (see shared/platform/registry.ts), built as `new DeclaredRoutes(this, 'MasterData', ...)`. */
export const masterDataRoutes: readonly RouteDeclaration[] = [masterDataReadRoute, masterDataWriteRoute];
