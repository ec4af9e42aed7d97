import { loadConfig } from '../../shared/platform/config.js';
import { receiveGoodsRoute } from '../../shared/inventory/routes.js';
import { apiHandler, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { ReceiptRequest } from '../../shared/inventory/schemas/inventory.js';
import { receiveGoods } from '../../shared/inventory/services/inventory.js';

const config = loadConfig(receiveGoodsRoute.settings);

async function receive(event: ParsedApiEvent<ReceiptRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const outcome = await receiveGoods(event.body, caller.principal);
  const delivery = `Delivery note ${event.body.deliveryNote} of supplier ${event.body.supplierId}`;
  switch (outcome.result) {
    case 'RECEIVED':
      return json(201, outcome.receipt);
    case 'INVALID': {
      const errors = outcome.errors.map(({ line, message }) => ({ path: line === 0 ? 'lines' : `lines.${line - 1}`, message }));
      return problem(422, 'Goods not receivable', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
    }
    case 'DUPLICATE_DELIVERY':
      return problem(409, 'Delivery already received', `${delivery} was already received as ${outcome.existingReceiptId}.`);
    case 'DELIVERY_IN_PROGRESS':
      return problem(
        409,
        'Delivery being received',
        `${delivery} is being received right now as ${outcome.receiptId} with other lines; retry in a few minutes.`,
      );
    case 'REFUSED':
      return problem(409, 'Goods not receivable', outcome.reasons.join('; '));
  }
}

export const handler = apiHandler(receive, receiveGoodsRoute, config).use(zodBody(ReceiptRequest));
