import { describe, expect, it } from 'vitest';
import { boundedReport, MAX_REPORT_BYTES } from '../../../shared/compliance/domain/report-size.js';
import type { ComplianceReport, ReportedAuditEvent } from '../../../shared/compliance/schemas/audit.js';

const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
const hash = 'a'.repeat(64);

/** An audit event of about 1.5 KB (an order image in `after`), at second `i` of the day. */
const eventAt = (i: number): ReportedAuditEvent => ({
  chain: 'ORDER#ORD-1',
  seq: i + 1,
  eventId: `E-${i}`,
  at: new Date(Date.UTC(2026, 10, 25) + i * 1000).toISOString(),
  action: 'MODIFY',
  entityType: 'Order',
  entityKey: 'ORDER#ORD-1|ORDER',
  actor: 'system:workflow',
  after: { note: 'x'.repeat(1_300) },
  refs: { orderId: 'ORD-1', customerId: 'CUST-ACME' },
  sourceId: `S-${i}`,
  prevHash: hash,
  hash,
  source: 'live',
});

const reportOf = (events: number, truncated = false): ComplianceReport => ({
  query: { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' },
  generatedAt: '2026-11-26T08:00:00.000Z',
  generatedBy: 'user:compliance1',
  orders: [{ orderId: 'ORD-1', source: 'live' }],
  shipments: [],
  approvals: [],
  signatures: [],
  auditEvents: Array.from({ length: events }, (_, i) => eventAt(i)),
  truncated,
});

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('given a compliance answer', () => {
  it('when 5,000 events of 1.5 KB matched (over 7 MB as JSON), then the answer stays under the budget and Lambda’s 6 MB limit, says truncated, and names where to continue', () => {
    const full = reportOf(5_000);
    expect(bytes(full)).toBeGreaterThan(LAMBDA_RESPONSE_LIMIT);
    const answer = boundedReport(full);
    expect(bytes(answer)).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    expect(MAX_REPORT_BYTES).toBeLessThan(LAMBDA_RESPONSE_LIMIT);
    expect(answer.truncated).toBe(true);
    const kept = answer.auditEvents.length;
    expect(kept).toBeGreaterThan(1_000);
    expect(answer.auditEvents).toEqual(full.auditEvents.slice(0, kept));
    // The continuation is the time of the first event left out: the same query from there gives the rest.
    expect(answer.continueFrom).toBe(full.auditEvents[kept]!.at);
    expect(answer.orders).toEqual(full.orders);
  });

  it('when the answer fits, then it is given whole, without a continuation', () => {
    const small = reportOf(100);
    expect(boundedReport(small)).toEqual(small);
  });

  it('when it fits but was already cut at the event cap, then it stays truncated and continues after its last event', () => {
    const capped = reportOf(100, true);
    const answer = boundedReport(capped);
    expect(answer.truncated).toBe(true);
    expect(answer.auditEvents).toHaveLength(100);
    expect(answer.continueFrom).toBe(capped.auditEvents[99]!.at);
  });
});
