import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * How the repositories read a cancelled transaction: each refused item means
 * something else (a taken customer PO, a held near-duplicate claim, a stage
 * already recorded, a stale version...). DynamoDB is replaced by a client that
 * cancels every transaction with the reasons a test gives, item by item in
 * request order, and answers reads with nothing.
 */
const dynamo = vi.hoisted(() => ({
  /** The reason of each item in request order, or a rule giving the reason of an item by its content (independent of the order). */
  reasons: [] as string[] | ((item: Record<string, { Key?: Record<string, string> }>) => string),
  sent: [] as { name: string; input: Record<string, unknown> }[],
}));

vi.mock('../../../shared/platform/aws/dynamodb.js', () => ({
  dynamoDbClient: {},
  documentClient: {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      dynamo.sent.push({ name: command.constructor.name, input: command.input });
      if (command.constructor.name === 'TransactWriteCommand') {
        const items = command.input.TransactItems as Record<string, { Key?: Record<string, string> }>[];
        const rule = dynamo.reasons;
        const reasons = typeof rule === 'function' ? items.map(rule) : rule;
        if (reasons.length !== items.length) throw new Error(`test gave ${reasons.length} reasons for ${items.length} items`);
        throw Object.assign(new Error('Transaction cancelled'), {
          name: 'TransactionCanceledException',
          CancellationReasons: reasons.map((Code) => ({ Code })),
        });
      }
      return {};
    },
  },
}));

const CCF = 'ConditionalCheckFailed';
const OK = 'None';
const CONFLICT = 'TransactionConflict';
const at = '2026-11-25T10:00:00.000Z';
const orderId = 'ORD-01JQ8Z3M4N5P6R7S8T9V0W1X2Y';

/** The table keys of the reads sent after the cancelled transaction. */
const reads = () => dynamo.sent.filter((command) => command.name === 'GetCommand').map((command) => command.input.Key);

let orders: typeof import('../../../shared/orders/data/order-repository.js');
let picks: typeof import('../../../shared/inventory/data/pick-repository.js');
let payments: typeof import('../../../shared/receivables/data/payment-repository.js');
let masterRecords: typeof import('../../../shared/master-data/data/master-record-repository.js');
let audit: typeof import('../../../shared/compliance/data/audit/audit-repository.js');
let recalls: typeof import('../../../shared/recalls/data/recall-repository.js');
let stock: typeof import('../../../shared/inventory/data/stock-repository.js');
let approvals: typeof import('../../../shared/approvals/data/approval-repository.js');

beforeAll(async () => {
  process.env.TABLE_NAME ??= 'unit-test-table';
  process.env.AUDIT_TABLE_NAME ??= 'unit-test-audit';
  process.env.AUDIT_DAY_SHARDS ??= '4';
  process.env.AUDIT_LIVE_DAYS ??= '30';
  [orders, picks, payments, masterRecords, audit, recalls, stock, approvals] = await Promise.all([
    import('../../../shared/orders/data/order-repository.js'),
    import('../../../shared/inventory/data/pick-repository.js'),
    import('../../../shared/receivables/data/payment-repository.js'),
    import('../../../shared/master-data/data/master-record-repository.js'),
    import('../../../shared/compliance/data/audit/audit-repository.js'),
    import('../../../shared/recalls/data/recall-repository.js'),
    import('../../../shared/inventory/data/stock-repository.js'),
    import('../../../shared/approvals/data/approval-repository.js'),
  ]);
});

beforeEach(() => {
  dynamo.sent.length = 0;
});

const refuse = (...reasons: string[]) => {
  dynamo.reasons = reasons;
};

