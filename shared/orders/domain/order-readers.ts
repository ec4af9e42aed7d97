import type { Channel } from '../schemas/order.js';

/** Who reads or resolves an order: staff, or the client of one partner on one channel. */
export interface OrderReader {
  /** `client:<appClientId>` (one app client per partner) or `user:<username>`. */
  principal: string;
  channel?: Channel | undefined;
  /** Staff roles (the order desk) reach every order. */
  staff: boolean;
}

/**
 * Staff reach every order; a partner's client only the orders it submitted
 * (same channel and same client, so one partner never reaches another's,
 * nor an order the order desk keyed in on its channel).
 */
export function mayRead(order: { channel: string; submittedBy: string }, reader: OrderReader): boolean {
  return reader.staff || (reader.channel !== undefined && order.channel === reader.channel && order.submittedBy === reader.principal);
}
