import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LOCAL_PARTNERS, TEST_PARTNER_OF } from '../../infra/local/demo-data.js';
import { partnerClientIds } from '../../infra/local/channel-client.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { newBatchId } from '../../shared/platform/domain/ids.js';
import { batchCsv, givenBatchProducts } from '../support/batch.js';
import { deployedStack, givenCustomer } from '../support/stack.js';

describe('given the batch processor against the emulated table, bucket and workflow', () => {
  const outputs = deployedStack();
  const batchClientId = partnerClientIds(outputs)[TEST_PARTNER_OF.batch]!;
  const principal = `client:${batchClientId}`;
  let repository: typeof import('../../shared/channels/data/batch-repository.js');
  let processor: typeof import('../../shared/channels/services/batch/process-upload.js');
  let orders: typeof import('../../shared/orders/data/order-repository.js');
  let intake: typeof import('../../shared/orders/services/place-order.js');
  let groups: typeof import('../../shared/channels/domain/batch/order-groups.js');
  let csvFile: typeof import('../../shared/channels/domain/batch/csv-file.js');
  let s3: typeof import('../../shared/platform/aws/s3.js');
  let customerId: string;
  let gtins: string[];

  beforeAll(async () => {
    [repository, processor, orders, intake, groups, csvFile, s3] = await Promise.all([
      import('../../shared/channels/data/batch-repository.js'),
      import('../../shared/channels/services/batch/process-upload.js'),
      import('../../shared/orders/data/order-repository.js'),
      import('../../shared/orders/services/place-order.js'),
      import('../../shared/channels/domain/batch/order-groups.js'),
      import('../../shared/channels/domain/batch/csv-file.js'),
      import('../../shared/platform/aws/s3.js'),
    ]);
    customerId = await givenCustomer({ currency: 'USD' });
    gtins = await givenBatchProducts(2);
  });

  /** A batch as the upload route leaves it, stored under a prefix the deployed processor does not watch. */
  async function givenStoredBatch(ordersInFile: number, lines = 1) {
    // Each order its own quantity, so none is held as a near duplicate of another.
    const { csv, pos } = batchCsv(customerId, ordersInFile, lines, { gtins, edit: (line, order) => ({ ...line, quantity: String(order + 1) }) });
    const batchId = newBatchId();
    const objectKey = `it/${batchId}.csv`;
    await repository.createBatch({
      batchId,
      channel: 'batch',
      ownerClientId: batchClientId,
      partnerId: TEST_PARTNER_OF.batch,
      submittedBy: principal,
      status: 'RECEIVED',
      objectKey,
      bytes: csv.length,
      rows: ordersInFile * lines,
      orders: ordersInFile,
      receivedAt: new Date().toISOString(),
      changedBy: principal,
      changeReason: `batch upload ${batchId}`,
    });
    await s3.s3Client.send(new PutObjectCommand({ Bucket: outputs.BatchUploadBucketName, Key: objectKey, Body: csv }));
    const file = csvFile.readBatchCsv(csv);
    if (!file.ok) throw new Error(file.reason);
    return { batchId, pos, requests: groups.ordersOfFile(file.rows).map((group) => group.request!) };
  }

  const intakeSettings = () => ({ stateMachineArn: outputs.StateMachineArn, nearDuplicateWindowHours: 72, partners: LOCAL_PARTNERS });

  /** Every PO of the file has exactly one order, and it is the one the report names. */
  async function expectOneOrderPerPo(batchId: string, pos: string[]) {
    const results = await repository.resultsOf(batchId);
    expect(results.map((result) => [result.customerPo, result.outcome])).toEqual(pos.map((po) => [po, 'CREATED']));
    expect(new Set(results.map((result) => result.orderId)).size).toBe(pos.length);
    for (const result of results) {
      const order = await orders.findOrder(result.orderId!);
      expect(order?.customerPo).toBe(result.customerPo);
    }
    return results;
  }

  it('when two runs process the same batch at once, then every PO becomes exactly one order and the progress counts each once', async () => {
    const { batchId, pos } = await givenStoredBatch(12);
    await Promise.all([
      processor.processUpload(outputs.BatchUploadBucketName, batchId, intakeSettings(), 100),
      processor.processUpload(outputs.BatchUploadBucketName, batchId, intakeSettings(), 100),
    ]);
    await expectOneOrderPerPo(batchId, pos);
    expect(await repository.findBatch(batchId)).toMatchObject({
      status: 'DONE',
      ordersProcessed: 12,
      rowsProcessed: 12,
      ordersCreated: 12,
      ordersDuplicate: 0,
      changedBy: processor.PROCESSOR,
    });
  });

  it('when a run was interrupted after placing orders but before recording them, then the next run records those orders as created and places no second one', async () => {
    const { batchId, pos, requests } = await givenStoredBatch(6);
    const placedBeforeCrash = await Promise.all(
      requests.slice(0, 3).map((request) => intake.placeOrder(request, { channel: 'batch', principal, partnerId: TEST_PARTNER_OF.batch }, intakeSettings())),
    );
    await processor.processUpload(outputs.BatchUploadBucketName, batchId, intakeSettings(), 100);
    const results = await expectOneOrderPerPo(batchId, pos);
    expect(results.slice(0, 3).map((result) => result.orderId)).toEqual(
      placedBeforeCrash.map((placed) => (placed.outcome === 'CREATED' ? placed.orderId : placed.outcome)),
    );
  });

  it('when a run stops after its share, then progress shows where it stopped and its continuation object starts the deployed processor for the rest', async () => {
    const { batchId, pos } = await givenStoredBatch(10);
    await processor.processUpload(outputs.BatchUploadBucketName, batchId, intakeSettings(), 4);
    const afterFirstRun = await repository.findBatch(batchId);
    expect(afterFirstRun).toMatchObject({ status: expect.stringMatching(/PROCESSING|DONE/), ordersProcessed: expect.any(Number) });
    expect(afterFirstRun!.ordersProcessed).toBeGreaterThanOrEqual(4);

    const deadline = Date.now() + 60_000;
    while ((await repository.findBatch(batchId))?.status !== 'DONE' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    await expectOneOrderPerPo(batchId, pos);
  });
});