describe('given an order created with its customer PO, first event and near-duplicate claim (createOrder)', () => {
  const order = {
    orderId,
    status: 'RECEIVED' as const,
    channel: 'portal' as const,
    submittedBy: 'client:test',
    customerId: 'CUST-1',
    customerPo: 'PO-1',
    shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
    lines: [{ lineNo: 1, gtin: '05012345678900', quantity: 1 }],
  };
  const received = { eventId: '00-RECEIVED', type: 'ORDER_RECEIVED', actor: 'test' } as const;
  const claim = { fingerprint: 'f1', windowSeconds: 3600 };

  it('when the customer PO is taken, then it is refused as a duplicate PO (after reading who has it)', async () => {
    refuse(OK, CCF, OK);
    await expect(orders.createOrder(order, received, at)).rejects.toMatchObject({ name: 'DuplicateCustomerPoError', existingOrderId: 'unknown' });
    expect(reads()).toEqual([{ PK: 'CUSTOMERPO#CUST-1#PO-1', SK: 'CUSTOMERPO' }]);
  });

  it('when another order holds the near-duplicate claim, then nothing is created and the holder is looked up', async () => {
    refuse(OK, OK, OK, CCF);
    expect(await orders.createOrder(order, received, at, claim)).toEqual({ created: false, claimedBy: undefined });
    expect(reads()).toHaveLength(1);
    expect(JSON.stringify(reads()[0])).toContain('f1');
  });

  it('when the claim is lost to a concurrent transaction, then nothing is created and nothing is read', async () => {
    refuse(OK, OK, OK, CONFLICT);
    expect(await orders.createOrder(order, received, at, claim)).toEqual({ created: false, claimedBy: undefined });
    expect(reads()).toEqual([]);
  });

  it('when the order id exists already, then the cancellation is thrown as it came', async () => {
    refuse(CCF, OK, OK);
    await expect(orders.createOrder(order, received, at)).rejects.toMatchObject({ name: 'TransactionCanceledException' });
  });
});

describe('given an approval decided with its signature and the order event (recordDecision)', () => {
  const write = {
    decision: { decidedBy: 'mia', decidedAt: at, meaning: 'APPROVED' },
    signature: {
      orderId,
      approvalId: 'A-1',
      reason: 'ORDER_VALUE_OVER_THRESHOLD',
      signerUsername: 'mia',
      signerName: 'Mia',
      signedAt: at,
      meaning: 'APPROVED',
      meaningText: 'Approved',
      orderVersion: 2,
      orderContentHash: 'a'.repeat(64),
    },
    event: { eventId: '04-SIGNED#A-1', type: 'APPROVAL_SIGNED' as const, actor: 'user:mia', status: 'AWAITING_APPROVAL' as const },
  };

  it('when the approval is no longer pending, then it answers false: someone else decided, or it closed', async () => {
    refuse(CCF, OK, OK);
    expect(await approvals.recordDecision(write)).toBe(false);
  });

  it('when the approval is pending but its signature or event exists already, or a concurrent write conflicts, then the cancellation is thrown (a retry reads the state again)', async () => {
    refuse(OK, CCF, OK);
    await expect(approvals.recordDecision(write)).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    refuse(CONFLICT, OK, OK);
    await expect(approvals.recordDecision(write)).rejects.toMatchObject({ name: 'TransactionCanceledException' });
  });
});

describe('given a stage recorded on an order (recordTransition)', () => {
  const event = { eventId: '02-PRICED', type: 'ORDER_PRICED', actor: 'workflow' } as const;

  it('when its event is already there (a retried step), then it reports that nothing changed', async () => {
    refuse(OK, CCF);
    expect(await orders.recordTransition({ orderId, version: 3 }, 'PRICED', {}, event, at)).toBe(false);
  });

  it('when the order changed since it was read, then it is a concurrent modification', async () => {
    refuse(CCF, OK);
    await expect(orders.recordTransition({ orderId, version: 3 }, 'PRICED', {}, event, at)).rejects.toMatchObject({ name: 'ConcurrentModificationError' });
  });
});

