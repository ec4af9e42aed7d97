import type { LetterStatus, RecallClass, RecallConsignee, RecallProgress, RecallShipment } from '../schemas/recall.js';

/**
 * What each recall class asks of a consignee (21 CFR 7.3, 7.49): how urgent
 * it is and what to do with the units. The letter and the acknowledgement
 * page say the same thing.
 */
export const CLASS_RULES: Record<RecallClass, { urgency: string; action: string; acknowledgeWithinDays: number }> = {
  I: {
    urgency: 'URGENT: Class I recall. Use of these units may cause serious adverse health consequences or death.',
    action: 'Stop using and stop distributing these units immediately, quarantine them, and return every unit to us.',
    acknowledgeWithinDays: 1,
  },
  II: {
    urgency: 'Class II recall. Use of these units may cause temporary or medically reversible adverse health consequences.',
    action: 'Stop using and stop distributing these units, quarantine them, and return them to us.',
    acknowledgeWithinDays: 5,
  },
  III: {
    urgency: 'Class III recall. Use of these units is not likely to cause adverse health consequences.',
    action: 'Stop distributing these units and return them to us at your next delivery.',
    acknowledgeWithinDays: 10,
  },
};

/** A lot shipment as recorded by the Ship step (trace record under the lot). */
export interface ShippedLot {
  lotNumber: string;
  orderId: string;
  lineNo: number;
  customerId: string;
  quantity: number;
  shippedAt: string;
  serials?: string[];
}

/**
 * The shipments a recall covers: every shipment of a recalled lot, and of
 * the other lots only the shipments that carried recalled serials, counted
 * as those serials alone (the rest of such a lot is not recalled).
 */
export function recalledShipments(shipments: readonly ShippedLot[], scope: { lots: readonly string[]; serials: readonly string[] }): ShippedLot[] {
  const lots = new Set(scope.lots);
  const serials = new Set(scope.serials);
  return shipments.flatMap((shipment) => {
    if (lots.has(shipment.lotNumber)) return [shipment];
    const recalled = (shipment.serials ?? []).filter((serial) => serials.has(serial));
    return recalled.length > 0 ? [{ ...shipment, quantity: recalled.length, serials: recalled }] : [];
  });
}

export interface ConsigneeDirectory {
  customers: ReadonlyMap<string, { legalName: string; contactEmail: string }>;
  /** Where each order went. */
  shipTo: ReadonlyMap<string, NonNullable<RecallConsignee['address']>>;
  invoiceNumbers: ReadonlyMap<string, string>;
  shipmentIdOf: (orderId: string) => string;
}

export type ConsigneeEntry = Omit<RecallConsignee, 'letter' | 'acknowledgement'>;

/**
 * The recall package's consignee list: one entry per customer that received
 * any of the recalled lots, with every shipment (lot, quantity, serials,
 * date, order, shipment and invoice numbers), the quantity per lot and in
 * total, and the address of its latest affected shipment. Sorted by customer
 * id, shipments by date, so the same trace always gives the same package.
 */
export function buildConsignees(shipments: readonly ShippedLot[], directory: ConsigneeDirectory): ConsigneeEntry[] {
  const byCustomer = new Map<string, ShippedLot[]>();
  for (const shipment of shipments) byCustomer.set(shipment.customerId, [...(byCustomer.get(shipment.customerId) ?? []), shipment]);
  return [...byCustomer.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([customerId, received]) => {
      const ordered = [...received].sort((a, b) => a.shippedAt.localeCompare(b.shippedAt) || a.orderId.localeCompare(b.orderId) || a.lineNo - b.lineNo);
      const quantityByLot: Record<string, number> = {};
      for (const shipment of ordered) quantityByLot[shipment.lotNumber] = (quantityByLot[shipment.lotNumber] ?? 0) + shipment.quantity;
      const customer = directory.customers.get(customerId);
      const latest = ordered.at(-1)!;
      const address = directory.shipTo.get(latest.orderId);
      return {
        customerId,
        // A consignee missing from master data is still notified-by-hand material: it stays in the package under its id.
        legalName: customer?.legalName ?? customerId,
        ...(customer ? { contactEmail: customer.contactEmail } : {}),
        ...(address ? { address } : {}),
        quantity: ordered.reduce((sum, shipment) => sum + shipment.quantity, 0),
        quantityByLot,
        shipments: ordered.map((shipment): RecallShipment => {
          const invoiceNumber = directory.invoiceNumbers.get(shipment.orderId);
          return {
            lotNumber: shipment.lotNumber,
            quantity: shipment.quantity,
            ...(shipment.serials?.length ? { serials: shipment.serials } : {}),
            shippedAt: shipment.shippedAt,
            orderId: shipment.orderId,
            shipmentId: directory.shipmentIdOf(shipment.orderId),
            ...(invoiceNumber ? { invoiceNumber } : {}),
          };
        }),
      };
    });
}

export interface RecallFacts {
  recallId: string;
  class: RecallClass;
  reason: string;
  gtin: string;
  productName: string;
}

