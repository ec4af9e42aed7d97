import { beforeEach, describe, expect, it } from 'vitest';
import type { LotHistory, LotRegistryRecord, LotShipmentRecord, StockLotRecord } from '../../../shared/inventory/data/inventory-repository.js';
import type { CustomerRecord } from '../../../shared/inventory/data/trace-repository.js';
import type { ProductRecord } from '../../../shared/master-data/data/master-data-repository.js';
import type { LetterOutcome, RecallConsigneeRecord, RecallRecord } from '../../../shared/recalls/data/recall-repository.js';
import { notifyRecall, type NotifyDeps, type NotifySettings } from '../../../shared/recalls/services/notify.js';
import { fakeMail } from '../../support/fake-ports.js';

const GLOVES = '09501101530003';
const RECALL_ID = 'RCL-01JD0000000000000000000003';
const settings: NotifySettings = {
  publicApiUrl: 'https://api.distributor.test/',
  senderEmail: 'recalls@distributor.test',
  configurationSetName: 'recall-letters',
};

const recall = {
  recallId: RECALL_ID,
  recallClass: 'II',
  reason: 'sterile barrier may be breached',
  gtin: GLOVES,
  lots: ['GL1'],
  status: 'CONTAINED',
  createdAt: '2026-11-25T08:00:00.000Z',
  createdBy: 'user:quality',
  changedBy: 'user:quality',
} as RecallRecord;

const shipped = (orderId: string, customerId: string, quantity: number, shippedAt: string) =>
  ({ gtin: GLOVES, lotNumber: 'GL1', orderId, lineNo: 1, customerId, expiry: '2028-01-31', quantity, shippedAt }) as LotShipmentRecord;

const customer = (customerId: string, legalName: string, contactEmail: string) => ({ customerId, legalName, contactEmail }) as CustomerRecord;

/** Lot GL1 went to three customers: Alpha twice, Beta (whose address SES refuses) once, and one customer missing from master data. */
function fakeRecallStore() {
  const consignees = new Map<string, RecallConsigneeRecord>();
  const letters: { customerId: string; letter: LetterOutcome }[] = [];
  const updates: Parameters<NotifyDeps['updateRecall']>[1][] = [];
  const deps: Omit<NotifyDeps, 'sendEmail'> = {
    getRecall: async () => recall,
    lotHistory: async (): Promise<LotHistory> => ({
      receipts: [],
      events: [],
      reservations: [],
      shipments: [
        shipped('ORD-1', 'CUST-ALPHA', 5, '2026-10-01T10:00:00.000Z'),
        shipped('ORD-2', 'CUST-ALPHA', 3, '2026-10-15T10:00:00.000Z'),
        shipped('ORD-3', 'CUST-BETA', 2, '2026-10-20T10:00:00.000Z'),
        shipped('ORD-4', 'CUST-GONE', 1, '2026-10-21T10:00:00.000Z'),
      ],
    }),
    findCustomers: async () =>
      new Map([
        ['CUST-ALPHA', customer('CUST-ALPHA', 'Alpha Hospital', 'purchasing@alpha.test')],
        ['CUST-BETA', customer('CUST-BETA', 'Beta Clinic', 'nobody@beta.test')],
      ]),
    orderDocuments: async () => ({ shipTo: new Map(), invoiceNumbers: new Map([['ORD-1', 'INV-1']]) }),
    findProducts: async () => new Map([[GLOVES, { gtin: GLOVES, name: 'Nitrile exam gloves' } as ProductRecord]]),
    putConsigneeOnce: async (consignee) => {
      const existing = consignees.get(consignee.customerId);
      if (existing) return existing;
      consignees.set(consignee.customerId, consignee as RecallConsigneeRecord);
      return consignee as RecallConsigneeRecord;
    },
    recordLetter: async (_recallId, customerId, letter) => {
      letters.push({ customerId, letter });
      Object.assign(consignees.get(customerId)!, { letterStatus: letter.status });
    },
    findLotRegistry: async () => ({ gtin: GLOVES, lotNumber: 'GL1', expiry: '2028-01-31' }) as LotRegistryRecord,
    findStockLot: async () => ({ status: 'ON_HOLD', onHand: 40, reserved: 0 }) as StockLotRecord,
    updateRecall: async (_recallId, changes) => {
      updates.push(changes);
    },
  };
  return { consignees, letters, updates, deps };
}

