import { findAck, findConsignee, findRecall, recordAcknowledgement } from '../data/recall-repository.js';
import { findProducts } from '../../master-data/data/master-data-repository.js';
import { ackLinkRefusal, CLASS_RULES, serialsOnHandProblem, type AckLinkRefusal } from '../domain/recall.js';
import { RecallClass, type RecallAckForm } from '../schemas/recall.js';
import { escapeHtml, page, renderDecisionPage, type HtmlPage } from '../../platform/html/page.js';

const NOT_FOUND: HtmlPage = { status: 404, html: page('Recall link not valid', '<p>This recall acknowledgement link is not valid.</p>') };

async function resolve(ackId: string) {
  const ack = await findAck(ackId);
  if (!ack) return undefined;
  const [recall, consignee] = await Promise.all([findRecall(ack.recallId), findConsignee(ack.recallId, ack.customerId)]);
  return recall && consignee ? { recall, consignee } : undefined;
}

/** What a consignee is told when a link no longer takes an acknowledgement (410 Gone). */
export function refusalDetail(recallId: string, refusal: AckLinkRefusal): string {
  return refusal.reason === 'RECALL_CLOSED'
    ? `Recall ${recallId} is closed; this link no longer takes an acknowledgement. Please contact the sender of the recall letter.`
    : `This recall link expired at ${refusal.expiredAt}. Please contact the sender of the recall letter.`;
}

/**
 * The page behind the letter's link: the product, the consignee's lots and
 * quantities, the reason, what to do and the acknowledgement form. Reading
 * it changes nothing, so mail scanners that prefetch links are harmless.
 * A link whose recall is closed, or that has expired, shows that (410).
 */
export async function renderAckPage(ackId: string, ackLinkDays: number, now: Date = new Date()): Promise<HtmlPage> {
  const found = await resolve(ackId);
  if (!found) return NOT_FOUND;
  const { recall, consignee } = found;
  const refusal = ackLinkRefusal(recall, now, ackLinkDays);
  if (refusal) return renderDecisionPage(410, `Recall ${recall.recallId}: link no longer valid`, refusalDetail(recall.recallId, refusal));
  if (consignee.acknowledgedAt) {
    return renderDecisionPage(
      200,
      `Recall ${recall.recallId}: acknowledged`,
      `Acknowledged by ${consignee.ackContactName ?? ''} at ${consignee.acknowledgedAt}, ${consignee.ackQuantityOnHand ?? 0} unit(s) on hand reported. Thank you.`,
    );
  }
  const rule = CLASS_RULES[RecallClass.parse(recall.recallClass)];
  const product = (await findProducts([recall.gtin])).get(recall.gtin);
  const rows = Object.entries(consignee.quantityByLot)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lot, quantity]) => `<tr><td>${escapeHtml(lot)}</td><td>${quantity}</td></tr>`)
    .join('');
  const serials = consignee.shipments.flatMap((shipment) => shipment.serials ?? []).sort();
  const serialBoxes = serials.length
    ? `<fieldset><legend>Recalled serials you still hold</legend>${serials
        .map((serial) => `<label><input type="checkbox" name="serialsOnHand" value="${escapeHtml(serial)}"> ${escapeHtml(serial)}</label>`)
        .join('')}</fieldset>`
    : '';
  const body = `
<p><strong>${escapeHtml(rule.urgency)}</strong></p>
<p>For <strong>${escapeHtml(consignee.legalName)}</strong> (${escapeHtml(consignee.customerId)}).</p>
<p>Product: <strong>${escapeHtml(product?.name ?? recall.gtin)}</strong>, GTIN ${escapeHtml(recall.gtin)}</p>
<table><thead><tr><th>Lot</th><th>Units you received</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Reason</h2><p>${escapeHtml(recall.reason)}</p>
<h2>What to do</h2><p>${escapeHtml(rule.action)}</p>
<form method="post">
${serialBoxes}<label>Units of these lots you still hold<input name="quantityOnHand" type="number" min="0" step="1" inputmode="numeric" required></label>
<label>Your name<input name="contactName" autocomplete="name" required maxlength="200"></label>
<label>Comment (optional)<textarea name="comment" maxlength="1000"></textarea></label>
<button type="submit">Confirm receipt of this notice</button>
</form>`;
  return { status: 200, html: page(`Recall ${recall.recallId}`, body) };
}

export type AckOutcome =
  | { result: 'ACKNOWLEDGED'; recallId: string; customerId: string; acknowledgedAt: string; quantityOnHand: number }
  | { result: 'NOT_FOUND' }
  | { result: 'GONE'; recallId: string; refusal: AckLinkRefusal }
  | { result: 'INVALID'; detail: string }
  | { result: 'ALREADY_ACKNOWLEDGED'; acknowledgedAt: string };

export interface AckSettings {
  /** Days after the recall was issued that its links take acknowledgements. */
  ackLinkDays: number;
}

/**
 * Records a consignee's acknowledgement once (a second post is refused, the
 * first stands). A closed recall, or an expired link, takes none (GONE):
 * nothing is written. The public link signs nothing: the recorded
 * acknowledgement is the outbox entry from which the recall archiver (a
 * function no link reaches, the only one of the two holding the signing key)
 * archives the package again (archiveAfterAcknowledgement).
 */
export async function acknowledgeRecall(ackId: string, form: RecallAckForm, settings: AckSettings, now: Date = new Date()): Promise<AckOutcome> {
  const found = await resolve(ackId);
  if (!found) return { result: 'NOT_FOUND' };
  const { recall, consignee } = found;
  const refusal = ackLinkRefusal(recall, now, settings.ackLinkDays);
  if (refusal) return { result: 'GONE', recallId: recall.recallId, refusal };
  const serialProblem = serialsOnHandProblem(
    form,
    consignee.shipments.flatMap((shipment) => shipment.serials ?? []),
  );
  if (serialProblem) return { result: 'INVALID', detail: serialProblem };
  const at = now.toISOString();
  const recorded = await recordAcknowledgement(recall.recallId, consignee.customerId, {
    at,
    contactName: form.contactName,
    quantityOnHand: form.quantityOnHand,
    ...(form.serialsOnHand ? { serialsOnHand: [...new Set(form.serialsOnHand)].sort() } : {}),
    ...(form.comment ? { comment: form.comment } : {}),
  });
  if (!recorded) {
    const current = await findConsignee(recall.recallId, consignee.customerId);
    return { result: 'ALREADY_ACKNOWLEDGED', acknowledgedAt: current?.acknowledgedAt ?? '' };
  }
  return { result: 'ACKNOWLEDGED', recallId: recall.recallId, customerId: consignee.customerId, acknowledgedAt: at, quantityOnHand: form.quantityOnHand };
}
