import { z } from 'zod';
import { readObject, textOf } from '../../../platform/aws/objects.js';
import type { ChainedAuditEvent } from '../../domain/audit/chain.js';
import { utcDaysBetween } from '../../domain/audit/day-shard.js';
import { mergeSources } from '../../domain/audit/segment.js';
import { chainEvents, eventsByIndex, eventsOfDay, type AuditIndex } from '../../data/audit/audit-repository.js';
import { auditLayout } from '../../data/audit/audit-table.js';
import { segmentsFiledUnder, segmentsOf, type SegmentManifest, type SegmentRefKind } from '../../data/audit/segment-repository.js';
import { signaturesOf } from '../../../approvals/data/approval-repository.js';
import { findOrder } from '../../../orders/data/order-repository.js';
import type { ComplianceQuery, ComplianceReport, ReportedAuditEvent } from '../../schemas/audit.js';
import { traceLot, traceOrder, traceSerial } from '../../../inventory/services/trace.js';
import { readSegment } from './archive/segment-store.js';
import { boundedReport } from '../../domain/report-size.js';

export interface ComplianceQueryDeps {
  readObject: typeof readObject;
}

/** One answer holds at most this many audit events; a wider query is told to narrow its time range. */
export const MAX_EVENTS = 5_000;
/** Orders expanded with their signatures and approvals in one answer. */
const MAX_ORDERS = 100;
/** Archive segments read for one answer; a wider query is told to narrow its time range. */
const MAX_SEGMENTS = 500;
const DAY_MS = 86_400_000;
const BEGINNING = '0000-01-01T00:00:00.000Z';
const END = '9999-12-31T23:59:59.999Z';

type Row = Record<string, unknown>;
const RowSchema = z.record(z.string(), z.unknown());
const ArchiveRecord = z.object({ order: RowSchema });

const within = (query: ComplianceQuery) => (event: ChainedAuditEvent) => (!query.from || event.at >= query.from) && (!query.to || event.at <= query.to);

async function fromIndex(index: AuditIndex, partition: string, query: ComplianceQuery) {
  return eventsByIndex(index, partition, query.from ?? BEGINNING, query.to ?? END, MAX_EVENTS);
}

/** Events at or before this instant may have expired from the audit table (TTL): the archive is read for them. */
const liveHorizon = (now: Date) => new Date(now.getTime() - (auditLayout.liveDays - 1) * DAY_MS).toISOString();

async function eventsOfSegments(bucket: string, manifests: readonly SegmentManifest[]): Promise<{ events: ChainedAuditEvent[]; more: boolean }> {
  const unique = [...new Map(manifests.map((manifest) => [`${manifest.chain}\u0000${manifest.firstSeq}`, manifest])).values()];
  const read = unique.slice(0, MAX_SEGMENTS);
  return { events: (await Promise.all(read.map((manifest) => readSegment(bucket, manifest)))).flat(), more: unique.length > MAX_SEGMENTS };
}

/** The archived events filed under a day, customer or product, when the query reaches back past the live window. */
async function archivedUnder(kind: SegmentRefKind, values: readonly string[], query: ComplianceQuery, bucket: string, now: Date) {
  const from = query.from ?? BEGINNING;
  if (from > liveHorizon(now)) return { events: [], more: false };
  const manifests = (await Promise.all(values.map((value) => segmentsFiledUnder(kind, value, from, query.to ?? END)))).flat();
  return eventsOfSegments(bucket, manifests);
}

/** The archived record of an order no longer (or not yet fully) in the live table: read from the write-once bucket. */
async function archivedOrder(bucket: string, orderId: string, deps: ComplianceQueryDeps): Promise<Row | undefined> {
  const object = await deps.readObject(bucket, `orders/${orderId}/audit-record.json`);
  if (!object) return undefined;
  const record = ArchiveRecord.safeParse(JSON.parse(textOf(object)));
  return record.success ? { ...record.data.order, source: 'archive' } : undefined;
}

interface Collected {
  events: ReportedAuditEvent[];
  truncated: boolean;
  orderIds: Set<string>;
  shipments: Row[];
}

