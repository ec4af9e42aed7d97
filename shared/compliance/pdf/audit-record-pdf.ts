import { PDFDocument, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import type { AuditOrder, AuditRecord } from '../domain/audit-document.js';
import { utcDisplay } from '../domain/audit-document.js';
import type { OrderLine } from '../../orders/schemas/order.js';
import { A4, PageFlow, pageLabel, toWinAnsi, wrapText } from '../../platform/pdf/layout.js';

/** The order as the PDF needs it: its lines already parsed (prices, explanations, allocations). */
export type PrintableOrder = Omit<AuditOrder, 'lines'> & { lines: readonly OrderLine[] };

interface Run {
  text: string;
  size: number;
  bold?: boolean;
  indent?: number;
  grey?: boolean;
}

const BODY = 9.5;
const LEADING = 1.35;

/**
 * The human-readable rendering of an archived order record: the same content
 * as the canonical JSON (which stays the record of truth and carries the
 * JSON's SHA-256 on its first page), on A4 pages with every section and the
 * signature manifestations written out. Deterministic: the same record gives
 * the same bytes, so the PDF's hash can be recomputed.
 */
export async function renderAuditRecordPdf(record: AuditRecord<PrintableOrder>, jsonSha256: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const { order } = record;
  const runs = contentOf(record, jsonSha256);

  const flow = new PageFlow(A4);
  const placed: { run: Run; line: string; page: number; y: number }[] = [];
  for (const [index, run] of runs.entries()) {
    const font = run.bold ? bold : regular;
    const indent = run.indent ?? 0;
    const lines = wrapText(toWinAnsi(run.text), flow.contentWidth - indent, (s) => font.widthOfTextAtSize(s, run.size));
    const height = run.size * LEADING;
    if (run.bold && index > 0) flow.space(run.size * 0.6);
    for (const [lineIndex, line] of lines.entries()) {
      // A heading never ends a page alone: it keeps the next line with it.
      const { page, y } = flow.place(height, run.bold && lineIndex === lines.length - 1 ? BODY * LEADING : 0);
      placed.push({ run, line, page, y });
    }
  }

  const pages: PDFPage[] = Array.from({ length: flow.pages }, () => pdf.addPage([A4.width, A4.height]));
  for (const { run, line, page, y } of placed) {
    pages[page]!.drawText(line, {
      x: A4.margin + (run.indent ?? 0),
      y: y - run.size,
      size: run.size,
      font: run.bold ? bold : regular,
      color: run.grey ? rgb(0.35, 0.35, 0.35) : rgb(0, 0, 0),
    });
  }
  const footer = (index: number) =>
    toWinAnsi(`Order ${order.orderId} - audit record archived ${utcDisplay(record.archivedAt)} - ${pageLabel(index, pages.length)}`);
  pages.forEach((page, index) => {
    page.drawText(footer(index), { x: A4.margin, y: A4.margin - 10, size: 7.5, font: regular, color: rgb(0.35, 0.35, 0.35) });
  });

  const at = new Date(record.archivedAt);
  pdf.setTitle(toWinAnsi(`Order audit record ${order.orderId}`));
  pdf.setSubject('Order-to-cash audit record (human-readable rendering of the signed canonical JSON)');
  pdf.setProducer('o2c archive');
  pdf.setCreator('o2c archive');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  return pdf.save({ useObjectStreams: false });
}

/** Every section of the record as text runs, in reading order. */
export function contentOf(record: AuditRecord<PrintableOrder>, jsonSha256: string): Run[] {
  const { order } = record;
  const runs: Run[] = [];
  const heading = (text: string) => runs.push({ text, size: 12, bold: true });
  const text = (value: string, indent = 0, grey = false) => runs.push({ text: value, size: BODY, indent, grey });
  const productName = (gtin: string) => record.products.find((p) => p.gtin === gtin)?.name ?? 'product not in master data';

  runs.push({ text: 'Order audit record', size: 18, bold: true });
  text(`Order ${order.orderId}`);
  text(`Customer: ${record.customer.legalName ?? '(name not on file)'} (${record.customer.customerId})`);
  text(`Customer PO: ${order.customerPo}; channel ${order.channel}; submitted by ${order.submittedBy}`);
  text(`Order total: ${order.total ?? '-'} ${order.currency ?? ''}`.trim());
  text(`Archived: ${utcDisplay(record.archivedAt)}`);
  text(
    `Retained until: ${record.retention.retainUntil} (${record.retention.years} years; ${
      record.retention.governedBy.length > 0 ? `set by ${record.retention.governedBy.join(', ')}` : 'the archive default'
    })`,
  );
  text(`This page is a rendering of the signed canonical JSON record, SHA-256 ${jsonSha256}. The JSON is the record of truth.`, 0, true);

  heading('Lines, prices and how they were set');
  for (const line of order.lines) {
    text(`Line ${line.lineNo}: ${line.gtin} ${productName(line.gtin)}`);
    text(`Quantity ${line.quantity} x ${line.unitPrice ?? '-'} = ${line.lineTotal ?? '-'} ${order.currency ?? ''}`.trim(), 12);
    if (line.listPrice) text(`List price ${line.listPrice}; gross ${line.grossAmount ?? '-'}; discount ${line.discountAmount ?? '0.00'}`, 12);
    if (line.explanation) {
      text(`Price rule: ${line.explanation.chosen}. ${line.explanation.why}`, 12);
      for (const candidate of [...line.explanation.candidates, ...line.explanation.promotions]) {
        text(`- ${candidate.rule} (${candidate.level}${candidate.amount ? ` ${candidate.amount}` : ''}): ${candidate.status}, ${candidate.reason}`, 24, true);
      }
    }
    if (line.priceConflict)
      text(
        `Price conflict: sent ${line.priceConflict.expectedUnitPrice}, computed ${line.priceConflict.computedUnitPrice}. ${line.priceConflict.suggestion}`,
        12,
      );
  }

  heading('Approvals and electronic signatures');
  if (record.signatures.length === 0) text('No approval was required: the order was within every approval threshold.');
  for (const signature of record.signatures) {
    text(signature.manifestation);
    text(`Reason for approval: ${signature.reason}${signature.comment ? `; comment: "${signature.comment}"` : ''}`, 12);
    text(`Signed content: order version ${signature.orderVersion}, SHA-256 ${signature.orderContentHash}`, 12, true);
  }

  heading('Shipped lots and serial numbers');
  if (record.shipped.length === 0) text('Nothing was shipped.');
  for (const unit of record.shipped) {
    text(`Line ${unit.lineNo}: ${unit.gtin} ${unit.productName ?? ''}; lot ${unit.lotNumber}, expiry ${unit.expiry}, quantity ${unit.quantity}`);
    if (unit.serials.length > 0) text(`Serials: ${unit.serials.join(', ')}`, 12);
  }

  heading('Invoice');
  if (!record.invoice) text('No invoice was issued.');
  else {
    const invoice = record.invoice;
    text(`Invoice ${invoice.invoiceNumber}, issued ${invoice.issueDate}, due ${invoice.dueDate}; total ${invoice.total} ${invoice.currency}`);
    for (const line of invoice.lines) text(`Line ${line.lineNo}: ${line.gtin} ${line.quantity} x ${line.unitPrice} = ${line.amount}`, 12);
  }

  heading('Timeline');
  for (const event of record.timeline) text(`${utcDisplay(event.at)}  ${event.status}  ${event.type}  by ${event.actor}`);
  return runs;
}
