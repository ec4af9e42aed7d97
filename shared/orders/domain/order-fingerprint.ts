import { canonicalJson, sha256Hex } from '../../platform/domain/canonical-json.js';

export interface OrderContent {
  orderId: string;
  customerId: string;
  customerPo: string;
  /** POs of orders merged into this one: what the signer approves covers them too. */
  additionalCustomerPos?: readonly string[] | undefined;
  requestedDeliveryDate?: string | undefined;
  shipTo: Record<string, unknown>;
  currency?: string | undefined;
  total?: string | undefined;
  lines: readonly { lineNo: number; gtin: string; quantity: number; unitPrice?: string | undefined; lineTotal?: string | undefined }[];
}

/**
 * SHA-256 of what an approver signs: the commercial content of the order
 * (customer, ship-to, lines, prices, total), not its workflow bookkeeping.
 * Another approver's signature leaves it unchanged; an edit to the order
 * changes it, and a signature over the old content is refused.
 */
export function orderContentHash(order: OrderContent): string {
  return sha256Hex(
    canonicalJson({
      orderId: order.orderId,
      customerId: order.customerId,
      customerPo: order.customerPo,
      additionalCustomerPos: order.additionalCustomerPos,
      requestedDeliveryDate: order.requestedDeliveryDate,
      shipTo: order.shipTo,
      currency: order.currency,
      total: order.total,
      lines: order.lines.map(({ lineNo, gtin, quantity, unitPrice, lineTotal }) => ({ lineNo, gtin, quantity, unitPrice, lineTotal })),
    }),
  );
}
