import { findApproval } from '../data/approval-repository.js';
import { findOrder } from '../data/order-repository.js';
import { describeReason } from './approval-texts.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface HtmlPage {
  status: number;
  html: string;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.4}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
label{display:block;margin-top:.8rem}input,textarea,button{font-size:1rem;width:100%;padding:.5rem;box-sizing:border-box}
.actions{display:flex;gap:.5rem;margin-top:1rem}.note{color:#555;font-size:.9rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The page behind an emailed link. Reading it changes nothing, so mail scanners that prefetch links are harmless. */
export async function renderApprovalPage(approvalId: string, now: Date = new Date()): Promise<HtmlPage> {
  const approval = await findApproval(approvalId);
  const order = approval && (await findOrder(approval.orderId));
  if (!approval || !order) return { status: 404, html: page('Approval not found', '<p>This approval link is not valid.</p>') };
  if (approval.status !== 'PENDING') {
    return {
      status: 200,
      html: page(`Order ${order.orderId}: ${approval.status.toLowerCase()}`, `<p>Decided by ${escapeHtml(approval.decidedBy ?? '')} at ${escapeHtml(approval.decidedAt ?? '')}.</p>`),
    };
  }
  if (new Date(approval.expiresAt) <= now) {
    return { status: 410, html: page('Approval expired', `<p>The approval for order ${escapeHtml(order.orderId)} expired at ${escapeHtml(approval.expiresAt)}.</p>`) };
  }
  const lines = order.lines
    .map((l) => `<tr><td>${l.lineNo}</td><td>${escapeHtml(l.gtin)}</td><td>${l.quantity}</td><td>${escapeHtml(l.unitPrice ?? '')}</td><td>${escapeHtml(l.lineTotal ?? '')}</td></tr>`)
    .join('');
  const reasons = approval.reasons.map((r) => `<li>${escapeHtml(describeReason(r))}</li>`).join('');
  const body = `
<p>Customer <strong>${escapeHtml(order.customerId)}</strong>, PO <strong>${escapeHtml(order.customerPo)}</strong>,
total <strong>${escapeHtml(order.total ?? '')} ${escapeHtml(order.currency ?? '')}</strong>.</p>
<h2>Why approval is needed</h2><ul>${reasons}</ul>
<table><thead><tr><th>#</th><th>GTIN</th><th>Qty</th><th>Unit</th><th>Amount</th></tr></thead><tbody>${lines}</tbody></table>
<form method="post">
<label>Reason for your decision<textarea name="reason" required minlength="3" maxlength="500"></textarea></label>
<label>User name<input name="username" autocomplete="username" required></label>
<label>Password<input name="password" type="password" autocomplete="current-password" required></label>
<p class="note">Signing with your user name and password is your electronic signature (21 CFR Part 11):
it records your name, the time and the meaning of your decision on the order.</p>
<div class="actions"><button name="decision" value="approve">Approve and sign</button>
<button name="decision" value="reject">Reject and sign</button></div>
</form><p class="note">Link valid until ${escapeHtml(approval.expiresAt)}.</p>`;
  return { status: 200, html: page(`Approve order ${order.orderId}`, body) };
}

/** The answer a browser gets after signing: what was recorded, or why nothing was. */
export function renderDecisionPage(status: number, title: string, detail: string): HtmlPage {
  return { status, html: page(title, `<p>${escapeHtml(detail)}</p>`) };
}
