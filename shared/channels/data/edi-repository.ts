import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { $add, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { EdiControlCounterEntity, EdiPurchaseOrderEntity, PoAcknowledgmentEntity } from './edi-entities.js';
import { conditionHeld, isConditionFailure } from '../../platform/data/errors.js';

export type EdiPurchaseOrderRecord = FormattedItem<typeof EdiPurchaseOrderEntity>;
export type NewEdiPurchaseOrder = Omit<InputItem<typeof EdiPurchaseOrderEntity>, 'poKey' | 'orderId'>;
export type PoAcknowledgmentRecord = FormattedItem<typeof PoAcknowledgmentEntity>;

const poKey = (customerId: string, customerPo: string) => `EDIPO#${customerId}#${customerPo}`;
const ackKey = (controlNumber: string) => `EDI855#${controlNumber}`;
const MAX_CONTROL = 999_999_999;

/**
 * Access pattern 50: reserves `count` consecutive interchange control
 * numbers with one atomic counter update; they wrap after 999999999 (X12
 * allows reuse once the partner has long forgotten the old one).
 */
export async function allocateControlNumbers(count: number, actor: string): Promise<string[]> {
  const { Attributes } = await EdiControlCounterEntity.build(UpdateItemCommand)
    .item({ last: $add(count), changedBy: actor })
    .options({ returnValues: 'ALL_NEW' })
    .send();
  const last = Attributes?.last ?? count;
  return Array.from({ length: count }, (_, index) => String(((last - count + index) % MAX_CONTROL) + 1).padStart(9, '0'));
}

export type EdiClaim = { claimed: true } | { claimed: false; existing: EdiPurchaseOrderRecord };

/**
 * Access pattern 51: records the EDI side of a purchase order before the
 * order exists. A record whose order was never created (the intake failed
 * in between, or the PO was a duplicate of another channel's order) is
 * replaced; one that has its order is kept and returned.
 */
export async function claimEdiPurchaseOrder(record: NewEdiPurchaseOrder): Promise<EdiClaim> {
  try {
    await EdiPurchaseOrderEntity.build(PutItemCommand)
      .item({ ...record, poKey: poKey(record.customerId, record.customerPo) })
      .options({ condition: { attr: 'orderId', exists: false } })
      .send();
    return { claimed: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await findEdiPurchaseOrder(record.customerId, record.customerPo);
    if (!existing) throw error;
    return { claimed: false, existing };
  }
}

/** Links the EDI record to the order created for it; only the interchange that claimed it may. */
export async function linkEdiOrder(customerId: string, customerPo: string, interchangeKey: string, orderId: string, actor: string): Promise<void> {
  await EdiPurchaseOrderEntity.build(UpdateItemCommand)
    .item({ poKey: poKey(customerId, customerPo), orderId, changedBy: actor, changeReason: 'order created' })
    .options({ condition: { attr: 'interchangeKey', eq: interchangeKey } })
    .send();
}

/**
 * The control number of the 855 that revises a PO's acknowledgment, claimed
 * once: a retried step gets the number the first attempt claimed (a number
 * allocated by a losing attempt is a gap in the sequence, which X12 allows).
 */
export async function claimRevisionControlNumber(customerId: string, customerPo: string, actor: string): Promise<string> {
  const [candidate] = await allocateControlNumbers(1, actor);
  try {
    await EdiPurchaseOrderEntity.build(UpdateItemCommand)
      .item({ poKey: poKey(customerId, customerPo), revisionControlNumber: candidate!, changedBy: actor, changeReason: 'acknowledgment revised' })
      .options({
        condition: {
          and: [
            { attr: 'orderId', exists: true },
            { attr: 'revisionControlNumber', exists: false },
          ],
        },
      })
      .send();
    return candidate!;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const claimed = (await findEdiPurchaseOrder(customerId, customerPo))?.revisionControlNumber;
    if (!claimed) throw error;
    return claimed;
  }
}

export async function findEdiPurchaseOrder(customerId: string, customerPo: string): Promise<EdiPurchaseOrderRecord | undefined> {
  const { Item } = await EdiPurchaseOrderEntity.build(GetItemCommand)
    .key({ poKey: poKey(customerId, customerPo) })
    .options({ consistent: true })
    .send();
  return Item;
}

/** Access pattern 52: stores an 855 once; a retried step finds it there and changes nothing. */
export async function putPoAcknowledgment(
  record: Omit<InputItem<typeof PoAcknowledgmentEntity>, 'controlNumber'> & { controlNumber: string },
): Promise<boolean> {
  return conditionHeld(
    PoAcknowledgmentEntity.build(PutItemCommand)
      .item({ ...record, controlNumber: ackKey(record.controlNumber) })
      .options({ condition: { attr: 'orderId', exists: false } })
      .send(),
  );
}

/** Access pattern 53: an 855 by its interchange control number. */
export async function findPoAcknowledgment(controlNumber: string): Promise<PoAcknowledgmentRecord | undefined> {
  const { Item } = await PoAcknowledgmentEntity.build(GetItemCommand)
    .key({ controlNumber: ackKey(controlNumber) })
    .send();
  return Item ? { ...Item, controlNumber } : undefined;
}
