import { Entity } from 'dynamodb-toolbox/entity';
import { item, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { table } from '../../platform/data/table.js';
import { LEGAL_HOLD_STATUSES } from '../schemas/compliance.js';

/**
 * The legal hold on an order's archived documents: one item under the order,
 * replaced on every change. Each change carries who (`changedBy`) and why
 * (`changeReason`) so the stream-derived audit trail records it with its
 * before and after; `version` makes two officers' changes serialize.
 */
export const LegalHoldEntity = new Entity({
  name: 'LegalHold',
  table,
  schema: item({
    orderId: string().key().transform(prefix('ORDER')).savedAs('PK'),
    recordType: string().key().const('LEGALHOLD').savedAs('SK').hidden(),
    status: string().enum(...LEGAL_HOLD_STATUSES),
    reason: string(),
    changedBy: string(),
    changeReason: string(),
    changedAt: string(),
    objectVersions: number(),
    version: number(),
  }),
});
