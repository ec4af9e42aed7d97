import { findApproval, signaturesOf } from '../data/approval-repository.js';
import { findOrder } from '../../orders/data/order-repository.js';
import { allowedMeanings, MEANING_TEXT } from '../domain/approval-policy.js';
import { orderContentHash } from '../../orders/domain/order-fingerprint.js';
import { ApprovalReason } from '../schemas/approval-policy.js';
import { describeReason } from './approval-texts.js';
import { escapeHtml, page, renderDecisionPage, type HtmlPage } from '../../platform/html/page.js';

/**
 * The page behind an emailed link: the order, why it needs this approval,
 * the signatures it already has, and the signing form. Reading it changes
 * nothing, so mail scanners that prefetch links are harmless.
 */
export async function renderApprovalPage(approvalId: string, now: Date = new Date()): Promise<HtmlPage> {
  const approval = await findApproval(approvalId);
  const order = approval && (await findOrder(approval.orderId));
  if (!approval || !order) return { status: 404, html: page('Approval not found', '<p>This approval link is not valid.</p>') };
  if (approval.status === 'DECIDED') {
    return renderDecisionPage(
      200,
      `Order ${order.orderId}: already decided`,
      `Already decided by ${approval.decidedBy ?? ''} at ${approval.decidedAt ?? ''} (${approval.meaning ?? ''}).`,
    );
  }
  if (approval.status === 'WITHDRAWN') {
    return renderDecisionPage(
      410,
      'Approval no longer needed',
      `This approval for order ${order.orderId} is no longer needed and was withdrawn: ${approval.withdrawnReason ?? 'the order was stopped'}.`,
    );
  }
  if (approval.status !== 'PENDING' || new Date(approval.expiresAt) <= now) {
    return renderDecisionPage(
      410,
      'Approval no longer open',
      `This approval for order ${order.orderId} is ${approval.status === 'PENDING' ? 'expired' : approval.status.toLowerCase()}.`,
    );
  }
  const reason = ApprovalReason.parse(approval.reason);
  const signatures = await signaturesOf(order.orderId);
  const lines = order.lines
    .map(
      (l) =>
        `<tr><td>${l.lineNo}</td><td>${escapeHtml(l.gtin)}</td><td>${l.quantity}</td><td>${escapeHtml(l.unitPrice ?? '')}</td><td>${escapeHtml(l.lineTotal ?? '')}</td></tr>`,
    )
    .join('');
  const signed = signatures
    .map(
      (s) =>
        `<li>${escapeHtml(s.signerName)} (${escapeHtml(s.signerUsername)}), ${escapeHtml(s.signedAt)}: ${escapeHtml(s.meaningText)}${s.comment ? ` — ${escapeHtml(s.comment)}` : ''}</li>`,
    )
    .join('');
  const meanings = allowedMeanings(reason)
    .map((meaning) => `<option value="${meaning}">${escapeHtml(MEANING_TEXT[meaning])}</option>`)
    .join('');
  const body = `
<p>Customer <strong>${escapeHtml(order.customerId)}</strong>, PO <strong>${escapeHtml(order.customerPo)}</strong>${
    order.additionalCustomerPos?.length ? ` (merged with PO ${order.additionalCustomerPos.map(escapeHtml).join(', ')})` : ''
  },
total <strong>${escapeHtml(order.total ?? '')} ${escapeHtml(order.currency ?? '')}</strong>.</p>
<h2>Why your approval is needed</h2>
<p>${escapeHtml(describeReason(reason))}.<br>${escapeHtml(approval.detail)}</p>
<p class="note">Asked of role <strong>${escapeHtml(approval.role)}</strong>${approval.level > 0 ? ` (escalated, level ${approval.level})` : ''}.</p>
<table><thead><tr><th>#</th><th>GTIN</th><th>Qty</th><th>Unit</th><th>Amount</th></tr></thead><tbody>${lines}</tbody></table>
${signed ? `<h2>Signatures so far</h2><ul>${signed}</ul>` : ''}
<form method="post">
<input type="hidden" name="orderContentHash" value="${orderContentHash(order)}">
<label>Meaning of your signature<select name="meaning" required>${meanings}</select></label>
<label>Comment (required to reject or release a credit hold)<textarea name="comment" maxlength="500"></textarea></label>
<label>User name<input name="username" autocomplete="username" required></label>
<label>Password<input name="password" type="password" autocomplete="current-password" required></label>
<p class="note">Signing with your user name and password is your electronic signature (21 CFR Part 11). It records your
name, the time, the meaning you chose and a hash of the order exactly as shown here.</p>
<button type="submit">Sign</button>
</form><p class="note">Link valid until ${escapeHtml(approval.expiresAt)}.</p>`;
  return { status: 200, html: page(`Approve order ${order.orderId}`, body) };
}
