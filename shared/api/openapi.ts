import { z } from 'zod';
import { GatewayMessage, ProblemDetails } from '../platform/schemas/common.js';
import { declaredPaths } from './declared-paths.js';
import { ROUTES_BY_CONTEXT } from './registry.js';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate
 * requests, so the published contract cannot drift from the code.
 */
const CONTEXT_DESCRIPTIONS: Record<keyof typeof ROUTES_BY_CONTEXT, string> = {
  orders: 'Intake from the portal, possible duplicates held and resolved, the order with its timeline',
  approvals: 'Approvals from emailed links, signed as 21 CFR Part 11 electronic signatures; an approver’s pending list',
  'master-data': 'Versioned customers, products, price lists, contracts, promotions, trading partners',
  inventory: 'Receiving into quarantine, quality decisions, stock, lot and serial trace, the packing station and scan-to-ship',
  recalls: 'Recalls by lot or serial: containment, letters, acknowledgements, the recall package, closing',
  compliance: 'The signed archive, legal holds, document verification, the hash-chained audit trail',
  channels: 'EDI X12 (850 in, 997 and 855 out) and batch CSV uploads',
  receivables: 'Invoices and the payments applied to them',
  platform: 'This document, its reference page and the health check',
};

export function openApiDocument() {
  // Every schema given an id with .meta({ id }) is in zod's global registry. The route declarations
  // (ROUTE_DECLARATIONS) load the schemas their operations name; Problem and GatewayMessage are named by id only.
  void ProblemDetails;
  void GatewayMessage;
  const { schemas: generated } = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'input',
    unrepresentable: 'any',
  });
  const schemas = Object.fromEntries(Object.entries(generated).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]));

  return {
    openapi: '3.1.0',
    info: {
      title: 'Medical-device order-to-cash API',
      version: '1.0.0',
      description:
        'Sales channels post orders; each order runs through validation, pricing, credit check, approval, FEFO allocation, shipment, invoicing and a signed write-once archive.',
    },
    components: {
      schemas,
      securitySchemes: {
        channelToken: {
          type: 'oauth2',
          description: 'Each sales channel is its own Cognito app client (client credentials). Staff use user-pool tokens.',
          flows: { clientCredentials: { tokenUrl: '/oauth2/token', scopes: {} } },
        },
        // Staff users sign in with user name and password on the staff app client; their access token carries their groups.
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Access token of a staff user (Cognito USER_PASSWORD_AUTH on the staff client). Groups: warehouse, quality, order-desk, master-data, compliance, accounts-receivable and the approver roles of the approval policy.',
        },
      },
    },
    // One tag per bounded context, in the order of the order's life; every operation carries its context's.
    tags: Object.entries(CONTEXT_DESCRIPTIONS).map(([name, description]) => ({ name, description })),
    // Every path comes from a declared route (shared/<context>/routes.ts).
    paths: declaredPaths(ROUTES_BY_CONTEXT),
  };
}
