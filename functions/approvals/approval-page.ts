import { invalidLinkPage, linkPage } from '../../shared/platform/http/link-pages.js';
import { approvalPageRoute } from '../../shared/approvals/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { ApprovalIdParam } from '../../shared/approvals/schemas/approval.js';
import { renderApprovalPage } from '../../shared/approvals/services/approval-page.js';

async function showApproval(event: ApiEvent) {
  const approvalId = ApprovalIdParam.safeParse(event.pathParameters?.approvalId);
  return approvalId.success ? linkPage(await renderApprovalPage(approvalId.data)) : invalidLinkPage('approval');
}

export const handler = apiHandler(showApproval, approvalPageRoute);
