import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { $remove, $set, UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import type { FormattedItem, InputItem } from 'dynamodb-toolbox/entity';
import { string } from 'dynamodb-toolbox/schema';
import { BatchGetCommand, execute as executeBatchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { InvoiceEntity, OrderEntity } from '../../orders/data/entities.js';
import { RecallAckEntity, RecallConsigneeEntity, RecallEntity, RecallLetterEntity, RecallLotClaimEntity, RecallSerialClaimEntity } from './entities.js';
import { cancellationCodes, conditionHeld } from '../../platform/data/errors.js';
import { cancellationReasons, executeNamed } from '../../platform/data/transaction.js';
import { replacingWhole } from '../../platform/data/whole-values.js';
import { table } from '../../platform/data/table.js';
import type { ReportedStatus } from '../domain/letter-status.js';

export type RecallRecord = FormattedItem<typeof RecallEntity>;
export type RecallConsigneeRecord = FormattedItem<typeof RecallConsigneeEntity>;
export type RecallAckRecord = FormattedItem<typeof RecallAckEntity>;
type RecallInput = InputItem<typeof RecallEntity>;
type ConsigneeInput = InputItem<typeof RecallConsigneeEntity>;

/** Access pattern 36: the consignees of a recall (the package and its progress). */
const consigneesOfRecall = RecallConsigneeEntity.build(AccessPattern)
  .schema(string())
  .pattern((recallId) => ({ partition: `RECALL#${recallId}`, range: { beginsWith: 'CONSIGNEE#' } }))
  .options({ consistent: true })
  .meta({ title: 'Consignees of a recall', description: 'Access pattern 36' });

/** Some lots or serials of a new recall are already under another recall; nothing was written. */
export class LotAlreadyRecalledError extends Error {
  override name = 'LotAlreadyRecalledError';
  constructor(readonly claims: { lotNumber?: string; serial?: string; recallId: string }[]) {
    super(
      claims
        .map((claim) => `${claim.serial !== undefined ? `serial ${claim.serial}` : `lot ${claim.lotNumber}`} is already recalled by ${claim.recallId}`)
        .join('; '),
    );
  }
}

/**
 * Writes a new recall with one claim per lot and per serial, in one
 * transaction: a lot or a unit is under one open recall at a time.
 */
export async function createRecall(recall: RecallInput & { lots: string[]; serials?: { serial: string; lotNumber: string }[] }): Promise<void> {
  const claimed = { claimedAt: recall.createdAt, changedBy: recall.changedBy, changeReason: recall.reason, recallId: recall.recallId };
  const serials = recall.serials ?? [];
  const transaction = {
    recall: RecallEntity.build(PutTransaction)
      .item(recall)
      .options({ condition: { attr: 'recallId', exists: false } }),
    lotClaims: recall.lots.map((lotNumber) =>
      RecallLotClaimEntity.build(PutTransaction)
        .item({ gtin: recall.gtin, lotNumber, ...claimed })
        .options({ condition: { attr: 'recallId', exists: false } }),
    ),
    serialClaims: serials.map(({ serial }) =>
      RecallSerialClaimEntity.build(PutTransaction)
        .item({ gtin: recall.gtin, serial, ...claimed })
        .options({ condition: { attr: 'recallId', exists: false } }),
    ),
  };
  try {
    await executeNamed(transaction);
  } catch (error) {
    const reasons = cancellationReasons(error, transaction);
    const refused = (reason: string | undefined) => reason === 'ConditionalCheckFailed';
    if (!reasons || ![...reasons.lotClaims, ...reasons.serialClaims].some(refused)) throw error;
    const existing = await Promise.all([
      ...recall.lots
        .filter((_, index) => refused(reasons.lotClaims[index]))
        .map(async (lotNumber) => {
          const { Item } = await RecallLotClaimEntity.build(GetItemCommand).key({ gtin: recall.gtin, lotNumber }).options({ consistent: true }).send();
          return { lotNumber, recallId: Item?.recallId ?? 'unknown' };
        }),
      ...serials
        .filter((_, index) => refused(reasons.serialClaims[index]))
        .map(async ({ serial }) => {
          const { Item } = await RecallSerialClaimEntity.build(GetItemCommand).key({ gtin: recall.gtin, serial }).options({ consistent: true }).send();
          return { serial, recallId: Item?.recallId ?? 'unknown' };
        }),
    ]);
    throw new LotAlreadyRecalledError(existing);
  }
}

export async function findRecall(recallId: string): Promise<RecallRecord | undefined> {
  const { Item } = await RecallEntity.build(GetItemCommand).key({ recallId }).options({ consistent: true }).send();
  return Item;
}

export async function getRecall(recallId: string): Promise<RecallRecord> {
  const recall = await findRecall(recallId);
  if (!recall) throw new Error(`recall ${recallId} does not exist`);
  return recall;
}

type RecallChanges = Partial<Omit<RecallInput, 'recallId'>> & { changedBy: string };

/** Records a stage of a recall; lists and maps are replaced whole. */
export async function updateRecall(recallId: string, changes: RecallChanges): Promise<void> {
  await RecallEntity.build(UpdateItemCommand)
    .item({ recallId, ...replacingWhole(changes) })
    .options({ condition: { attr: 'recallId', exists: true } })
    .send();
}

/** Records a change only while the recall still has the given status; false when it no longer has it (nothing changed). */
export async function updateRecallWhile(recallId: string, status: RecallRecord['status'], changes: RecallChanges): Promise<boolean> {
  return conditionHeld(
    RecallEntity.build(UpdateItemCommand)
      .item({ recallId, ...replacingWhole(changes) })
      .options({ condition: { attr: 'status', eq: status } })
      .send(),
  );
}

export async function consigneesOf(recallId: string): Promise<RecallConsigneeRecord[]> {
  const { Items = [] } = await consigneesOfRecall
    .query(recallId)
    .options((previous) => ({ ...previous, maxPages: Infinity }))
    .send();
  return Items;
}

/**
 * Writes a consignee and its acknowledgement link once; a retried step finds
 * the first one (with its link) and keeps it, so a consignee never gets two links.
 */
export async function putConsigneeOnce(consignee: ConsigneeInput): Promise<RecallConsigneeRecord> {
  try {
    await execute(
      RecallConsigneeEntity.build(PutTransaction)
        .item(consignee)
        .options({ condition: { attr: 'customerId', exists: false } }),
      RecallAckEntity.build(PutTransaction)
        .item({ ackId: consignee.ackId, recallId: consignee.recallId, customerId: consignee.customerId, changedBy: consignee.changedBy })
        .options({ condition: { attr: 'ackId', exists: false } }),
    );
  } catch (error) {
    if (!cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
  }
  const { Item } = await RecallConsigneeEntity.build(GetItemCommand)
    .key({ recallId: consignee.recallId, customerId: consignee.customerId })
    .options({ consistent: true })
    .send();
  if (!Item) throw new Error(`consignee ${consignee.customerId} of ${consignee.recallId} vanished`);
  return Item;
}

export interface LetterOutcome {
  status: 'SENT' | 'FAILED';
  messageId?: string;
  at: string;
  error?: string;
}

/**
 * Records what became of a letter; a sent one also gets its message id
 * indexed (in the same transaction), so the mail service's later reports,
 * which name only the message id, find the consignee.
 */
export async function recordLetter(recallId: string, customerId: string, letter: LetterOutcome): Promise<void> {
  const consignee = RecallConsigneeEntity.build(UpdateTransaction)
    .item({
      recallId,
      customerId,
      letterStatus: letter.status,
      letterSentAt: letter.at,
      ...(letter.messageId ? { letterMessageId: letter.messageId } : {}),
      ...(letter.error ? { letterError: letter.error } : {}),
      changedBy: 'system:recall-notify',
      changeReason: letter.status === 'SENT' ? 'recall letter sent' : 'recall letter could not be sent',
    })
    .options({ condition: { attr: 'customerId', exists: true } });
  if (!letter.messageId) {
    await execute(consignee);
    return;
  }
  await execute(
    consignee,
    RecallLetterEntity.build(PutTransaction).item({ messageId: letter.messageId, recallId, customerId, changedBy: 'system:recall-notify' }),
  );
}

export async function findLetter(messageId: string): Promise<{ recallId: string; customerId: string } | undefined> {
  const { Item } = await RecallLetterEntity.build(GetItemCommand).key({ messageId }).options({ consistent: true }).send();
  return Item;
}

/**
 * Records a delivery, bounce or complaint on the letter it names, only if the
 * letter is still in the state the decision was made on (the message id, the
 * status and the time of the last report read), so concurrent or repeated
 * reports cannot overwrite a newer one. False when that state changed.
 */
export async function recordLetterEvent(
  recallId: string,
  customerId: string,
  seen: { messageId: string; status: RecallConsigneeRecord['letterStatus']; eventAt?: string },
  change: { status: ReportedStatus; eventAt: string; detail?: string; changeReason: string },
): Promise<boolean> {
  return conditionHeld(
    RecallConsigneeEntity.build(UpdateItemCommand)
      .item({
        recallId,
        customerId,
        letterStatus: change.status,
        letterEventAt: change.eventAt,
        ...(change.detail ? { letterEventDetail: change.detail } : { letterEventDetail: $remove() }),
        changedBy: 'system:recall-letter-events',
        changeReason: change.changeReason,
      })
      .options({
        condition: {
          and: [
            { attr: 'letterMessageId', eq: seen.messageId },
            { attr: 'letterStatus', eq: seen.status },
            seen.eventAt ? { attr: 'letterEventAt', eq: seen.eventAt } : { attr: 'letterEventAt', exists: false },
          ],
        },
      })
      .send(),
  );
}

export async function findAck(ackId: string): Promise<RecallAckRecord | undefined> {
  const { Item } = await RecallAckEntity.build(GetItemCommand).key({ ackId }).send();
  return Item;
}

export async function findConsignee(recallId: string, customerId: string): Promise<RecallConsigneeRecord | undefined> {
  const { Item } = await RecallConsigneeEntity.build(GetItemCommand).key({ recallId, customerId }).options({ consistent: true }).send();
  return Item;
}

/** Records a consignee's acknowledgement once; false if it was already acknowledged (nothing written). */
export async function recordAcknowledgement(
  recallId: string,
  customerId: string,
  ack: { at: string; contactName: string; quantityOnHand: number; serialsOnHand?: string[]; comment?: string },
): Promise<boolean> {
  return conditionHeld(
    RecallConsigneeEntity.build(UpdateItemCommand)
      .item({
        recallId,
        customerId,
        acknowledgedAt: ack.at,
        ackContactName: ack.contactName,
        ackQuantityOnHand: ack.quantityOnHand,
        // A list is replaced whole ($set): an update would otherwise address its elements in an absent attribute.
        ...(ack.serialsOnHand ? { ackSerialsOnHand: $set(ack.serialsOnHand) } : {}),
        ...(ack.comment ? { ackComment: ack.comment } : {}),
        changedBy: 'system:recall-ack-link',
        changeReason: `recall acknowledged by ${ack.contactName} for ${customerId}: ${ack.quantityOnHand} unit(s) on hand${ack.serialsOnHand?.length ? ` (serials ${ack.serialsOnHand.join(', ')})` : ''}`,
      })
      .options({
        condition: {
          and: [
            { attr: 'customerId', exists: true },
            { attr: 'acknowledgedAt', exists: false },
          ],
        },
      })
      .send(),
  );
}

/** Ship-to addresses and invoice numbers of orders, 50 orders per BatchGetItem (two items each). */
export async function orderDocuments(orderIds: readonly string[]): Promise<{
  shipTo: Map<string, FormattedItem<typeof OrderEntity>['shipTo']>;
  invoiceNumbers: Map<string, string>;
}> {
  const unique = [...new Set(orderIds)];
  const shipTo = new Map<string, FormattedItem<typeof OrderEntity>['shipTo']>();
  const invoiceNumbers = new Map<string, string>();
  for (let start = 0; start < unique.length; start += 50) {
    const ids = unique.slice(start, start + 50);
    const command = table
      .build(BatchGetCommand)
      .requests(
        ...ids.map((orderId) => OrderEntity.build(BatchGetRequest).key({ orderId })),
        ...ids.map((orderId) => InvoiceEntity.build(BatchGetRequest).key({ orderId })),
      );
    const { Responses } = await executeBatchGet({ maxAttempts: 5 }, command);
    const found = Responses?.[0] ?? [];
    // Responses come back in request order: the orders, then their invoices.
    ids.forEach((orderId, index) => {
      const order = found[index];
      if (order && 'shipTo' in order) shipTo.set(orderId, order.shipTo);
      const invoice = found[ids.length + index];
      if (invoice?.invoiceNumber) invoiceNumbers.set(orderId, invoice.invoiceNumber);
    });
  }
  return { shipTo, invoiceNumbers };
}

export interface Closure {
  closedAt: string;
  closedBy: string;
  outcome: string;
  reason: string;
  override?: string;
}

/**
 * Closes a recall in one transaction, only if it is still in the status the
 * decision was made on: the recall becomes CLOSED (who, when, outcome, reason,
 * override), and its claims on lots and serials are deleted so a later recall
 * may name them again. The claims' removal is audited through the recall's
 * own change in the same transaction. False when the recall changed meanwhile.
 */
export async function closeRecallRecord(recall: RecallRecord, closure: Closure): Promise<boolean> {
  const claim = { condition: { attr: 'recallId', eq: recall.recallId } } as const;
  const transaction = {
    recall: RecallEntity.build(UpdateTransaction)
      .item({
        recallId: recall.recallId,
        status: 'CLOSED',
        closedAt: closure.closedAt,
        closedBy: closure.closedBy,
        closeOutcome: closure.outcome,
        closeReason: closure.reason,
        ...(closure.override ? { closeOverride: closure.override } : {}),
        changedBy: closure.closedBy,
        changeReason: `recall closed (${closure.outcome}): ${closure.reason}${closure.override ? `; override: ${closure.override}` : ''}`,
      })
      .options({ condition: { attr: 'status', eq: recall.status } }),
    lotClaims: recall.lots.map((lotNumber) => RecallLotClaimEntity.build(DeleteTransaction).key({ gtin: recall.gtin, lotNumber }).options(claim)),
    serialClaims: (recall.serials ?? []).map(({ serial }) =>
      RecallSerialClaimEntity.build(DeleteTransaction).key({ gtin: recall.gtin, serial }).options(claim),
    ),
  };
  try {
    await executeNamed(transaction);
    return true;
  } catch (error) {
    if (cancellationReasons(error, transaction)?.recall === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