/** The notification letter to one consignee (21 CFR 7.49): product, lots and serials, quantities, reason, what to do, how to acknowledge. */
export function recallLetter(recall: RecallFacts, consignee: ConsigneeEntry, ackLink: string): { subject: string; text: string } {
  const rule = CLASS_RULES[recall.class];
  const lots = Object.entries(consignee.quantityByLot)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lotNumber, quantity]) => {
      const serials = consignee.shipments.filter((s) => s.lotNumber === lotNumber).flatMap((s) => s.serials ?? []);
      return `  - lot ${lotNumber}: ${quantity} unit(s)${serials.length ? `, serials ${serials.join(', ')}` : ''}`;
    });
  const shipments = consignee.shipments.map(
    (s) =>
      `  - ${s.shippedAt.slice(0, 10)}: ${s.quantity} of lot ${s.lotNumber}, order ${s.orderId}, shipment ${s.shipmentId}${s.invoiceNumber ? `, invoice ${s.invoiceNumber}` : ''}`,
  );
  return {
    subject: `${recall.class === 'I' ? 'URGENT ' : ''}Medical device recall ${recall.recallId} (Class ${recall.class}): ${recall.productName}, for ${consignee.legalName}`,
    text: [
      `To ${consignee.legalName} (${consignee.customerId})`,
      '',
      rule.urgency,
      '',
      `Product: ${recall.productName} (GTIN ${recall.gtin})`,
      'Affected units you received:',
      ...lots,
      'Shipments:',
      ...shipments,
      '',
      `Reason and hazard: ${recall.reason}`,
      '',
      `What to do: ${rule.action} If you passed these units on, notify your own customers.`,
      '',
      `Please acknowledge within ${rule.acknowledgeWithinDays} day(s) and report how many units you still hold: ${ackLink}`,
      'Opening the link changes nothing; you confirm on the page.',
    ].join('\n'),
  };
}

/** Letters the mail service accepted, whatever it reported about them later. */
const ACCEPTED = new Set<LetterStatus>(['SENT', 'DELIVERED', 'BOUNCED', 'COMPLAINED']);

/** Progress of a recall from its consignee records. */
export function recallProgress(consignees: readonly Pick<RecallConsignee, 'quantity' | 'letter' | 'acknowledgement'>[]): RecallProgress {
  return {
    consignees: consignees.length,
    notified: consignees.filter((c) => ACCEPTED.has(c.letter.status)).length,
    notificationFailed: consignees.filter((c) => c.letter.status === 'FAILED').length,
    delivered: consignees.filter((c) => c.letter.status === 'DELIVERED' || c.letter.status === 'COMPLAINED').length,
    bounced: consignees.filter((c) => c.letter.status === 'BOUNCED').length,
    acknowledged: consignees.filter((c) => c.acknowledgement).length,
    unitsShipped: consignees.reduce((sum, c) => sum + c.quantity, 0),
    unitsRecovered: consignees.reduce((sum, c) => sum + (c.acknowledgement?.quantityOnHand ?? 0), 0),
  };
}

/** Recall response time: created to every letter sent and the package archived, in whole milliseconds. */
export function responseTimeMs(createdAt: string, completedAt: string): number {
  return Math.max(0, Date.parse(completedAt) - Date.parse(createdAt));
}

/** What the recall does to a lot, by its status: only released stock can be allocated, so only it needs a hold. */
export function containmentOf(status: string): 'HOLD' | 'ALREADY_HELD' | 'NOT_ALLOCATABLE' {
  if (status === 'RELEASED') return 'HOLD';
  if (status === 'ON_HOLD') return 'ALREADY_HELD';
  return 'NOT_ALLOCATABLE';
}

/** Serials reported on hand must be the consignee's recalled ones, and as many as the units reported. */
export function serialsOnHandProblem(
  form: { quantityOnHand: number; serialsOnHand?: readonly string[] | undefined },
  received: readonly string[],
): string | undefined {
  if (!form.serialsOnHand) return undefined;
  const reported = [...new Set(form.serialsOnHand)];
  const unknown = reported.filter((serial) => !received.includes(serial));
  if (unknown.length > 0) return `serialsOnHand: ${unknown.join(', ')} were not recalled from you`;
  if (reported.length !== form.quantityOnHand)
    return `quantityOnHand: ${form.quantityOnHand} unit(s) reported but ${reported.length} serial(s) ticked; they must match`;
  return undefined;
}

export type AckLinkRefusal = { reason: 'RECALL_CLOSED' } | { reason: 'LINK_EXPIRED'; expiredAt: string };

/**
 * Whether a recall's acknowledgement link still takes an acknowledgement.
 * The link is a bearer credential, so it does not live forever: it is valid
 * for `validDays` after the recall was issued, and never once the recall is
 * closed (a late acknowledgement would change a closed recall's record).
 */
export function ackLinkRefusal(recall: { status: string; createdAt: string }, now: Date, validDays: number): AckLinkRefusal | undefined {
  if (recall.status === 'CLOSED') return { reason: 'RECALL_CLOSED' };
  const expiresAt = new Date(Date.parse(recall.createdAt) + validDays * 86_400_000);
  return now.getTime() >= expiresAt.getTime() ? { reason: 'LINK_EXPIRED', expiredAt: expiresAt.toISOString() } : undefined;
}
