import { hasValidLicence, type Licence } from '../../approvals/domain/approval-policy.js';
import type { CalendarDate } from '../../platform/domain/calendar-date.js';
import { closestKnownGtin } from './gtin-suggestions.js';
import { normalizedAddress, sameAddress, type AddressFacts } from './near-duplicate.js';
import type { Channel, IntakeConflict } from '../schemas/order.js';
import { matchesAny } from '../../platform/channels.js';
import type { RegulatoryStatus } from '../../master-data/schemas/values.js';
import { MAX_SCANS_PER_CONFIRMATION } from '../../inventory/domain/pick-verification.js';

export interface IntakeLine {
  /** Stored lines carry their number (a merge appends); an incoming line is numbered by its position. */
  lineNo?: number | undefined;
  gtin: string;
  quantity: number;
  unitOfMeasure?: string | undefined;
}

export interface IntakeProduct {
  gtin: string;
  name: string;
  regulatoryStatus: RegulatoryStatus;
  unitOfMeasure: string;
  deviceClass: Licence['deviceClass'];
  /** Shipped and scanned one serial at a time. */
  serialControlled: boolean;
}

export interface IntakeCustomer {
  shipTo: readonly AddressFacts[];
  licences: readonly Licence[];
  /** The channels the customer orders through (its master data). */
  channels: readonly Channel[];
}

/** Who sends the order: its channel and, for a partner's token, the partner and the customers it may order for. */
export interface IntakeSender {
  channel: Channel;
  /** Absent for order-desk staff keying an order in: they are bound to no partner. */
  partner?: { id: string; customers: readonly string[] } | undefined;
}

export interface IntakeFacts {
  /** Absent when the customer is not in master data. */
  customer: IntakeCustomer | undefined;
  products: ReadonlyMap<string, IntakeProduct>;
  /** Known GTINs among the likely intended ones of each unknown GTIN (see gtinCandidates). */
  knownCandidates: ReadonlySet<string>;
  orderDate: CalendarDate;
  sender: IntakeSender;
}

/**
 * The product rules of one line, shared by intake and the workflow's Validate
 * step (master data can change while an order is held or waits): an unknown
 * product, a product on regulatory hold and a unit the product is not sold in
 * block; a missing licence for the device class is flagged, because the
 * approval policy turns it into a regulatory review rather than a refusal.
 */
export function lineConflicts(
  line: IntakeLine,
  index: number,
  facts: Omit<IntakeFacts, 'customer' | 'sender'> & { licences?: readonly Licence[] | undefined },
): IntakeConflict[] {
  const lineNo = line.lineNo ?? index + 1;
  const at = (field: string) => `lines.${index}.${field}`;
  const product = facts.products.get(line.gtin);
  if (!product) {
    const closest = closestKnownGtin(line.gtin, facts.knownCandidates);
    return [
      {
        code: 'UNKNOWN_GTIN',
        lineNo,
        field: at('gtin'),
        blocking: true,
        message: `line ${lineNo}: product ${line.gtin} does not exist`,
        ...(closest
          ? {
              suggestion: {
                text: `did you mean ${closest} (${facts.products.get(closest)?.name ?? 'a known product'})? digits look swapped or mistyped`,
                gtin: closest,
              },
            }
          : {}),
      },
    ];
  }
  const conflicts: IntakeConflict[] = [];
  if (product.regulatoryStatus !== 'RELEASED') {
    conflicts.push({
      code: 'PRODUCT_ON_HOLD',
      lineNo,
      field: at('gtin'),
      blocking: true,
      message: `line ${lineNo}: product ${line.gtin} is on regulatory hold`,
      suggestion: { text: `remove line ${lineNo} and order it again once ${product.name} is released` },
    });
  }
  if (line.unitOfMeasure !== undefined && line.unitOfMeasure !== product.unitOfMeasure) {
    conflicts.push({
      code: 'UNIT_NOT_SOLD',
      lineNo,
      field: at('unitOfMeasure'),
      blocking: true,
      message: `line ${lineNo}: product ${line.gtin} is not sold in ${line.unitOfMeasure}`,
      suggestion: { text: `order ${product.name} in ${product.unitOfMeasure}`, unitOfMeasure: product.unitOfMeasure },
    });
  }
  if (facts.licences && !hasValidLicence(facts.licences, product.deviceClass, facts.orderDate)) {
    const lapsed = facts.licences
      .filter((licence) => licence.deviceClass === product.deviceClass)
      .map((licence) => licence.expiry)
      .sort()
      .at(-1);
    conflicts.push({
      code: 'LICENCE_EXPIRED',
      lineNo,
      field: at('gtin'),
      blocking: false,
      message: lapsed
        ? `line ${lineNo}: the customer's licence for class ${product.deviceClass} devices expired on ${lapsed}`
        : `line ${lineNo}: the customer holds no licence for class ${product.deviceClass} devices`,
      suggestion: { text: `record a valid class ${product.deviceClass} licence in the customer's master data; until then the order needs a regulatory review` },
    });
  }
  return conflicts;
}

/**
 * Serialized units are scanned one by one at the packing station, and one confirmation carries a bounded number of
 * scans: an order with more could be allocated but never shipped.
 */
