import { jsonOf, loadConfig, tableConfig } from '../../shared/platform/config.js';
import { stepHandler } from '../../shared/platform/workflow/step-handler.js';
import { ShipFrom } from '../../shared/inventory/schemas/shipment.js';
import { StepInput } from '../../shared/orders/schemas/workflow.js';
import { shipStep } from '../../shared/inventory/services/ship.js';

const config = loadConfig(tableConfig.extend({ SHIP_FROM: jsonOf(ShipFrom) }));

export const handler = stepHandler(StepInput, ({ orderId }) => shipStep(orderId, config.SHIP_FROM));
