/**
 * Builds real-shaped X12 850 interchanges for tests: a fixed-width ISA with
 * the separators under test, groups of 850s with correct (or deliberately
 * wrong) counts and control numbers.
 */
export interface Separators {
  element: string;
  component: string;
  repetition: string;
  segment: string;
  /** Layout after each terminator (a newline, CRLF, nothing). */
  after: string;
}

export const TILDE: Separators = { element: '*', component: ':', repetition: '^', segment: '~', after: '\n' };

export interface PoLineSpec {
  id: string;
  quantity: number | string;
  uom?: string;
  price?: string;
  ids: [string, string][];
}

export interface ShipToSpec {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  idQualifier?: string;
  id?: string;
}

export interface PoSpec {
  po: string;
  date?: string;
  delivery?: string;
  shipTo?: ShipToSpec | null;
  billTo?: { name: string };
  lines: PoLineSpec[];
  /** CTT01 to send; the real line count when undefined, no CTT when null. */
  ctt?: number | null;
}

export const DEFAULT_SHIP_TO: ShipToSpec = {
  name: 'ACME University Hospital',
  line1: '1 Hospital Road',
  city: 'Springfield',
  postalCode: '12345',
  country: 'DE',
};

export function po850(spec: PoSpec): string[][] {
  const segments: string[][] = [['BEG', '00', 'SA', spec.po, '', spec.date ?? '20261125']];
  if (spec.delivery) segments.push(['DTM', '002', spec.delivery]);
  const shipTo = spec.shipTo === undefined ? DEFAULT_SHIP_TO : spec.shipTo;
  if (shipTo) {
    segments.push(['N1', 'ST', shipTo.name, ...(shipTo.idQualifier ? [shipTo.idQualifier, shipTo.id ?? ''] : [])]);
    segments.push(['N3', shipTo.line1]);
    segments.push(['N4', shipTo.city, '', shipTo.postalCode, shipTo.country]);
  }
  if (spec.billTo) segments.push(['N1', 'BT', spec.billTo.name]);
  for (const line of spec.lines) {
    segments.push(['PO1', line.id, String(line.quantity), line.uom ?? 'EA', line.price ?? '', '', ...line.ids.flat()]);
  }
  if (spec.ctt !== null) segments.push(['CTT', String(spec.ctt ?? spec.lines.length)]);
  return segments;
}

export interface SetSpec {
  control: string;
  segments: string[][];
  /** ST01; 850 unless set. */
  id?: string;
  /** SE02 to send (defaults to the control number) and SE01 adjustment. */
  trailerControl?: string;
  segmentCountDelta?: number;
}

export interface GroupSpec {
  control: string;
  sets: SetSpec[];
  functionalId?: string;
  trailerControl?: string;
  setCountDelta?: number;
}

export interface InterchangeSpec {
  sender?: string;
  senderQualifier?: string;
  receiver?: string;
  control: string;
  groups: GroupSpec[];
  separators?: Separators;
  trailerControl?: string;
  /** GS08 version; 004010 or 005010. */
  version?: string;
}

const pad = (value: string, width: number) => value.padEnd(width, ' ');

export function interchange(spec: InterchangeSpec): string {
  const s = spec.separators ?? TILDE;
  const version = spec.version ?? '004010';
  const isaVersion = version.startsWith('0050') ? '00501' : '00401';
  const control = spec.control.padStart(9, '0');
  const sender = spec.sender ?? 'HOSPEDI01';
  const segment = (elements: string[]) => elements.join(s.element) + s.segment + s.after;
  let text =
    [
      'ISA',
      '00',
      pad('', 10),
      '00',
      pad('', 10),
      pad(spec.senderQualifier ?? 'ZZ', 2),
      pad(sender, 15),
      'ZZ',
      pad(spec.receiver ?? 'O2CDIST', 15),
      '261125',
      '1200',
      isaVersion === '00401' ? 'U' : s.repetition,
      isaVersion,
      control,
      '0',
      'P',
      s.component,
    ].join(s.element) +
    s.segment +
    s.after;
  for (const group of spec.groups) {
    text += segment(['GS', group.functionalId ?? 'PO', sender, spec.receiver ?? 'O2CDIST', '20261125', '1200', group.control, 'X', version]);
    for (const set of group.sets) {
      const body = [['ST', set.id ?? '850', set.control], ...set.segments];
      for (const elements of body) text += segment(elements);
      text += segment(['SE', String(body.length + 1 + (set.segmentCountDelta ?? 0)), set.trailerControl ?? set.control]);
    }
    text += segment(['GE', String(group.sets.length + (group.setCountDelta ?? 0)), group.trailerControl ?? group.control]);
  }
  text += segment(['IEA', String(spec.groups.length), (spec.trailerControl ?? spec.control).padStart(9, '0')]);
  return text;
}
