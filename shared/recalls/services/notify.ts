import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../../platform/aws/ses.js';
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

export const recallAckPath = (ackId: string) => `/v1/recall-acks/${ackId}`;

/** Runs `task` over `items` with at most `limit` at a time. */
async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function sendLetter(facts: RecallFacts, consignee: ConsigneeEntry, record: RecallConsigneeRecord, settings: NotifySettings): Promise<void> {
  const at = () => new Date().toISOString();
  if (!consignee.contactEmail) {
    await recordLetter(facts.recallId, consignee.customerId, { status: 'FAILED', at: at(), error: 'no contact email in master data: notify by other means' });
    return;
  }
  const link = `${settings.publicApiUrl.replace(/\/$/, '')}${recallAckPath(record.ackId)}`;
  const letter = recallLetter(facts, consignee, link);
  try {
    const sent = await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: settings.senderEmail,
        ConfigurationSetName: settings.configurationSetName,
        Destination: { ToAddresses: [consignee.contactEmail] },
        Content: { Simple: { Subject: { Data: letter.subject }, Body: { Text: { Data: letter.text } } } },
      }),
    );
    await recordLetter(facts.recallId, consignee.customerId, { status: 'SENT', at: at(), ...(sent.MessageId ? { messageId: sent.MessageId } : {}) });
  } catch (error) {
    // A refused address is the consignee's outcome; anything else is technical and the step is retried (sent letters are not resent).
    if (!(error instanceof Error && error.name === 'MessageRejected')) throw error;
    await recordLetter(facts.recallId, consignee.customerId, { status: 'FAILED', at: at(), error: error.message });
  }
}

/**
 * Builds the recall package from the lots' trace records (one partition per
 * lot, paginated; consignees and orders by BatchGet), writes one consignee
 * record per customer with its acknowledgement link, and sends each its
 * letter. Retried, it resends nothing already sent and keeps every link.
 */
export async function notifyRecall(recallId: string, settings: NotifySettings): Promise<{ consignees: number }> {
  const recall = await getRecall(recallId);
  const serials = recall.serials ?? [];
  const tracedLots = [...new Set([...recall.lots, ...serials.map((unit) => unit.lotNumber)])];
  const histories = await Promise.all(tracedLots.map(async (lotNumber) => ({ lotNumber, history: await lotHistory(recall.gtin, lotNumber) })));
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
    findCustomers(shipments.map((s) => s.customerId)),
    orderDocuments(shipments.map((s) => s.orderId)),
    findProducts([recall.gtin]),
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
    const record = await putConsigneeOnce({ ...consignee, recallId, ackId: newRecallAckId(), letterStatus: 'PENDING', changedBy: ACTOR, changeReason: reason });
    if (record.letterStatus === 'PENDING') await sendLetter(facts, consignee, record, settings);
  });

  const stockOnHand = await Promise.all(
    tracedLots.map(async (lotNumber) => {
      const registry = await findLotRegistry(recall.gtin, lotNumber);
      const stock = registry && (await findStockLot(recall.gtin, registry.expiry, lotNumber));
      return { lotNumber, expiry: registry?.expiry ?? '', status: stock?.status ?? 'QUARANTINED', onHand: stock?.onHand ?? 0, reserved: stock?.reserved ?? 0 };
    }),
  );
  await updateRecall(recallId, {
    status: 'NOTIFIED',
    notifiedAt: new Date().toISOString(),
    stockOnHand,
    changedBy: ACTOR,
    changeReason: `${consignees.length} consignee(s) notified for ${reason}`,
  });
  return { consignees: consignees.length };
}
