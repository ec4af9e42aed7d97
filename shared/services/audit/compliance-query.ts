import { GetObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { s3Client } from '../../aws/s3.js';
import type { ChainedAuditEvent } from '../../domain/audit/chain.js';
import { chainEvents, eventsByIndex, type AuditIndex } from '../../data/audit/audit-repository.js';
import { signaturesOf } from '../../data/approval-repository.js';
import { findOrder } from '../../data/order-repository.js';
import type { ComplianceQuery, ComplianceReport } from '../../schemas/audit.js';
import { traceLot, traceOrder, traceSerial } from '../trace.js';

/** One answer holds at most this many audit events; a wider query is told to narrow its time range. */
export const MAX_EVENTS = 5_000;
/** Orders expanded with their signatures and approvals in one answer. */
const MAX_ORDERS = 100;
const BEGINNING = '0000-01-01T00:00:00.000Z';
const END = '9999-12-31T23:59:59.999Z';

type Row = Record<string, unknown>;
const RowSchema = z.record(z.string(), z.unknown());
const ArchiveRecord = z.object({ order: RowSchema });

const within = (query: ComplianceQuery) => (event: ChainedAuditEvent) =>
  (!query.from || event.at >= query.from) && (!query.to || event.at <= query.to);

async function fromIndex(index: AuditIndex, partition: string, query: ComplianceQuery) {
  return eventsByIndex(index, partition, query.from ?? BEGINNING, query.to ?? END, MAX_EVENTS);
}

function* utcDays(from: string, to: string): Generator<string> {
  for (let day = Date.parse(from.slice(0, 10)); day <= Date.parse(to); day += 86_400_000) yield new Date(day).toISOString().slice(0, 10);
}

/** The archived record of an order no longer (or not yet fully) in the live table: read from the write-once bucket. */
async function archivedOrder(bucket: string, orderId: string): Promise<Row | undefined> {
  try {
    const object = await s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: `orders/${orderId}/audit-record.json` }));
    const record = ArchiveRecord.safeParse(JSON.parse((await object.Body?.transformToString()) ?? 'null'));
    return record.success ? { ...record.data.order, source: 'archive' } : undefined;
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return undefined;
    throw error;
  }
}

interface Collected {
  events: ChainedAuditEvent[];
  truncated: boolean;
  orderIds: Set<string>;
  shipments: Row[];
}

async function collect(query: ComplianceQuery): Promise<Collected> {
  const inRange = within(query);
  const chainOnly = async (chain: string) => {
    const events = (await chainEvents(chain)).filter(inRange);
    return { events: events.slice(0, MAX_EVENTS), truncated: events.length > MAX_EVENTS };
  };
  if (query.orderId) {
    const [found, trace] = await Promise.all([chainOnly(`ORDER#${query.orderId}`), traceOrder(query.orderId)]);
    const shipments = (trace?.lines ?? []).flatMap((line) => line.lots.map((lot) => ({ orderId: query.orderId, lineNo: line.lineNo, gtin: line.gtin, status: line.reservationStatus, ...lot })));
    return { ...found, orderIds: new Set([query.orderId]), shipments };
  }
  if (query.gtin && query.lot) {
    const [found, trace] = await Promise.all([chainOnly(`LOT#${query.gtin}#${query.lot}`), traceLot(query.gtin, query.lot)]);
    // Lots loaded without a registry record have no trace view; their shipments are still on the lot's audit chain.
    const shipments: Row[] = trace
      ? trace.shipments.map((shipment) => ({ gtin: query.gtin, lotNumber: query.lot, ...shipment }))
      : found.events.filter((event) => event.action === 'INSERT' && event.entityType === 'LotShipment').map((event) => ({ ...RowSchema.parse(event.after), source: 'audit-trail' }));
    const orderIds = [
      ...(trace?.shipments ?? []).map((s) => s.orderId),
      ...(trace?.openOrders ?? []).map((o) => o.orderId),
      ...found.events.map((event) => event.refs.orderId).filter((id): id is string => Boolean(id)),
    ];
    return { ...found, orderIds: new Set(orderIds), shipments };
  }
  if (query.gtin && query.serial) {
    const [found, trace] = await Promise.all([chainOnly(`SERIAL#${query.gtin}#${query.serial}`), traceSerial(query.gtin, query.serial)]);
    const shipments = trace?.shippedAt ? [{ gtin: query.gtin, serial: query.serial, lotNumber: trace.lotNumber, orderId: trace.orderId, customerId: trace.customerId, shippedAt: trace.shippedAt }] : [];
    return { ...found, orderIds: new Set(trace?.orderId ? [trace.orderId] : []), shipments };
  }
  let found: { events: ChainedAuditEvent[]; more: boolean };
  if (query.customerId) found = await fromIndex('ByCustomer', query.customerId, query);
  else if (query.gtin) found = await fromIndex('ByProduct', query.gtin, query);
  else {
    // A time range alone: one Query per UTC day partition of the by-day index (at most 31).
    const events: ChainedAuditEvent[] = [];
    let more = false;
    for (const day of utcDays(query.from ?? BEGINNING, query.to ?? END)) {
      const page = await fromIndex('ByDay', day, query);
      events.push(...page.events);
      more ||= page.more;
      if (events.length >= MAX_EVENTS) break;
    }
    found = { events: events.slice(0, MAX_EVENTS), more: more || events.length > MAX_EVENTS };
  }
  const orderIds = new Set(found.events.map((event) => event.refs.orderId).filter((id): id is string => Boolean(id)));
  return { events: found.events, truncated: found.more, orderIds, shipments: [] };
}

/**
 * A compliance query: the audit events about a subject (order, lot, serial,
 * customer, product) or in a time range, and the orders they concern with
 * their approvals and signatures, from the live table and, for orders only
 * in the archive, from the signed archive record. Read-only.
 */
export async function complianceReport(query: ComplianceQuery, requestedBy: string, archiveBucket: string, now = new Date()): Promise<ComplianceReport> {
  const collected = await collect(query);
  const orderIds = [...collected.orderIds].sort().slice(0, MAX_ORDERS);
  const orders = await Promise.all(
    orderIds.map(async (orderId) => {
      const [live, signatures] = await Promise.all([findOrder(orderId), signaturesOf(orderId)]);
      const order: Row | undefined = live ? { ...live, source: 'live' } : await archivedOrder(archiveBucket, orderId);
      return { orderId, order, required: live?.requiredApprovals ?? [], signatures };
    }),
  );
  const approvals = orders.flatMap(({ orderId, required }) => required.map((approval) => ({ orderId, ...approval })));
  return {
    query: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)])),
    generatedAt: now.toISOString(),
    generatedBy: requestedBy,
    orders: orders.flatMap(({ order }) => (order ? [order] : [])),
    shipments: collected.shipments,
    approvals,
    signatures: orders.flatMap(({ signatures }) => signatures.map((signature) => ({ ...signature }))),
    auditEvents: collected.events,
    truncated: collected.truncated || collected.orderIds.size > MAX_ORDERS,
  };
}
