import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { LegalHoldEntity } from './entities.js';
import { ConcurrentModificationError, isConditionFailure } from '../../platform/data/errors.js';

export type LegalHoldRecord = FormattedItem<typeof LegalHoldEntity>;

export async function findLegalHold(orderId: string): Promise<LegalHoldRecord | undefined> {
  const { Item } = await LegalHoldEntity.build(GetItemCommand).key({ orderId }).options({ consistent: true }).send();
  return Item;
}

/**
 * Writes the hold's new state, conditional on the version read (or on there
 * being none yet), so a concurrent change is refused instead of lost.
 */
export async function putLegalHold(hold: Omit<InputItem<typeof LegalHoldEntity>, 'version'>, previous: LegalHoldRecord | undefined): Promise<LegalHoldRecord> {
  const version = (previous?.version ?? 0) + 1;
  try {
    await LegalHoldEntity.build(PutItemCommand)
      .item({ ...hold, version })
      .options({ condition: previous ? { attr: 'version', eq: previous.version } : { attr: 'orderId', exists: false } })
      .send();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConcurrentModificationError(`legal hold of order ${hold.orderId} changed since version ${previous?.version ?? 0}`);
    throw error;
  }
  const written = await findLegalHold(hold.orderId);
  if (!written) throw new Error(`legal hold of order ${hold.orderId} vanished after writing`);
  return written;
}
