import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { InvoiceEntity } from '../../orders/data/entities.js';
import { isConditionFailure } from '../../platform/data/errors.js';

export type InvoiceRecord = FormattedItem<typeof InvoiceEntity>;

/** One invoice per order: a second attempt (a retried step) finds the first and keeps it. */
export async function putInvoiceOnce(invoice: InputItem<typeof InvoiceEntity> & { changedBy: string }): Promise<void> {
  try {
    await InvoiceEntity.build(PutItemCommand)
      .item(invoice)
      .options({ condition: { attr: 'orderId', exists: false } })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export async function findInvoice(orderId: string): Promise<InvoiceRecord | undefined> {
  const { Item } = await InvoiceEntity.build(GetItemCommand).key({ orderId }).send();
  return Item;
}
