import { loadConfig } from '../../shared/platform/config.js';
import { verifyDocumentRoute } from '../../shared/compliance/routes.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { VerifyRequest } from '../../shared/compliance/schemas/compliance.js';
import { verifyDocument } from '../../shared/compliance/services/verify.js';

const config = loadConfig(verifyDocumentRoute.settings);

async function verify(event: ParsedApiEvent<VerifyRequest>) {
  requireStaff(event, config.ALLOWED_GROUPS);
  const outcome = await verifyDocument(event.body, { bucket: config.AUDIT_BUCKET, signingKeyId: config.SIGNING_KEY_ID });
  if (outcome.result === 'NOT_FOUND') return problem(404, 'Not found', outcome.detail);
  // A failed check is a finding, not an error: the report says which check failed.
  return json(200, outcome.report);
}

export const handler = apiHandler(verify, verifyDocumentRoute, config).use(zodBody(VerifyRequest));
