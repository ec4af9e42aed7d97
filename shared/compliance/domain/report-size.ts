import type { ComplianceReport } from '../schemas/audit.js';

/**
 * The most a compliance answer may weigh as JSON. Lambda returns at most 6 MB
 * (6,291,456 bytes) to API Gateway, headers included; this leaves room for
 * them and for the CSV's quoting.
 */
export const MAX_REPORT_BYTES = 4_500_000;

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * A compliance answer that fits one Lambda response: the audit events are
 * kept in order while they fit, and an answer that leaves events out says
 * `truncated` and `continueFrom`, the time to repeat the query from (`from`
 * is inclusive, so events at that very instant may come twice, none is lost).
 * An answer already cut at the event cap continues from its last event.
 */
export function boundedReport(report: ComplianceReport, maxBytes = MAX_REPORT_BYTES): ComplianceReport {
  const events = report.auditEvents;
  if (sizeOf(report) <= maxBytes) {
    const last = events.at(-1);
    return report.truncated && last ? { ...report, continueFrom: last.at } : report;
  }
  // The answer without events, with room for the continuation and the truncation flag.
  const frame = sizeOf({ ...report, auditEvents: [], truncated: true, continueFrom: events[0]?.at ?? '' });
  let used = frame;
  let kept = 0;
  for (const event of events) {
    const next = sizeOf(event) + (kept > 0 ? 1 : 0);
    if (used + next > maxBytes) break;
    used += next;
    kept += 1;
  }
  if (kept === events.length) return { ...report, truncated: true };
  return { ...report, auditEvents: events.slice(0, kept), truncated: true, continueFrom: events[kept]!.at };
}
