import { findSerial, findStockLot, lotHistory } from '../data/inventory-repository.js';
import { findOrder } from '../../orders/data/order-repository.js';
import { reservationsOf } from '../data/stock-repository.js';
import { findCustomers, receiptsOf, type LotReceiptRecord } from '../data/trace-repository.js';
import type { LotTrace, OrderTrace, SerialTrace } from '../schemas/trace.js';

const supplierOf = ({ supplierId, deliveryNote, receiptId, quantity, receivedAt, receivedBy }: LotReceiptRecord) => ({
  supplierId,
  deliveryNote,
  receiptId,
  quantity,
  receivedAt,
  receivedBy,
});

/**
 * Forward trace of a lot, the recall view: every customer that received it
 * with quantities and dates, every shipment, the suppliers it came from, the
 * open orders still holding its units and the stock still here. One query on the lot's partition (plus the lot's
 * counters and the consignees' master data by key); never a scan.
 */
export async function traceLot(gtin: string, lotNumber: string): Promise<LotTrace | undefined> {
  const history = await lotHistory(gtin, lotNumber);
  if (!history.registry) return undefined;
  const stock = await findStockLot(gtin, history.registry.expiry, lotNumber);
  const shipments = [...history.shipments].sort((a, b) => a.shippedAt.localeCompare(b.shippedAt) || a.orderId.localeCompare(b.orderId));
  const customers = await findCustomers(shipments.map((shipment) => shipment.customerId));
  const consignees = new Map<string, LotTrace['consignees'][number]>();
  for (const shipment of shipments) {
    const consignee = consignees.get(shipment.customerId);
    if (consignee) {
      consignee.quantity += shipment.quantity;
      consignee.lastShippedAt = shipment.shippedAt;
      if (!consignee.orders.includes(shipment.orderId)) consignee.orders.push(shipment.orderId);
      continue;
    }
    const customer = customers.get(shipment.customerId);
    consignees.set(shipment.customerId, {
      customerId: shipment.customerId,
      ...(customer ? { legalName: customer.legalName, contactEmail: customer.contactEmail } : {}),
      quantity: shipment.quantity,
      firstShippedAt: shipment.shippedAt,
      lastShippedAt: shipment.shippedAt,
      orders: [shipment.orderId],
    });
  }
  return {
    gtin,
    lotNumber,
    expiry: history.registry.expiry,
    status: stock?.status ?? 'QUARANTINED',
    remaining: { onHand: stock?.onHand ?? 0, reserved: stock?.reserved ?? 0, available: stock?.status === 'RELEASED' ? stock.available : 0 },
    suppliers: history.receipts.map(supplierOf),
    consignees: [...consignees.values()].sort((a, b) => a.customerId.localeCompare(b.customerId)),
    shipments: shipments.map(({ orderId, lineNo, customerId, quantity, shippedAt, serials }) => ({
      orderId,
      lineNo,
      customerId,
      quantity,
      shippedAt,
      ...(serials?.length ? { serials } : {}),
    })),
    shippedQuantity: shipments.reduce((sum, shipment) => sum + shipment.quantity, 0),
    openOrders: history.reservations
      .filter((reservation) => reservation.status === 'RESERVED')
      .map(({ orderId, lineNo, quantity }) => ({ orderId, lineNo, quantity }))
      .sort((a, b) => a.orderId.localeCompare(b.orderId) || a.lineNo - b.lineNo),
  };
}

/** Where one serialized unit came from and where it went: two reads by key and one small query. */
export async function traceSerial(gtin: string, serial: string): Promise<SerialTrace | undefined> {
  const unit = await findSerial(gtin, serial);
  // A serial claimed by a receipt still being recorded has not been received yet.
  if (!unit || unit.status === 'RECEIVING') return undefined;
  const receipt = (await receiptsOf(gtin, unit.lotNumber)).find((candidate) => candidate.receiptId === unit.receiptId);
  const customer = unit.customerId ? (await findCustomers([unit.customerId])).get(unit.customerId) : undefined;
  return {
    gtin,
    serial,
    lotNumber: unit.lotNumber,
    expiry: unit.expiry,
    status: unit.status,
    ...(receipt ? { supplier: supplierOf(receipt) } : {}),
    ...(unit.orderId ? { orderId: unit.orderId } : {}),
    ...(unit.lineNo !== undefined ? { lineNo: unit.lineNo } : {}),
    ...(unit.customerId ? { customerId: unit.customerId } : {}),
    ...(customer ? { customerName: customer.legalName } : {}),
    ...(unit.shippedAt ? { shippedAt: unit.shippedAt } : {}),
  };
}

/** An order traced backwards: each line's lots and serials, and the suppliers of each lot. */
export async function traceOrder(orderId: string): Promise<OrderTrace | undefined> {
  const order = await findOrder(orderId);
  if (!order) return undefined;
  // A line still claiming its serials holds nothing yet; one being released is as good as released.
  const reservations = (await reservationsOf(orderId)).flatMap((reservation) => {
    const { status } = reservation;
    if (status === 'CLAIMING') return [];
    return [{ ...reservation, status: status === 'RELEASING' ? ('RELEASED' as const) : status }];
  });
  const lotKeys = [...new Set(reservations.flatMap((reservation) => reservation.picks.map((pick) => `${reservation.gtin}\u0000${pick.lotNumber}`)))];
  const suppliers = new Map(
    await Promise.all(
      lotKeys.map(async (key) => {
        const [gtin, lotNumber] = key.split('\u0000') as [string, string];
        return [key, (await receiptsOf(gtin, lotNumber)).map(supplierOf)] as const;
      }),
    ),
  );
  return {
    orderId,
    customerId: order.customerId,
    status: order.status,
    lines: reservations
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((reservation) => ({
        lineNo: reservation.lineNo,
        gtin: reservation.gtin,
        reservationStatus: reservation.status,
        lots: reservation.picks.map((pick) => ({
          lotNumber: pick.lotNumber,
          expiry: pick.expiry,
          quantity: pick.quantity,
          ...(pick.serials?.length ? { serials: pick.serials } : {}),
          suppliers: suppliers.get(`${reservation.gtin}\u0000${pick.lotNumber}`) ?? [],
        })),
      })),
  };
}
