import { apiHandler, type ApiEvent } from '../../shared/http/middleware.js';
import { ApprovalIdParam } from '../../shared/schemas/approval.js';
import { renderApprovalPage } from '../../shared/services/approval-page.js';


const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
};

async function showApproval(event: ApiEvent) {
  const approvalId = ApprovalIdParam.safeParse(event.pathParameters?.approvalId);
  const rendered = approvalId.success
    ? await renderApprovalPage(approvalId.data)
    : { status: 404, html: '<!doctype html><title>Not found</title><p>This approval link is not valid.</p>' };
  return { statusCode: rendered.status, headers: HTML_HEADERS, body: rendered.html };
}

export const handler = apiHandler(showApproval);
