import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ComplianceReport } from '../../../schemas/audit.js';

const PAGE = { width: 595.28, height: 841.89, margin: 40 }; // A4 in points
const SIZE = { title: 14, heading: 11, text: 8 };
const LEADING = 1.35;

/** The standard PDF fonts encode WinAnsi only: anything else is shown as "?" rather than failing the export. */
const printable = (text: string) => text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

class Writer {
  private page!: PDFPage;
  private y = 0;
  constructor(
    private readonly document: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.document.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Splits text into lines that fit the page width, breaking long tokens (hashes, JSON) anywhere. */
  private wrap(text: string, font: PDFFont, size: number): string[] {
    const width = PAGE.width - 2 * PAGE.margin;
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const char of printable(text)) {
      const charWidth = font.widthOfTextAtSize(char, size);
      if (lineWidth + charWidth > width) {
        const space = line.lastIndexOf(' ');
        const keep = space > line.length * 0.6 ? space : line.length;
        lines.push(line.slice(0, keep));
        line = line.slice(keep + (keep === space ? 1 : 0));
        lineWidth = font.widthOfTextAtSize(line, size);
      }
      line += char;
      lineWidth += charWidth;
    }
    lines.push(line);
    return lines;
  }

  write(text: string, style: 'title' | 'heading' | 'text' = 'text') {
    const size = SIZE[style];
    const font = style === 'text' ? this.font : this.bold;
    if (style !== 'text') this.y -= size * 0.5;
    for (const line of this.wrap(text, font, size)) {
      if (this.y - size < PAGE.margin) this.newPage();
      this.y -= size * LEADING;
      this.page.drawText(line, { x: PAGE.margin, y: this.y, size, font });
    }
  }
}

/** One value on one line; whole nested records (an order's lines, price explanations) are cut: the JSON and CSV exports carry them in full. */
const compact = (value: unknown) => {
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
};

/** The report as a paginated A4 PDF: the query and who ran it, then each record type in its own section. */
export async function reportPdf(report: ComplianceReport): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle('Compliance report');
  document.setCreationDate(new Date(report.generatedAt));
  const writer = new Writer(document, await document.embedFont(StandardFonts.Helvetica), await document.embedFont(StandardFonts.HelveticaBold));

  writer.write('Compliance report', 'title');
  writer.write(
    `Query: ${Object.entries(report.query)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ')}`,
  );
  writer.write(`Generated ${report.generatedAt} for ${report.generatedBy}${report.truncated ? ' (truncated: narrow the time range for the rest)' : ''}`);

  writer.write(`Orders (${report.orders.length})`, 'heading');
  for (const order of report.orders) {
    writer.write(
      `${compact(order.orderId)}  customer ${compact(order.customerId)}  status ${compact(order.status)}  total ${compact(order.total)} ${compact(order.currency)}  version ${compact(order.version)}  (${compact(order.source)})`,
    );
  }
  writer.write(`Shipments (${report.shipments.length})`, 'heading');
  for (const shipment of report.shipments) writer.write(compact(shipment));
  writer.write(`Approvals (${report.approvals.length})`, 'heading');
  for (const approval of report.approvals)
    writer.write(`${compact(approval.orderId)}  ${compact(approval.reason)}  role ${compact(approval.role)}: ${compact(approval.detail)}`);
  writer.write(`Signatures (${report.signatures.length})`, 'heading');
  for (const signature of report.signatures) {
    writer.write(
      `${compact(signature.orderId)}  ${compact(signature.signerName)} (${compact(signature.signerUsername)})  ${compact(signature.meaning)}  at ${compact(signature.signedAt)}  content ${compact(signature.orderContentHash)}`,
    );
  }
  writer.write(`Audit events (${report.auditEvents.length})`, 'heading');
  for (const event of report.auditEvents) {
    writer.write(
      `${event.at}  ${event.chain} #${event.seq}  ${event.action} ${event.entityType}${event.version !== undefined ? ` v${event.version}` : ''}  by ${event.actor}${event.reason ? `  reason: ${event.reason}` : ''}  (${event.source})`,
    );
    if (event.changes)
      writer.write(`   changed: ${event.changes.map((change) => `${change.field}: ${compact(change.before)} -> ${compact(change.after)}`).join('; ')}`);
    writer.write(`   hash ${event.hash}  prev ${event.prevHash}`);
  }
  return document.save();
}
