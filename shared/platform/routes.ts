import { z } from 'zod';
import { VIEWER_FILES } from './openapi/reference-page.js';
import { declareRoute, type RouteDeclaration } from './registry.js';

/** Why the API's description may be read without a token: it holds routes and schemas, never data. */
const PUBLIC_DOCUMENT = 'Public by design: the OpenAPI document and its reference page describe routes and schemas only and read no data.';

export const openApiRoute = declareRoute({
  id: 'OpenApi',
  handler: 'platform/openapi',
  purpose: 'Serves this API’s OpenAPI 3.1 document',
  settings: z.object({}),
  grants: [],
  memorySize: 256,
  auth: 'public',
  openBecause: PUBLIC_DOCUMENT,
  routes: [
    {
      method: 'GET',
      path: '/v1/openapi.json',
      operation: { operationId: 'openApi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
    },
  ],
});

export const healthRoute = declareRoute({
  id: 'Health',
  handler: 'platform/health',
  purpose: 'Liveness check',
  settings: z.object({}),
  grants: [],
  memorySize: 256,
  auth: 'public',
  openBecause: 'Public by design: the health check answers a constant and reads no data.',
  // Monitors poll it, and the intake benchmark loads it at 20 connections as its baseline: a larger cap than the
  // other open routes, still its own and still far below the stage's throttle and the account's concurrency.
  throttle: { rateLimit: 50, burstLimit: 100 },
  reservedConcurrency: 20,
  routes: [{ method: 'GET', path: '/health', operation: { operationId: 'health', summary: 'Liveness', responses: { '200': { description: 'ok' } } } }],
});

export const apiReferenceRoute = declareRoute({
  id: 'ApiReference',
  handler: 'platform/api-reference',
  purpose: 'Serves the browsable API reference (Swagger UI) over the OpenAPI document',
  settings: z.object({}),
  grants: [],
  memorySize: 256,
  bundledFiles: VIEWER_FILES.map((file) => `node_modules/swagger-ui-dist/${file}`),
  auth: 'public',
  openBecause: PUBLIC_DOCUMENT,
  routes: [
    {
      method: 'GET',
      path: '/v1/docs',
      operation: {
        operationId: 'apiReference',
        summary: 'The browsable API reference (HTML) for this document',
        responses: { '200': { description: 'HTML page', content: { 'text/html': {} } } },
      },
    },
    {
      method: 'GET',
      path: '/v1/docs/{file}',
      operation: {
        operationId: 'apiReferenceFile',
        summary: 'The reference page’s script and style',
        parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', enum: [...VIEWER_FILES, 'init.js'] } }],
        responses: { '200': { description: 'The file' }, '404': { description: 'No such file' } },
      },
    },
  ],
});

/** The platform context's HTTP routes (see shared/platform/registry.ts). */
export const platformRoutes: readonly RouteDeclaration[] = [openApiRoute, healthRoute, apiReferenceRoute];
