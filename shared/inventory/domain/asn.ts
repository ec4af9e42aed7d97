import type { CalendarDate } from '../../platform/domain/calendar-date.js';

/**
 * An advance ship notice with the structure of an ANSI X12 856 (ship
 * notice/manifest), pick-and-pack order: one shipment level (S), one order
 * level (O) and one item level (I) per order line and lot, carrying the GTIN,
 * the lot, the expiry date and the serials. The JSON is the event; `toX12`
 * renders the transaction set's segments (ST to SE) for partners that want
 * EDI, without the ISA/GS envelope, which belongs to the trading-partner setup.
 */
export interface AsnInput {
  shipmentId: string;
  shippedAt: string;
  /** The shipping warehouse (deployment configuration): its GLN identifies it when known, else its own id. */
  shipFrom: { name: string; id: string; gln?: string | undefined; address?: { line1: string; city: string; postalCode: string; country: string } | undefined };
  shipTo: { name: string; line1: string; city: string; postalCode: string; country: string };
  order: { orderId: string; customerPo: string; customerId: string };
  lines: { lineNo: number; gtin: string; picks: { lotNumber: string; expiry: CalendarDate; quantity: number; serials?: string[] }[] }[];
}

export interface AsnItem {
  hl: { id: string; parentId: string; level: 'I' };
  lin: { lineNo: number; gtin: string; lotNumber: string };
  sn1: { quantity: number; unit: 'EA' };
  expiry: CalendarDate;
  serials: string[];
}

export interface AdvanceShipNotice {
  transactionSet: '856';
  bsn: { purpose: '00'; shipmentId: string; date: string; time: string; structure: '0001' };
  shipment: { hl: { id: '1'; level: 'S' }; shippedDate: string; shipFrom: AsnInput['shipFrom']; shipTo: AsnInput['shipTo'] };
  order: { hl: { id: '2'; parentId: '1'; level: 'O' }; purchaseOrder: string; orderId: string; customerId: string };
  items: AsnItem[];
  totals: { hlCount: number; lineItems: number; units: number };
}

const yyyymmdd = (iso: string) => iso.slice(0, 10).replaceAll('-', '');

export function buildAsn(input: AsnInput): AdvanceShipNotice {
  const items: AsnItem[] = [];
  for (const line of [...input.lines].sort((a, b) => a.lineNo - b.lineNo)) {
    for (const pick of line.picks) {
      items.push({
        hl: { id: String(3 + items.length), parentId: '2', level: 'I' },
        lin: { lineNo: line.lineNo, gtin: line.gtin, lotNumber: pick.lotNumber },
        sn1: { quantity: pick.quantity, unit: 'EA' },
        expiry: pick.expiry,
        serials: [...(pick.serials ?? [])],
      });
    }
  }
  return {
    transactionSet: '856',
    bsn: {
      purpose: '00',
      shipmentId: input.shipmentId,
      date: yyyymmdd(input.shippedAt),
      time: input.shippedAt.slice(11, 16).replace(':', ''),
      structure: '0001',
    },
    shipment: { hl: { id: '1', level: 'S' }, shippedDate: yyyymmdd(input.shippedAt), shipFrom: input.shipFrom, shipTo: input.shipTo },
    order: {
      hl: { id: '2', parentId: '1', level: 'O' },
      purchaseOrder: input.order.customerPo,
      orderId: input.order.orderId,
      customerId: input.order.customerId,
    },
    items,
    totals: { hlCount: 2 + items.length, lineItems: items.length, units: items.reduce((sum, item) => sum + item.sn1.quantity, 0) },
  };
}

/** X12 forbids its separators inside data elements; they are replaced by a space. */
const element = (value: string | number) => String(value).replace(/[*~:^]/g, ' ');

/** N1*SF with the GLN (qualifier UL) when the warehouse has one, else its own code (92); N3/N4 when its address is known. */
function shipFromSegments(shipFrom: AsnInput['shipFrom']): (string | number)[][] {
  const { name, id, gln, address } = shipFrom;
  return [
    gln ? ['N1', 'SF', name, 'UL', gln] : ['N1', 'SF', name, '92', id],
    ...(address
      ? [
          ['N3', address.line1],
          ['N4', address.city, '', address.postalCode, address.country],
        ]
      : []),
  ];
}

/** The 856 as X12 segments: `*` between elements, `~` after each segment. */
export function toX12(asn: AdvanceShipNotice, controlNumber = '0001'): string {
  const segments: (string | number)[][] = [
    ['ST', '856', controlNumber],
    ['BSN', asn.bsn.purpose, asn.bsn.shipmentId, asn.bsn.date, asn.bsn.time, asn.bsn.structure],
    ['HL', '1', '', 'S'],
    ['DTM', '011', asn.shipment.shippedDate],
    ...shipFromSegments(asn.shipment.shipFrom),
    ['N1', 'ST', asn.shipment.shipTo.name],
    ['N3', asn.shipment.shipTo.line1],
    ['N4', asn.shipment.shipTo.city, '', asn.shipment.shipTo.postalCode, asn.shipment.shipTo.country],
    ['HL', '2', '1', 'O'],
    ['PRF', asn.order.purchaseOrder],
    ['REF', 'VN', asn.order.orderId],
  ];
  for (const item of asn.items) {
    segments.push(
      ['HL', item.hl.id, item.hl.parentId, 'I'],
      ['LIN', item.lin.lineNo, 'UK', item.lin.gtin, 'LT', item.lin.lotNumber],
      ['SN1', '', item.sn1.quantity, item.sn1.unit],
      ['DTM', '036', yyyymmdd(item.expiry)],
      ...item.serials.map((serial) => ['REF', 'SE', serial]),
    );
  }
  segments.push(['CTT', asn.totals.hlCount]);
  segments.push(['SE', segments.length + 1, controlNumber]);
  return segments.map((segment) => `${segment.map(element).join('*')}~`).join('\n');
}