describe('given a Class II recall of a lot shipped to three customers', () => {
  let store: ReturnType<typeof fakeRecallStore>;
  let mail: ReturnType<typeof fakeMail>;
  let deps: NotifyDeps;

  beforeEach(() => {
    store = fakeRecallStore();
    mail = fakeMail(['nobody@beta.test']);
    deps = { ...store.deps, sendEmail: mail.sendEmail };
  });

  it('when the recall is notified, then each consignee with an address gets one letter through the configuration set that reports its delivery', async () => {
    expect(await notifyRecall(RECALL_ID, settings, deps)).toEqual({ consignees: 3 });

    expect(mail.outbox).toHaveLength(1);
    const [letter] = mail.outbox;
    const alpha = store.consignees.get('CUST-ALPHA')!;
    expect(letter).toMatchObject({
      from: 'recalls@distributor.test',
      to: ['purchasing@alpha.test'],
      configurationSet: 'recall-letters',
      subject: `Medical device recall ${RECALL_ID} (Class II): Nitrile exam gloves, for Alpha Hospital`,
    });
    // Both shipments to Alpha are in its one letter, with the link to its own acknowledgement (the trailing slash of the API URL dropped).
    expect(letter!.text).toContain('lot GL1: 8 unit(s)');
    expect(letter!.text).toContain('5 of lot GL1, order ORD-1, shipment SHP-1, invoice INV-1');
    expect(letter!.text).toContain('3 of lot GL1, order ORD-2, shipment SHP-2');
    expect(letter!.text).toContain(`https://api.distributor.test/v1/recall-acks/${alpha.ackId}`);
  });

  it('when SES refuses an address or master data has none, then that consignee’s letter is recorded FAILED with the reason and the others are still sent', async () => {
    await notifyRecall(RECALL_ID, settings, deps);

    expect(Object.fromEntries(store.letters.map(({ customerId, letter }) => [customerId, letter]))).toEqual({
      'CUST-ALPHA': { status: 'SENT', at: expect.any(String), messageId: 'msg-1' },
      'CUST-BETA': { status: 'FAILED', at: expect.any(String), error: 'Address blacklisted: nobody@beta.test' },
      'CUST-GONE': { status: 'FAILED', at: expect.any(String), error: 'no contact email in master data: notify by other means' },
    });
    expect(store.updates).toEqual([
      expect.objectContaining({ status: 'NOTIFIED', stockOnHand: [{ lotNumber: 'GL1', expiry: '2028-01-31', status: 'ON_HOLD', onHand: 40, reserved: 0 }] }),
    ]);
  });

  it('when the step is retried after the letters went out, then no letter is sent twice and every consignee keeps its acknowledgement link', async () => {
    await notifyRecall(RECALL_ID, settings, deps);
    const links = [...store.consignees.values()].map((consignee) => consignee.ackId);

    await notifyRecall(RECALL_ID, settings, deps);

    expect(mail.outbox).toHaveLength(1);
    expect([...store.consignees.values()].map((consignee) => consignee.ackId)).toEqual(links);
  });

  it('when SES fails for a technical reason, then the step fails (to be retried) and the letter stays PENDING', async () => {
    mail.failWith(Object.assign(new Error('Maximum sending rate exceeded'), { name: 'TooManyRequestsException' }));

    await expect(notifyRecall(RECALL_ID, settings, deps)).rejects.toThrow('Maximum sending rate exceeded');
    expect(store.consignees.get('CUST-ALPHA')?.letterStatus).toBe('PENDING');
    expect(store.updates).toEqual([]);
  });
});
