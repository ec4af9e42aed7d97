import { loadConfig } from '../../shared/platform/config.js';
import { receiveGoodsRoute } from '../../shared/inventory/routes.js';
import { DeliveryInProgressError } from '../../shared/inventory/data/chunked-receipt-repository.js';
import { DuplicateDeliveryError, ReceiptRefusedError } from '../../shared/inventory/data/inventory-repository.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { ReceiptRequest } from '../../shared/inventory/schemas/inventory.js';
import { receiveGoods } from '../../shared/inventory/services/inventory.js';

const config = loadConfig(receiveGoodsRoute.settings);

async function receive(event: ParsedApiEvent<ReceiptRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  try {
    const outcome = await receiveGoods(event.body, caller.principal);
    if (outcome.result === 'INVALID') {
      const errors = outcome.errors.map(({ line, message }) => ({ path: line === 0 ? 'lines' : `lines.${line - 1}`, message }));
      return problem(422, 'Goods not receivable', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
    }
    return json(201, outcome.receipt);
  } catch (error) {
    if (error instanceof DuplicateDeliveryError) {
      return problem(409, 'Delivery already received', `Delivery note ${event.body.deliveryNote} of supplier ${event.body.supplierId} was already received as ${error.existingReceiptId}.`);
    }
    if (error instanceof DeliveryInProgressError) {
      return problem(409, 'Delivery being received', `Delivery note ${event.body.deliveryNote} of supplier ${event.body.supplierId} is being received right now as ${error.receiptId} with other lines; retry in a few minutes.`);
    }
    if (error instanceof ReceiptRefusedError) return problem(409, 'Goods not receivable', error.reasons.join('; '));
    throw error;
  }
}

export const handler = apiHandler(receive).use(zodBody(ReceiptRequest));
