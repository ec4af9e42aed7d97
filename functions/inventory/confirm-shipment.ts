import { loadConfig } from '../../shared/platform/config.js';
import { confirmShipmentRoute } from '../../shared/inventory/routes.js';
import { idempotentOnKeyHeader } from '../../shared/platform/http/idempotency.js';
import { apiHandler, requireHeader, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { ShipmentRequest } from '../../shared/inventory/schemas/shipment.js';
import { orderLinks } from '../../shared/orders/services/links.js';
import { confirmShipment } from '../../shared/inventory/services/shipments.js';

const config = loadConfig(confirmShipmentRoute.settings);

async function confirm(event: ParsedApiEvent<ShipmentRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const { orderId } = event.body;
  const outcome = await confirmShipment(event.body, caller.principal);
  switch (outcome.result) {
    case 'CONFIRMED':
      return json(202, outcome.shipment, { location: orderLinks(orderId).self ?? '' });
    case 'NOT_FOUND':
      return problem(404, 'Not found', `Order ${orderId} does not exist.`);
    case 'NOT_READY':
      return problem(409, 'Not ready to pick', `Order ${orderId} is ${outcome.status}: only an order in READY_TO_PICK can be scanned for shipment.`, {
        orderId,
      });
    case 'ALREADY_CONFIRMED':
      return problem(
        409,
        'Already confirmed',
        `The shipment ${outcome.shipmentId} of order ${orderId} was already confirmed by ${outcome.confirmedBy} at ${outcome.confirmedAt}.`,
        {
          orderId,
          links: orderLinks(orderId),
        },
      );
    case 'PICK_CLOSED':
      return problem(409, 'Pick closed', `The pick of order ${orderId} is closed: ${outcome.reason}.`, { orderId });
    case 'REFUSED': {
      const refused = outcome.check.verdicts.filter((verdict) => !verdict.accepted).map((verdict) => (verdict.accepted ? '' : verdict.reason));
      const missing = outcome.check.outstanding.map((o) => `line ${o.lineNo} GTIN ${o.gtin} lot ${o.lotNumber}: ${o.quantity} unit(s) not scanned`);
      return problem(422, 'Scan does not match the allocation', [...refused, ...missing].join('; '), {
        orderId,
        verdicts: outcome.check.verdicts.map((verdict) => ({ ...verdict })),
        outstanding: outcome.check.outstanding.map((entry) => ({ ...entry })),
      });
    }
  }
}

export const handler = apiHandler(confirm, confirmShipmentRoute, config)
  .use(requireHeader('idempotency-key', 'it makes a retried confirmation safe; send the same key when you retry the same scan'))
  .use(zodBody(ShipmentRequest))
  .use(idempotentOnKeyHeader(config.TABLE_NAME, 'confirm-shipment', 'user'));