describe('given a pick task opened for an allocated order (openPickTask)', () => {
  const task = { orderId, round: 1, taskToken: 't', customerId: 'CUST-1', customerPo: 'PO-1', readyAt: at, pickBy: at, lines: [] };
  const event = { eventId: '06-READY_TO_PICK-r1', detail: {} };

  it('when the task of the round is already closed, then it says so', async () => {
    refuse(CCF, OK, OK);
    expect(await picks.openPickTask({ orderId, version: 1, status: 'ALLOCATED' }, task, event, at)).toBe('TASK_CLOSED');
  });

  it('when the order changed since it was read, then it is a concurrent modification', async () => {
    refuse(OK, CCF, OK);
    await expect(picks.openPickTask({ orderId, version: 1, status: 'ALLOCATED' }, task, event, at)).rejects.toMatchObject({
      name: 'ConcurrentModificationError',
    });
  });

  it('when the order is already ready to pick (a retry) and the task closed, then it says so', async () => {
    refuse(CCF);
    expect(await picks.openPickTask({ orderId, version: 1, status: 'READY_TO_PICK' }, task, event, at)).toBe('TASK_CLOSED');
  });
});

describe('given a payment applied to an invoice (applyPaymentToInvoice)', () => {
  const invoice = { orderId, invoiceNumber: 'INV-1', paymentStatus: 'UNPAID', amountPaid: undefined } as unknown as Parameters<
    typeof payments.applyPaymentToInvoice
  >[0];
  const payment = {
    orderId,
    paymentReference: 'BANK-1',
    invoiceNumber: 'INV-1',
    amount: '10.00',
    currency: 'EUR',
    receivedOn: '2026-11-25',
    method: 'BANK_TRANSFER',
    recordedAt: at,
    recordedBy: 'user:clerk',
    changedBy: 'user:clerk',
    changeReason: 'payment',
  } as unknown as Parameters<typeof payments.applyPaymentToInvoice>[1];
  const next = { amountPaid: '10.00', openBalance: '0.00', paymentStatus: 'PAID' as const };

  it.each([
    [[CCF, OK], 'REFERENCE_TAKEN'],
    [[OK, CCF], 'INVOICE_CHANGED'],
    [[OK, CONFLICT], 'INVOICE_CHANGED'],
  ])('when DynamoDB gives %j, then the outcome is %s', async (reasons, outcome) => {
    refuse(...reasons);
    expect(await payments.applyPaymentToInvoice(invoice, payment, next)).toBe(outcome);
  });
});

describe('given a new master-data version with its projection (writeVersion)', () => {
  const version = {
    kind: 'contracts' as const,
    id: 'C-1',
    version: 2,
    recordedAt: at,
    recordedBy: 'user:admin',
    changes: ['lines'],
    data: { contractId: 'C-1', customerId: 'CUST-1', currency: 'EUR', validFrom: '2026-01-01', lines: [] },
    changedBy: 'user:admin',
  };

  it.each([[[CCF, OK, OK]], [[OK, CCF, OK]]])('when DynamoDB gives %j, then the caller read a stale version', async (reasons) => {
    refuse(...reasons);
    await expect(masterRecords.writeVersion(version, { version: 1 })).rejects.toMatchObject({ name: 'StaleVersionError' });
  });

  it('when only the projection is refused, then the cancellation is thrown as it came', async () => {
    refuse(OK, OK, CCF);
    await expect(masterRecords.writeVersion(version, { version: 1 })).rejects.toMatchObject({ name: 'TransactionCanceledException' });
  });
});

describe('given an audit event appended after the head of its chain (appendAfter)', () => {
  const content = {
    eventId: 'e1',
    at,
    action: 'INSERT' as const,
    entityType: 'Order',
    entityKey: 'ORDER#1',
    actor: 'system:test',
    refs: {},
    sourceId: 'src-1',
  };

  it('when its source was appended before, then it names the earlier event (after reading the source claim)', async () => {
    refuse(CCF, OK);
    expect(await audit.appendAfter('ORDER#1', { seq: 4, hash: 'h' }, content)).toEqual({ appended: false, duplicateOf: { chain: 'ORDER#1', seq: 0 } });
    expect(reads()).toHaveLength(1);
  });

  it('when another writer took the position, then it lost the race', async () => {
    refuse(OK, CCF);
    expect(await audit.appendAfter('ORDER#1', { seq: 4, hash: 'h' }, content)).toEqual({ appended: false, lostRace: true });
  });

  it('when a new chain finds a sealed segment, then the chain is sealed', async () => {
    refuse(OK, OK, CCF);
    expect(await audit.appendAfter('ORDER#1', undefined, content)).toEqual({ appended: false, sealedChain: true });
  });

  it('when another transaction held an item, then it lost the race', async () => {
    refuse(OK, OK, CONFLICT);
    expect(await audit.appendAfter('ORDER#1', undefined, content)).toEqual({ appended: false, lostRace: true });
  });
});

