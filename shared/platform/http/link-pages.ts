import { renderDecisionPage } from '../html/page.js';
import type { ApiResult } from './middleware.js';
import { json, problem } from './problems.js';

/**
 * Pages behind emailed links (approvals, recall acknowledgements) carry an
 * opaque bearer id in their URL: never cached, never framed, never sent on
 * as a referrer, never sniffed as another type, never rebased, and no
 * script or outside resource allowed. HSTS keeps the browser on HTTPS for
 * the API's host, where a password is typed (API Gateway answers on HTTPS only).
 */
const LINK_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function linkPage(rendered: { status: number; html: string }): ApiResult {
  return { statusCode: rendered.status, headers: LINK_PAGE_HEADERS, body: rendered.html };
}

/** The page shown for a link whose id is malformed: the same 404 whatever was wrong with it. */
export const invalidLinkPage = (what: string) =>
  linkPage({ status: 404, html: `<!doctype html><title>Not found</title><p>This ${what} link is not valid.</p>` });

/** A browser posting a link page's form gets a page back; API clients get JSON (or a problem). */
export function formAnswer(accept: string | undefined, status: number, title: string, detail: string, body: unknown): ApiResult {
  if (String(accept ?? '').includes('text/html')) return linkPage(renderDecisionPage(status, title, detail));
  return status < 400 ? json(status, body) : problem(status, title, detail);
}