function serialScanConflicts(lines: readonly IntakeLine[], products: ReadonlyMap<string, IntakeProduct>): IntakeConflict[] {
  const serialized = lines.map((line, index) => ({ line, lineNo: line.lineNo ?? index + 1 })).filter(({ line }) => products.get(line.gtin)?.serialControlled);
  const units = serialized.reduce((sum, { line }) => sum + line.quantity, 0);
  if (units <= MAX_SCANS_PER_CONFIRMATION) return [];
  return [
    {
      code: 'TOO_MANY_SERIALS_TO_SCAN',
      field: 'lines',
      blocking: true,
      message: `the order has ${units} serialized units (lines ${serialized.map(({ lineNo }) => lineNo).join(', ')}); one packing confirmation scans at most ${MAX_SCANS_PER_CONFIRMATION}`,
      suggestion: { text: `split the order so that each has at most ${MAX_SCANS_PER_CONFIRMATION} serialized units` },
    },
  ];
}

/**
 * The product rules of an order's lines, shared by intake and the workflow's Validate step: each line's own
 * (lineConflicts) and those of the lines together.
 */
export function productConflicts(
  lines: readonly IntakeLine[],
  facts: Omit<IntakeFacts, 'customer' | 'sender'> & { licences?: readonly Licence[] | undefined },
): IntakeConflict[] {
  return [...lines.flatMap((line, index) => lineConflicts(line, index, facts)), ...serialScanConflicts(lines, facts.products)];
}

/** How alike two addresses are: the number of normalized fields that agree. */
function likeness(a: AddressFacts, b: AddressFacts): number {
  const left = normalizedAddress(a);
  const right = normalizedAddress(b);
  return Object.keys(left).filter((key) => left[key] === right[key]).length;
}

/** A ship-to must be one of the customer's addresses; a customer without any on record is not checked. */
export function shipToConflicts(shipTo: AddressFacts, customer: Omit<IntakeCustomer, 'channels'>): IntakeConflict[] {
  if (customer.shipTo.length === 0 || customer.shipTo.some((known) => sameAddress(known, shipTo))) return [];
  const closest = [...customer.shipTo].sort((a, b) => likeness(b, shipTo) - likeness(a, shipTo))[0]!;
  return [
    {
      code: 'UNKNOWN_SHIP_TO',
      field: 'shipTo',
      blocking: true,
      message: `ship-to "${shipTo.name}, ${shipTo.line1}, ${shipTo.postalCode} ${shipTo.city}" is not one of the customer's ${customer.shipTo.length} ship-to addresses`,
      suggestion: {
        text: `ship to "${closest.name}, ${closest.line1}, ${closest.postalCode} ${closest.city}", or have master data add the new address first`,
        shipTo: { ...closest, ...(closest.line2 ? { line2: closest.line2 } : {}) },
      },
    },
  ];
}

/**
 * Who may order for the customer: a partner only for the customers it is
 * bound to (checked first, so a partner learns nothing about other customers,
 * not even whether they exist), and every sender only through a channel the
 * customer's master data lists. Order-desk staff are bound to no partner but
 * key orders in on the portal channel, so the customer must list `portal`.
 */
export function customerAccessConflicts(customerId: string, customer: Pick<IntakeCustomer, 'channels'> | undefined, sender: IntakeSender): IntakeConflict[] {
  if (sender.partner && !matchesAny(sender.partner.customers, customerId)) {
    return [
      {
        code: 'CUSTOMER_NOT_ALLOWED',
        field: 'customerId',
        blocking: true,
        message: `partner ${sender.partner.id} may not order for customer ${customerId}`,
      },
    ];
  }
  if (customer && !customer.channels.includes(sender.channel)) {
    const listed = customer.channels.length > 0 ? `it orders through ${customer.channels.join(', ')} only` : 'its master data lists no channel';
    return [
      {
        code: 'CHANNEL_NOT_ALLOWED',
        field: 'customerId',
        blocking: true,
        message: `customer ${customerId} does not order through the ${sender.channel} channel (${listed})`,
        suggestion: { text: `send the order through a channel the customer orders through, or have master data add ${sender.channel} to its channels` },
      },
    ];
  }
  return [];
}

/**
 * Every conflict of an incoming order, per line where it belongs. Blocking
 * ones refuse the order (nothing is written); the others are accepted and
 * flagged on it. Price conflicts are not here: the Price step decides them
 * with the price data as of the order's creation (one place for that rule).
 */
export function intakeConflicts(order: { customerId: string; shipTo: AddressFacts; lines: readonly IntakeLine[] }, facts: IntakeFacts): IntakeConflict[] {
  const access = customerAccessConflicts(order.customerId, facts.customer, facts.sender);
  if (access.length > 0) return access;
  if (!facts.customer) {
    return [{ code: 'UNKNOWN_CUSTOMER', field: 'customerId', blocking: true, message: `customer ${order.customerId} does not exist` }];
  }
  return [...shipToConflicts(order.shipTo, facts.customer), ...productConflicts(order.lines, { ...facts, licences: facts.customer?.licences })];
}

export const blockingConflicts = (conflicts: readonly IntakeConflict[]) => conflicts.filter((conflict) => conflict.blocking);
