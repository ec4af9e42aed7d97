import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { CustomerEntity, ProductEntity } from './entities.js';
import { CustomerContractEntity, MasterCurrentEntity, MasterVersionEntity } from './record-entities.js';
import { cancellationReasons, executeNamed } from '../../platform/data/transaction.js';
import { table } from '../../platform/data/table.js';
import { z } from 'zod';
import { MasterKind, type ContractData, type CustomerData, type MasterRecordView, type ProductData } from '../schemas/master-data.js';

export type MasterVersionRecord = FormattedItem<typeof MasterVersionEntity>;
export type MasterCurrentRecord = FormattedItem<typeof MasterCurrentEntity>;

const recordKey = (kind: MasterKind, id: string) => `MASTER#${kind}#${id}`;
const kindKey = (kind: MasterKind) => `MASTERS#${kind}`;
const versionKey = (recordedAt: string, version: number) => `VERSION#${recordedAt}#${String(version).padStart(8, '0')}`;

/** Someone else wrote the record since the version the caller read (or it already exists). */
export class StaleVersionError extends Error {
  override name = 'StaleVersionError';
}

const RecordData = z.record(z.string(), z.unknown());

/** A version as the API shows it; what was read from the table is parsed, not cast. */
export function viewOf(version: MasterVersionRecord): MasterRecordView {
  return {
    kind: MasterKind.parse(version.kind),
    id: version.id,
    version: version.version,
    recordedAt: version.recordedAt,
    recordedBy: version.recordedBy,
    ...(version.previousVersion !== undefined ? { previousVersion: version.previousVersion } : {}),
    changes: version.changes,
    data: RecordData.parse(version.data),
  };
}

/** Access pattern 23: the current version of a record. */
export async function findCurrent(kind: MasterKind, id: string): Promise<MasterCurrentRecord | undefined> {
  const { Item } = await MasterCurrentEntity.build(GetItemCommand)
    .key({ kindKey: kindKey(kind), id })
    .options({ consistent: true })
    .send();
  return Item;
}

/** Access pattern 24: every current record of a kind (one partition, paged). */
export async function listCurrent(kind: MasterKind): Promise<MasterCurrentRecord[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(MasterCurrentEntity)
    .query({ partition: kindKey(kind) })
    .options({ maxPages: Infinity })
    .send();
  return Items;
}

/** Access pattern 25: the version of a record in force at an instant (the last one recorded at or before it). */
export async function findVersionAsOf(kind: MasterKind, id: string, asOf: string): Promise<MasterVersionRecord | undefined> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(MasterVersionEntity)
    // "~" sorts after every digit and "#", so every version recorded at asOf is included.
    .query({ partition: recordKey(kind, id), range: { between: ['VERSION#', `VERSION#${asOf}~`] } })
    .options({ reverse: true, limit: 1 })
    .send();
  return Items[0];
}

/** Access pattern 26: every version of a record, oldest first. */
export async function versionsOf(kind: MasterKind, id: string): Promise<MasterVersionRecord[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(MasterVersionEntity)
    .query({ partition: recordKey(kind, id), range: { beginsWith: 'VERSION#' } })
    .options({ maxPages: Infinity })
    .send();
  return [...Items].sort((a, b) => a.version - b.version);
}

/** Access pattern 27: the contracts of a customer. */
export async function contractIdsOf(customerId: string): Promise<string[]> {
  const { Items = [] } = await table
    .build(QueryCommand)
    .entities(CustomerContractEntity)
    .query({ partition: `CUSTOMER#${customerId}`, range: { beginsWith: 'CONTRACT#' } })
    .send();
  return Items.map((item) => item.contractId);
}

export interface NewVersion {
  kind: MasterKind;
  id: string;
  version: number;
  recordedAt: string;
  recordedBy: string;
  previousVersion?: number | undefined;
  changes: string[];
  data: Record<string, unknown>;
  /** The audit trail's actor (`user:<name>`, `system:import`, `system:seed`) and, where there is one, why. */
  changedBy: string;
  changeReason?: string | undefined;
}

const auditOf = (version: NewVersion) => ({ changedBy: version.changedBy, ...(version.changeReason ? { changeReason: version.changeReason } : {}) });

/**
 * The items other parts of the system read (the customer profile, the
 * product profile, a customer's contract index), written in the same
 * transaction as the version so they never disagree with it.
 */
function projections(version: NewVersion) {
  const audit = auditOf(version);
  if (version.kind === 'customers') {
    const customer = version.data as CustomerData;
    return [
      CustomerEntity.build(PutTransaction).item({
        customerId: customer.customerId,
        legalName: customer.legalName,
        status: customer.status,
        creditLimit: customer.creditLimit,
        currency: customer.currency,
        ...(customer.priceListId ? { priceListId: customer.priceListId } : {}),
        paymentTermsDays: customer.paymentTermsDays,
        minRemainingShelfLifeDays: customer.minRemainingShelfLifeDays,
        contactEmail: customer.contactEmail,
        licences: customer.licences.map(({ deviceClass, number, expiry }) => ({ deviceClass, number, expiry })),
        ...audit,
      }),
    ];
  }
  if (version.kind === 'products') {
    return [ProductEntity.build(PutTransaction).item({ ...(version.data as ProductData), ...audit })];
  }
  if (version.kind === 'contracts') {
    const contract = version.data as ContractData;
    return [CustomerContractEntity.build(PutTransaction).item({ customerId: contract.customerId, contractId: contract.contractId, ...audit })];
  }
  return [];
}

/**
 * Writes a new immutable version and moves the current pointer to it, all or
 * nothing. The pointer write is conditional: on the version the caller read
 * (update), or on no record existing yet (create). A stale caller gets
 * StaleVersionError and nothing is written.
 */
export async function writeVersion(version: NewVersion, expected: { version: number } | 'absent'): Promise<void> {
  const transaction = {
    current: MasterCurrentEntity.build(PutTransaction)
      .item({
        kindKey: kindKey(version.kind),
        id: version.id,
        version: version.version,
        recordedAt: version.recordedAt,
        recordedBy: version.recordedBy,
        data: version.data,
        ...auditOf(version),
      })
      .options({ condition: expected === 'absent' ? { attr: 'version', exists: false } : { attr: 'version', eq: expected.version } }),
    version: MasterVersionEntity.build(PutTransaction)
      .item({
        recordKey: recordKey(version.kind, version.id),
        versionKey: versionKey(version.recordedAt, version.version),
        kind: version.kind,
        id: version.id,
        version: version.version,
        recordedAt: version.recordedAt,
        recordedBy: version.recordedBy,
        ...(version.previousVersion !== undefined ? { previousVersion: version.previousVersion } : {}),
        changes: version.changes,
        data: version.data,
        ...auditOf(version),
      })
      .options({ condition: { attr: 'version', exists: false } }),
    projections: projections(version),
  };
  try {
    await executeNamed(transaction);
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    if (reasons?.current === 'ConditionalCheckFailed' || reasons?.version === 'ConditionalCheckFailed') {
      throw new StaleVersionError(`${version.kind} ${version.id} changed since version ${expected === 'absent' ? 0 : expected.version}`);
    }
    throw error;
  }
}
