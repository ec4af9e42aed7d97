import { loadConfig } from '../../shared/platform/config.js';
import { orderIdParam } from '../../shared/compliance/http/compliance.js';
import { legalHoldRoute } from '../../shared/compliance/routes.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { LegalHoldRequest } from '../../shared/compliance/schemas/compliance.js';
import { changeLegalHold } from '../../shared/compliance/services/legal-hold.js';

const config = loadConfig(legalHoldRoute.settings);

/** PUT places the hold, DELETE lifts it; both say why. */
async function legalHold(event: ParsedApiEvent<LegalHoldRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const orderId = orderIdParam(event);
  const status = event.requestContext.http.method === 'DELETE' ? 'OFF' : 'ON';
  const outcome = await changeLegalHold(orderId, status, { reason: event.body.reason, actor: caller.principal }, config.AUDIT_BUCKET);
  switch (outcome.result) {
    case 'SET':
      return json(200, outcome.hold);
    case 'NOT_FOUND':
      return problem(404, 'Not found', `Order ${orderId} has no archived documents to hold.`);
    case 'CONFLICT':
      return problem(
        409,
        'Legal hold changed',
        `The legal hold of order ${orderId} was changed by someone else just now; nothing was changed. Reload and decide again.`,
      );
  }
}

export const handler = apiHandler(legalHold, legalHoldRoute, config).use(zodBody(LegalHoldRequest));
