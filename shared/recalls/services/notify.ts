import { sendEmail } from '../../platform/aws/mail.js';
import { findLotRegistry, findStockLot, lotHistory } from '../../inventory/data/inventory-repository.js';
import { findProducts } from '../../master-data/data/master-data-repository.js';
import { getRecall, orderDocuments, putConsigneeOnce, recordLetter, updateRecall, type RecallConsigneeRecord } from '../data/recall-repository.js';
import { findCustomers } from '../../inventory/data/trace-repository.js';
import { newRecallAckId } from '../../platform/domain/ids.js';
import { buildConsignees, recallLetter, recalledShipments, type ConsigneeEntry, type RecallFacts, type ShippedLot } from '../domain/recall.js';
import { RecallClass } from '../schemas/recall.js';
import { shipmentIdOf } from '../../inventory/services/ship.js';
import { recallReasonOf } from './contain.js';

const ACTOR = 'system:recall-notify';
/** Letters in flight at once: SES accounts start at 14 messages a second. */
const SEND_CONCURRENCY = 8;

export interface NotifySettings {
  publicApiUrl: string;
  senderEmail: string;
  /** The SES configuration set whose event destination reports deliveries, bounces and complaints. */
  configurationSetName: string;
}

/** What notifying reads and writes: the recall and its trace, master data, the consignee records, and the mail. */
export interface NotifyDeps {
  getRecall: typeof getRecall;
  lotHistory: typeof lotHistory;
  findCustomers: typeof findCustomers;
  orderDocuments: typeof orderDocuments;
  findProducts: typeof findProducts;
  putConsigneeOnce: typeof putConsigneeOnce;
  recordLetter: typeof recordLetter;
  findLotRegistry: typeof findLotRegistry;
  findStockLot: typeof findStockLot;
  updateRecall: typeof updateRecall;
  sendEmail: typeof sendEmail;
}

export const defaultNotifyDeps: NotifyDeps = {
  getRecall,
  lotHistory,
  findCustomers,
  orderDocuments,
  findProducts,
  putConsigneeOnce,
  recordLetter,
  findLotRegistry,
  findStockLot,
  updateRecall,
  sendEmail,
};

export const recallAckPath = (ackId: string) => `/v1/recall-acks/${ackId}`;

/** Runs `task` over `items` with at most `limit` at a time. */
async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function sendLetter(
  facts: RecallFacts,
  consignee: ConsigneeEntry,
  record: RecallConsigneeRecord,
  settings: NotifySettings,
  deps: NotifyDeps,
): Promise<void> {
  const at = () => new Date().toISOString();
  if (!consignee.contactEmail) {
    await deps.recordLetter(facts.recallId, consignee.customerId, {
      status: 'FAILED',
      at: at(),
      error: 'no contact email in master data: notify by other means',
    });
    return;
  }
  const link = `${settings.publicApiUrl.replace(/\/$/, '')}${recallAckPath(record.ackId)}`;
  const letter = recallLetter(facts, consignee, link);
  // A refused address is the consignee's outcome; anything else is technical, thrown, and the step is retried (sent letters are not resent).
  const sent = await deps.sendEmail({
    from: settings.senderEmail,
    to: [consignee.contactEmail],
    subject: letter.subject,
    text: letter.text,
    configurationSet: settings.configurationSetName,
  });
  await deps.recordLetter(
    facts.recallId,
    consignee.customerId,
    sent.result === 'SENT'
      ? { status: 'SENT', at: at(), ...(sent.messageId ? { messageId: sent.messageId } : {}) }
      : { status: 'FAILED', at: at(), error: sent.reason },
  );
}

/**
 * Builds the recall package from the lots' trace records (one partition per
 * lot, paginated; consignees and orders by BatchGet), writes one consignee
 * record per customer with its acknowledgement link, and sends each its
 * letter. Retried, it resends nothing already sent and keeps every link.
 */
export async function notifyRecall(recallId: string, settings: NotifySettings, deps: NotifyDeps = defaultNotifyDeps): Promise<{ consignees: number }> {
  const recall = await deps.getRecall(recallId);
  const serials = recall.serials ?? [];
  const tracedLots = [...new Set([...recall.lots, ...serials.map((unit) => unit.lotNumber)])];
  const histories = await Promise.all(tracedLots.map(async (lotNumber) => ({ lotNumber, history: await deps.lotHistory(recall.gtin, lotNumber) })));
  const traced: ShippedLot[] = histories.flatMap(({ lotNumber, history }) =>
    history.shipments.map(({ orderId, lineNo, customerId, quantity, shippedAt, serials }) => ({
      lotNumber,
      orderId,
      lineNo,
      customerId,
      quantity,
      shippedAt,
      ...(serials?.length ? { serials } : {}),
    })),
  );
  const shipments = recalledShipments(traced, { lots: recall.lots, serials: serials.map((unit) => unit.serial) });
  const [customers, documents, products] = await Promise.all([
    deps.findCustomers(shipments.map((s) => s.customerId)),
    deps.orderDocuments(shipments.map((s) => s.orderId)),
    deps.findProducts([recall.gtin]),
  ]);
  const consignees = buildConsignees(shipments, { customers, shipTo: documents.shipTo, invoiceNumbers: documents.invoiceNumbers, shipmentIdOf });
  const facts: RecallFacts = {
    recallId,
    class: RecallClass.parse(recall.recallClass),
    reason: recall.reason,
    gtin: recall.gtin,
    productName: products.get(recall.gtin)?.name ?? `GTIN ${recall.gtin}`,
  };
  const reason = recallReasonOf(recall);
  await inBatches(consignees, SEND_CONCURRENCY, async (consignee) => {
    const record = await deps.putConsigneeOnce({
      ...consignee,
      recallId,
      ackId: newRecallAckId(),
      letterStatus: 'PENDING',
      changedBy: ACTOR,
      changeReason: reason,
    });
    if (record.letterStatus === 'PENDING') await sendLetter(facts, consignee, record, settings, deps);
  });

  const stockOnHand = await Promise.all(
    tracedLots.map(async (lotNumber) => {
      const registry = await deps.findLotRegistry(recall.gtin, lotNumber);
      const stock = registry && (await deps.findStockLot(recall.gtin, registry.expiry, lotNumber));
      return { lotNumber, expiry: registry?.expiry ?? '', status: stock?.status ?? 'QUARANTINED', onHand: stock?.onHand ?? 0, reserved: stock?.reserved ?? 0 };
    }),
  );
  await deps.updateRecall(recallId, {
    status: 'NOTIFIED',
    notifiedAt: new Date().toISOString(),
    stockOnHand,
    changedBy: ACTOR,
    changeReason: `${consignees.length} consignee(s) notified for ${reason}`,
  });
  return { consignees: consignees.length };
}