async function collect(query: ComplianceQuery, bucket: string, now: Date): Promise<Collected> {
  const inRange = within(query);
  // A chain's live events start after whatever has expired: the missing first positions are read from its sealed segments.
  const chainOnly = async (chain: string) => {
    const live = await chainEvents(chain);
    const firstLive = Math.min(...live.map((event) => event.seq));
    const archived =
      firstLive > 1
        ? await eventsOfSegments(
            bucket,
            (await segmentsOf(chain)).filter((manifest) => manifest.firstSeq < firstLive),
          )
        : { events: [], more: false };
    const events = mergeSources(live, archived.events).filter(inRange);
    return { events: events.slice(0, MAX_EVENTS), truncated: archived.more || events.length > MAX_EVENTS };
  };
  if (query.orderId) {
    const [found, trace] = await Promise.all([chainOnly(`ORDER#${query.orderId}`), traceOrder(query.orderId)]);
    const shipments = (trace?.lines ?? []).flatMap((line) =>
      line.lots.map((lot) => ({ orderId: query.orderId, lineNo: line.lineNo, gtin: line.gtin, status: line.reservationStatus, ...lot })),
    );
    return { ...found, orderIds: new Set([query.orderId]), shipments };
  }
  if (query.gtin && query.lot) {
    const [found, trace] = await Promise.all([chainOnly(`LOT#${query.gtin}#${query.lot}`), traceLot(query.gtin, query.lot)]);
    // Lots loaded without a registry record have no trace view; their shipments are still on the lot's audit chain.
    const shipments: Row[] = trace
      ? trace.shipments.map((shipment) => ({ gtin: query.gtin, lotNumber: query.lot, ...shipment }))
      : found.events
          .filter((event) => event.action === 'INSERT' && event.entityType === 'LotShipment')
          .map((event) => ({ ...RowSchema.parse(event.after), source: 'audit-trail' }));
    const orderIds = [
      ...(trace?.shipments ?? []).map((s) => s.orderId),
      ...(trace?.openOrders ?? []).map((o) => o.orderId),
      ...found.events.map((event) => event.refs.orderId).filter((id): id is string => Boolean(id)),
    ];
    return { ...found, orderIds: new Set(orderIds), shipments };
  }
  if (query.gtin && query.serial) {
    const [found, trace] = await Promise.all([chainOnly(`SERIAL#${query.gtin}#${query.serial}`), traceSerial(query.gtin, query.serial)]);
    const shipments = trace?.shippedAt
      ? [
          {
            gtin: query.gtin,
            serial: query.serial,
            lotNumber: trace.lotNumber,
            orderId: trace.orderId,
            customerId: trace.customerId,
            shippedAt: trace.shippedAt,
          },
        ]
      : [];
    return { ...found, orderIds: new Set(trace?.orderId ? [trace.orderId] : []), shipments };
  }
  let live: { events: ChainedAuditEvent[]; more: boolean };
  let archived: { events: ChainedAuditEvent[]; more: boolean };
  if (query.customerId) {
    [live, archived] = await Promise.all([fromIndex('ByCustomer', query.customerId, query), archivedUnder('CUSTOMER', [query.customerId], query, bucket, now)]);
    archived.events = archived.events.filter((event) => event.refs.customerId === query.customerId);
  } else if (query.gtin) {
    [live, archived] = await Promise.all([fromIndex('ByProduct', query.gtin, query), archivedUnder('PRODUCT', [query.gtin], query, bucket, now)]);
    archived.events = archived.events.filter((event) => event.refs.gtin === query.gtin);
  } else {
    // A time range alone: every shard of each UTC day of the by-day index (at most 31 days), in parallel per day.
    const days = [...utcDaysBetween(query.from ?? BEGINNING, query.to ?? END)];
    const events: ChainedAuditEvent[] = [];
    let more = false;
    for (const day of days) {
      const page = await eventsOfDay(day, query.from ?? BEGINNING, query.to ?? END, MAX_EVENTS);
      events.push(...page.events);
      more ||= page.more;
      if (events.length >= MAX_EVENTS) break;
    }
    live = { events, more };
    archived = await archivedUnder('DAY', days, query, bucket, now);
  }
  const merged = mergeSources(live.events, archived.events.filter(inRange));
  const found = { events: merged.slice(0, MAX_EVENTS), more: live.more || archived.more || merged.length > MAX_EVENTS };
  const orderIds = new Set(found.events.map((event) => event.refs.orderId).filter((id): id is string => Boolean(id)));
  return { events: found.events, truncated: found.more, orderIds, shipments: [] };
}

/**
 * A compliance query: the audit events about a subject (order, lot, serial,
 * customer, product) or in a time range, and the orders they concern with
 * their approvals and signatures, from the live table and, for orders only
 * in the archive, from the signed archive record. Audit events no longer in
 * the audit table come from the sealed segments; each says its source. The
 * answer fits one Lambda response (boundedReport): a larger one is cut and
 * says where to continue. Read-only.
 */
export async function complianceReport(
  query: ComplianceQuery,
  requestedBy: string,
  archiveBucket: string,
  now = new Date(),
  deps: ComplianceQueryDeps = { readObject },
): Promise<ComplianceReport> {
  const collected = await collect(query, archiveBucket, now);
  const orderIds = [...collected.orderIds].sort().slice(0, MAX_ORDERS);
  const orders = await Promise.all(
    orderIds.map(async (orderId) => {
      const [live, signatures] = await Promise.all([findOrder(orderId), signaturesOf(orderId)]);
      const order: Row | undefined = live ? { ...live, source: 'live' } : await archivedOrder(archiveBucket, orderId, deps);
      return { orderId, order, required: live?.requiredApprovals ?? [], signatures };
    }),
  );
  const approvals = orders.flatMap(({ orderId, required }) => required.map((approval) => ({ orderId, ...approval })));
  return boundedReport({
    query: Object.fromEntries(
      Object.entries(query)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    ),
    generatedAt: now.toISOString(),
    generatedBy: requestedBy,
    orders: orders.flatMap(({ order }) => (order ? [order] : [])),
    shipments: collected.shipments,
    approvals,
    signatures: orders.flatMap(({ signatures }) => signatures.map((signature) => ({ ...signature }))),
    auditEvents: collected.events,
    truncated: collected.truncated || collected.orderIds.size > MAX_ORDERS,
  });
}
