import type { StackOutputs } from '../../infra/local/deploy.js';
import { scanToShip, type ScanResult } from '../../infra/local/scanner.js';
import { ChannelOrderView, type OrderView } from '../../shared/orders/schemas/order.js';
import type { z } from 'zod';
import { deployedStack, readerFor, type ApiClient } from './stack.js';
import { staffToken } from './staff.js';

let warehouse: Promise<string> | undefined;

/** One warehouse user per test file, signed in once: the packer who scans. */
export function warehouseToken(outputs: StackOutputs): Promise<string> {
  warehouse ??= staffToken(outputs, ['warehouse']).then((user) => user.token);
  return warehouse;
}

/**
 * The packing station: waits until the order is READY_TO_PICK, scans exactly
 * its allocated lots and serials (infra/local/scanner.ts) and confirms the
 * shipment as a warehouse user. Fails unless the confirmation is accepted.
 */
export async function pickAndShip(outputs: StackOutputs, orderId: string, timeoutMs = 90_000): Promise<ScanResult> {
  const result = await scanToShip(outputs, await warehouseToken(outputs), orderId, timeoutMs);
  if (result.status !== 202) throw new Error(`scan-to-ship of ${orderId} answered ${result.status}: ${JSON.stringify(result.body)}`);
  return result;
}

/**
 * Like waitForOrder (the channel view, or the staff view read by the order desk), for orders that must ship on the way: when the order
 * stops at READY_TO_PICK (and that is not what the caller waits for), the
 * warehouse scans it, once, and the wait goes on.
 */
export async function waitForShippedOrder<S extends typeof ChannelOrderView | typeof OrderView = typeof ChannelOrderView>(
  api: ApiClient,
  orderId: string,
  statuses: string[],
  timeoutMs = 90_000,
  view: S = ChannelOrderView as S,
): Promise<z.output<S>> {
  const deadline = Date.now() + timeoutMs;
  let last: z.output<S> | undefined;
  let scanned = false;
  const reader = await readerFor(api, view);
  while (Date.now() < deadline) {
    const response = await reader.json(view, 'GET', `/v1/orders/${orderId}`);
    if (response.status === 200) {
      const body = response.body as z.output<S>;
      last = body;
      if (statuses.includes(body.status)) return body;
      if (body.status === 'READY_TO_PICK' && !scanned) {
        await pickAndShip(deployedStack(), orderId, Math.max(1_000, deadline - Date.now()));
        scanned = true;
        continue;
      }
      // A held lot took the allocation back: the new allocation needs a new scan.
      if (body.status === 'AWAITING_STOCK') scanned = false;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`order ${orderId} did not reach ${statuses.join('/')} (last: ${last?.status} ${last?.statusReason ?? ''})`);
}
