import { z } from 'zod';
import { declareRoute, type RouteDeclaration } from './registry.js';

/**
 * The one cdk-nag APIG4 acknowledgement of the routes that need no token:
 * the emailed approval links (shared/approvals/routes.ts) and the public
 * document and health check below.
 */
export const OPEN_BY_DESIGN =
  'Open by design: approval routes are reached from email links and the POST is authorized by the approver’s own signature (user name and password, checked in the handler); the OpenAPI document and health check are public.';

export const openApiRoute = declareRoute({
  id: 'OpenApi',
  handler: 'platform/openapi',
  purpose: 'Serves this API’s OpenAPI 3.1 document',
  settings: z.object({}),
  grants: [],
  memorySize: 256,
  auth: 'public',
  openBecause: OPEN_BY_DESIGN,
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
  openBecause: OPEN_BY_DESIGN,
  routes: [{ method: 'GET', path: '/health', operation: { operationId: 'health', summary: 'Liveness', responses: { '200': { description: 'ok' } } } }],
});

/** The platform context's HTTP routes (see shared/platform/registry.ts). */
export const platformRoutes: readonly RouteDeclaration[] = [openApiRoute, healthRoute];
