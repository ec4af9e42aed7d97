import { Entity } from 'dynamodb-toolbox/entity';
import { any, item, list, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { table } from '../../platform/data/table.js';

/**
 * One immutable version of a master-data record (customer, product, price
 * list, contract, promotion). Written once (put if absent), never updated:
 * `PK=MASTER#{kind}#{id}`, `SK=VERSION#{recordedAt}#{version}`, so the
 * version in force at an instant is the last one sorting at or before it.
 */
export const MasterVersionEntity = new Entity({
  name: 'MasterVersion',
  table,
  schema: item({
    recordKey: string().key().savedAs('PK'),
    versionKey: string().key().savedAs('SK'),
    kind: string(),
    id: string(),
    version: number(),
    recordedAt: string(),
    recordedBy: string(),
    previousVersion: number().optional(),
    changes: list(string()),
    data: any(),
    /** Who wrote this and why, for the stream-derived audit trail (optional only because items written before it lack it; every writer sets it). */
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});

/**
 * The current version of every record of a kind, in one partition per kind
 * (`PK=MASTERS#{kind}`, `SK={id}`): read by id, listed with a Query, and the
 * item an update is conditional on (`version`).
 */
export const MasterCurrentEntity = new Entity({
  name: 'MasterCurrent',
  table,
  schema: item({
    kindKey: string().key().savedAs('PK'),
    id: string().key().savedAs('SK'),
    version: number(),
    recordedAt: string(),
    recordedBy: string(),
    data: any(),
    /** Who wrote this and why, for the stream-derived audit trail (optional only because items written before it lack it; every writer sets it). */
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});

/** A customer's contracts: `PK=CUSTOMER#{customerId}`, `SK=CONTRACT#{contractId}`, written with the contract. */
export const CustomerContractEntity = new Entity({
  name: 'CustomerContract',
  table,
  schema: item({
    customerId: string().key().transform(prefix('CUSTOMER')).savedAs('PK'),
    contractId: string().key().transform(prefix('CONTRACT')).savedAs('SK'),
    /** Who wrote this and why, for the stream-derived audit trail (optional only because items written before it lack it; every writer sets it). */
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});
