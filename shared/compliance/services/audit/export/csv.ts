import type { ComplianceReport } from '../../../schemas/audit.js';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading formula character is defused for spreadsheets. */
export function csvField(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = ['recordType', 'at', 'id', 'actor', 'action', 'entity', 'version', 'reason', 'detail', 'source'] as const;

/**
 * The report as one CSV table: one row per audit event, order, shipment,
 * approval and signature, told apart by `recordType`; nested values are JSON
 * in the `detail` column; `source` says whether it was read live or from the archive.
 */
export function reportCsv(report: ComplianceReport): string {
  const rows: Record<(typeof COLUMNS)[number], unknown>[] = [
    ...report.auditEvents.map((event) => ({
      recordType: 'audit-event',
      at: event.at,
      id: `${event.chain}/${event.seq}`,
      actor: event.actor,
      action: event.action,
      entity: event.entityKey,
      version: event.version,
      reason: event.reason,
      detail: { eventId: event.eventId, changes: event.changes, before: event.before, after: event.after, hash: event.hash, prevHash: event.prevHash },
      source: event.source,
    })),
    ...report.orders.map((order) => ({
      recordType: 'order',
      at: order.modified ?? order.created,
      id: order.orderId,
      actor: order.submittedBy,
      action: order.status,
      entity: order.customerId,
      version: order.version,
      reason: order.statusReason,
      detail: order,
      source: order.source,
    })),
    ...report.shipments.map((shipment) => ({
      recordType: 'shipment',
      at: shipment.shippedAt,
      id: shipment.orderId,
      actor: '',
      action: shipment.status ?? 'SHIPPED',
      entity: shipment.gtin,
      version: '',
      reason: '',
      detail: shipment,
      source: 'live',
    })),
    ...report.approvals.map((approval) => ({
      recordType: 'approval',
      at: '',
      id: approval.orderId,
      actor: approval.role,
      action: approval.reason,
      entity: approval.orderId,
      version: '',
      reason: approval.detail,
      detail: approval,
      source: 'live',
    })),
    ...report.signatures.map((signature) => ({
      recordType: 'signature',
      at: signature.signedAt,
      id: signature.approvalId,
      actor: signature.signerUsername,
      action: signature.meaning,
      entity: signature.orderId,
      version: signature.orderVersion,
      reason: signature.comment,
      detail: signature,
      source: 'live',
    })),
  ];
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => csvField(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