describe('given a recall written with its claims (createRecall) and closed (closeRecallRecord)', () => {
  const recall = {
    recallId: 'RCL-1',
    recallClass: 'II' as const,
    reason: 'sterility not assured',
    gtin: '05012345678900',
    lots: ['L1', 'L2'],
    serials: [{ serial: 'S1', lotNumber: 'L3' }],
    status: 'OPEN' as const,
    createdAt: at,
    createdBy: 'user:qa',
    changedBy: 'user:qa',
  } as unknown as Parameters<typeof recalls.createRecall>[0];

  it('when a lot and a serial are already claimed, then exactly those are named', async () => {
    refuse(OK, OK, CCF, CCF);
    await expect(recalls.createRecall(recall)).rejects.toMatchObject({
      name: 'LotAlreadyRecalledError',
      claims: [
        { lotNumber: 'L2', recallId: 'unknown' },
        { serial: 'S1', recallId: 'unknown' },
      ],
    });
  });

  it('when only the recall itself exists, then the cancellation is thrown as it came', async () => {
    refuse(CCF, OK, OK, OK);
    await expect(recalls.createRecall(recall)).rejects.toMatchObject({ name: 'TransactionCanceledException' });
  });

  it('when the recall changed before it was closed, then closing reports false', async () => {
    refuse(CCF, OK, OK, OK);
    const record = { ...recall, status: 'NOTIFIED' } as unknown as Parameters<typeof recalls.closeRecallRecord>[0];
    expect(await recalls.closeRecallRecord(record, { closedAt: at, closedBy: 'user:qa', outcome: 'EFFECTIVE', reason: 'done' })).toBe(false);
  });
});

describe('given a reserved line shipped from two lots, one with serials (shipReservation)', () => {
  const gtin = '05012345678900';
  const reservation = {
    orderId,
    lineNo: 1,
    gtin,
    status: 'RESERVED',
    picks: [
      { lotNumber: 'L1', expiry: '2027-01-31', quantity: 2, serials: ['S1', 'S2'] },
      { lotNumber: 'L2', expiry: '2027-03-31', quantity: 1 },
    ],
  } as unknown as Parameters<typeof stock.shipReservation>[0];
  const shipment = { customerId: 'CUST-1', shippedAt: at };
  /** Refuses the updates whose key is one of these (the lot, serial or reservation keys); every other item is fine. */
  const refuseUpdatesOf = (...keys: string[]) => {
    refuse();
    dynamo.reasons = (item) => {
      const key = item.Update?.Key;
      return key && keys.some((k) => `${key.PK} ${key.SK}`.includes(k)) ? CCF : OK;
    };
  };

  it('when the line was already shipped or released, then it reports false', async () => {
    refuseUpdatesOf(`ORDER#${orderId} RESERVATION#001`);
    expect(await stock.shipReservation(reservation, shipment)).toBe(false);
  });

  it('when the second lot is no longer released, then nothing ships and that lot is named', async () => {
    refuseUpdatesOf('LOT#2027-03-31#L2');
    await expect(stock.shipReservation(reservation, shipment)).rejects.toMatchObject({ name: 'LotNotShippableError', lotNumbers: ['L2'] });
  });

  it('when a serial of the first lot is held by a recall, then nothing ships and its lot is named', async () => {
    refuseUpdatesOf(`SERIAL#${gtin}#S2`);
    await expect(stock.shipReservation(reservation, shipment)).rejects.toMatchObject({ name: 'LotNotShippableError', lotNumbers: ['L1'] });
  });

  it('when both lots are refused, then both are named in pick order', async () => {
    refuseUpdatesOf('LOT#2027-03-31#L2', 'LOT#2027-01-31#L1');
    await expect(stock.shipReservation(reservation, shipment)).rejects.toMatchObject({ name: 'LotNotShippableError', lotNumbers: ['L1', 'L2'] });
  });
});
