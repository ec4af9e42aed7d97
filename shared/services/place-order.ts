import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../aws/sfn.js';
import { createOrder } from '../data/order-repository.js';
import { newOrderId } from '../domain/ids.js';
import type { Channel, OrderAccepted, PlaceOrderRequest } from '../schemas/order.js';
import { orderLinks } from './links.js';

export interface Submitter {
  channel: Channel;
  /** The authenticated client or user that sent the order. */
  principal: string;
}

/**
 * Writes the order as RECEIVED (claiming its customer PO in the same
 * transaction) and starts its workflow. The execution is named by the order
 * id, so the workflow can never run twice for one order.
 */
export async function placeOrder(
  request: PlaceOrderRequest,
  submitter: Submitter,
  stateMachineArn: string,
  now: Date = new Date(),
): Promise<OrderAccepted> {
  const orderId = newOrderId(now);
  const at = now.toISOString();
  await createOrder(
    {
      orderId,
      status: 'RECEIVED',
      channel: submitter.channel,
      submittedBy: submitter.principal,
      customerId: request.customerId,
      customerPo: request.customerPo,
      requestedDeliveryDate: request.requestedDeliveryDate,
      shipTo: request.shipTo,
      lines: request.lines.map((line, index) => ({ lineNo: index + 1, ...line })),
    },
    { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: `${submitter.channel}:${submitter.principal}` },
    at,
  );
  await sfnClient.send(
    new StartExecutionCommand({ stateMachineArn, name: orderId, input: JSON.stringify({ orderId }) }),
  );
  return { orderId, status: 'RECEIVED', links: orderLinks(orderId) };
}
