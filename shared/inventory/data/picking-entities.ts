import { Entity } from 'dynamodb-toolbox/entity';
import { item, list, map, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { table } from '../../platform/data/table.js';
import { PICK_TASK_STATUSES } from '../schemas/shipment.js';

const lotPick = map({ lotNumber: string(), expiry: string(), quantity: number(), serials: list(string()).optional() });

/**
 * The warehouse's pick task for one allocation of an order (a new allocation
 * after a held lot is a new round, a new task). It holds the Step Functions
 * task token of the waiting workflow, which never leaves the table, and the
 * allocation as it was handed to the warehouse. While PENDING it sits on the
 * sparse GSI1 under `PICKS#PENDING`, oldest first: the warehouse work list.
 * The confirmation (who scanned what, when) is written once, conditional on
 * PENDING, so two packers cannot both confirm and a late scan cannot revive
 * an expired task.
 */
export const PickTaskEntity = new Entity({
  name: 'PickTask',
  table,
  schema: item({
    orderId: string().key(),
    round: number().key(),
    status: string().enum(...PICK_TASK_STATUSES),
    taskToken: string(),
    customerId: string(),
    customerPo: string(),
    readyAt: string(),
    /** When the workflow stops waiting and rejects the order (the state's timeout). */
    pickBy: string(),
    lines: list(map({ lineNo: number(), gtin: string(), quantity: number(), picks: list(lotPick) })),
    confirmedBy: string().optional(),
    confirmedAt: string().optional(),
    scans: list(string()).optional(),
    /** What the accepted scans picked, per line and lot (serials named): what the Ship step ships. */
    picked: list(map({ lineNo: number(), gtin: string(), lotNumber: string(), quantity: number(), serials: list(string()).optional() })).optional(),
    shipmentId: string().optional(),
    closedReason: string().optional(),
    pendingKey: string().optional().transform(prefix('PICKS')).savedAs('GSI1PK'),
    pendingSort: string().optional().savedAs('GSI1SK'),
    // Audit-trail contract: who made the last change of this item and why.
    changedBy: string(),
    changeReason: string().optional(),
  }).and((previous) => ({
    orderKey: string()
      .key()
      .savedAs('PK')
      .hidden()
      .link<typeof previous>(({ orderId }) => `ORDER#${orderId}`),
    pickKey: string()
      .key()
      .savedAs('SK')
      .hidden()
      .link<typeof previous>(({ round }) => `PICK#${String(round).padStart(3, '0')}`),
  })),
});
