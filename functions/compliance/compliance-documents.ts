import { loadConfig } from '../../shared/platform/config.js';
import { orderIdParam } from '../../shared/compliance/http/compliance.js';
import { complianceDocumentsRoute } from '../../shared/compliance/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { complianceDocuments } from '../../shared/compliance/services/documents.js';

const config = loadConfig(complianceDocumentsRoute.settings);

async function listDocuments(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const orderId = orderIdParam(event);
  const documents = await complianceDocuments(orderId, config.AUDIT_BUCKET);
  if (!documents) return problem(404, 'Not found', `Order ${orderId} has no archived documents.`);
  return json(200, documents);
}

export const handler = apiHandler(listDocuments, complianceDocumentsRoute, config);
