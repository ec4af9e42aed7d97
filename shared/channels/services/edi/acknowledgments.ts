import { findPoAcknowledgment } from '../../data/edi-repository.js';
import { PoAcknowledgmentView } from '../../schemas/edi.js';

/** An 855 as its partner reads it; only the client that sent the 850 sees it. */
export async function viewPoAcknowledgment(controlNumber: string, principal: string): Promise<PoAcknowledgmentView | undefined> {
  const record = await findPoAcknowledgment(controlNumber);
  if (!record || record.submittedBy !== principal) return undefined;
  const ack = PoAcknowledgmentView.omit({
    replaces: true,
    controlNumber: true,
    orderId: true,
    customerId: true,
    customerPo: true,
    emittedAt: true,
    x12: true,
  }).parse(record.ack);
  return PoAcknowledgmentView.parse({
    ...ack,
    controlNumber,
    orderId: record.orderId,
    customerId: record.customerId,
    customerPo: record.customerPo,
    ...(record.replaces ? { replaces: record.replaces } : {}),
    emittedAt: record.emittedAt,
    x12: record.x12,
  });
}
