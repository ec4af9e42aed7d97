import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Order ids sort by creation time (a 48-bit millisecond prefix, as in ULID)
 * and carry 80 random bits, so two intake Lambdas never mint the same id.
 */
export function newOrderId(now: Date = new Date()): string {
  const time = Buffer.alloc(6);
  time.writeUIntBE(now.getTime(), 0, 6);
  return `ORD-${encodeBase32(time)}${encodeBase32(randomBytes(10))}`;
}

/**
 * Approval ids are bearer capabilities sent by email: 160 random bits,
 * unguessable, and unrelated to the Step Functions task token they stand for.
 */
export function newApprovalId(): string {
  return randomBytes(20).toString('base64url');
}

export function newInvoiceNumber(orderId: string): string {
  return `INV-${orderId.replace(/^ORD-/, '')}`;
}

/** An order has one invoice whose number carries the order id, so the invoice is found without an index. */
export function orderIdOfInvoice(invoiceNumber: string): string {
  return `ORD-${invoiceNumber.replace(/^INV-/, '')}`;
}

/** Goods receipt ids sort by time like order ids. */
export function newReceiptId(now: Date = new Date()): string {
  return newOrderId(now).replace(/^ORD-/, 'RCV-');
}

/** Batch upload ids sort by time like order ids. */
export function newBatchId(now: Date = new Date()): string {
  return newOrderId(now).replace(/^ORD-/, 'BAT-');
}
/** Recall ids sort by time like order ids. */
export function newRecallId(now: Date = new Date()): string {
  return newOrderId(now).replace(/^ORD-/, 'RCL-');
}

/** Recall acknowledgement ids are emailed bearer capabilities, like approval ids. */
export const newRecallAckId = newApprovalId;
