import { loadConfig } from '../../shared/config.js';
import { complianceConfig, orderIdParam } from '../../shared/http/compliance.js';
import { apiHandler, type ApiEvent } from '../../shared/http/middleware.js';
import { json, problem } from '../../shared/http/problems.js';
import { requireStaff } from '../../shared/http/staff.js';
import { complianceDocuments } from '../../shared/services/compliance/documents.js';

const config = loadConfig(complianceConfig);

async function listDocuments(event: ApiEvent) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const orderId = orderIdParam(event);
  const documents = await complianceDocuments(orderId, config.AUDIT_BUCKET);
  if (!documents) return problem(404, 'Not found', `Order ${orderId} has no archived documents.`);
  return json(200, documents);
}

export const handler = apiHandler(listDocuments);
