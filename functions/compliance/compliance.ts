import { loadConfig } from '../../shared/platform/config.js';
import { complianceQueryRoute } from '../../shared/compliance/routes.js';
import { apiHandler, parseBody, type ApiEvent, type ApiResult } from '../../shared/platform/http/middleware.js';
import { json, validationProblem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { ComplianceQuery, VerifyChainRequest } from '../../shared/compliance/schemas/audit.js';
import { logAccess } from '../../shared/compliance/services/audit/access-log.js';
import { complianceReport } from '../../shared/compliance/services/audit/compliance-query.js';
import { reportCsv } from '../../shared/compliance/services/audit/export/csv.js';
import { reportPdf } from '../../shared/compliance/services/audit/export/pdf.js';
import { verifyChain } from '../../shared/compliance/services/audit/verify-chain.js';

const config = loadConfig(complianceQueryRoute.settings);

/** Compliance reads: every answer is logged, as an audit event, before it is given. */
async function compliance(event: ApiEvent): Promise<ApiResult> {
  const { principal } = requireStaff(event, config.ALLOWED_GROUPS);
  const at = new Date();
  const requestId = event.requestContext.requestId;

  if (event.routeKey.startsWith('POST /v1/compliance/verify-chain')) {
    const body = VerifyChainRequest.safeParse(parseBody(event));
    if (!body.success) return validationProblem(body.error);
    const chain = body.data.chain ?? `ORDER#${body.data.orderId}`;
    const result = await verifyChain(chain, config.AUDIT_BUCKET);
    await logAccess({
      actor: principal,
      route: event.routeKey,
      filters: { chain },
      result: { intact: result.intact, checkedEvents: result.checkedEvents },
      requestId,
      at: at.toISOString(),
    });
    return json(200, result);
  }

  const query = ComplianceQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) return validationProblem(query.error);
  const report = await complianceReport(query.data, principal, config.AUDIT_BUCKET, at);
  await logAccess({
    actor: principal,
    route: event.routeKey,
    filters: report.query,
    result: {
      orders: report.orders.length,
      shipments: report.shipments.length,
      approvals: report.approvals.length,
      signatures: report.signatures.length,
      auditEvents: report.auditEvents.length,
    },
    requestId,
    at: at.toISOString(),
  });
  const filename = `compliance-${at.toISOString().replace(/[:.]/g, '')}`;
  if (query.data.format === 'csv') {
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}.csv"`, 'cache-control': 'no-store' },
      body: reportCsv(report),
    };
  }
  if (query.data.format === 'pdf') {
    const pdf = await reportPdf(report);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}.pdf"`, 'cache-control': 'no-store' },
      body: Buffer.from(pdf).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return json(200, report);
}

export const handler = apiHandler(compliance, complianceQueryRoute, config);
