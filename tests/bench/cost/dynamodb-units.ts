import { readFileSync } from 'node:fs';

/** One line of the DynamoDB probe (tests/bench/probe/ddb_probe.py). */
export interface ProbeRecord {
  t: number;
  action: string;
  status?: number;
  accessKey?: string | null;
  probeError?: string;
  reads?: { consistent: boolean; transactional?: boolean; page?: boolean; index?: string | null; bytes: (number | null)[] }[];
  writes?: {
    kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
    oldBytes: number | null;
    newBytes: number | null;
    requestBytes?: number | null;
    indexes: { oldBytes: number | null; newBytes: number | null; moved: boolean; unchanged: boolean }[];
  }[];
}

export interface DynamoDbUsage {
  readRequestUnits: number;
  writeRequestUnits: number;
  /** Request units by operation, e.g. TransactWriteItems: { rru: 0, wru: 40 }. */
  unitsByRequest: Record<string, { rru: number; wru: number }>;
  /** Of the write units, those spent keeping the global secondary index up to date. */
  indexWriteRequestUnits: number;
  requests: Record<string, number>;
  /** Writes whose condition failed or whose transaction was cancelled: billed, but nothing changed. */
  failedWrites: number;
  probeErrors: number;
}

const KB = 1024;
const units = (bytes: number, per: number) => Math.max(1, Math.ceil(bytes / per));

/**
 * DynamoDB on-demand billing rules applied to the sizes the probe recorded:
 * - write: 1 WRU per started KB of the larger of the item before and after
 *   (and a Put's own item); a failed conditional write is billed the same
 *   way although nothing changed (at least 1 unit);
 * - transactional write (TransactWriteItems, ConditionCheck included): 2x per item;
 * - index: each changed GSI entry is a write of its own (1x, also under a
 *   transaction); an entry whose key changes is a delete plus a put;
 * - read: 1 RRU per started 4 KB strongly consistent, half eventually
 *   consistent, 2x transactional; a Query bills the total size of the items
 *   it evaluated (before filters), rounded up once per page; at least 1 unit.
 */
export function billRecord(record: ProbeRecord): { rru: number; wru: number; indexWru: number } {
  let rru = 0;
  let wru = 0;
  let indexWru = 0;
  for (const read of record.reads ?? []) {
    const factor = read.transactional ? 2 : read.consistent ? 1 : 0.5;
    const sizes = read.bytes.map((bytes) => bytes ?? 0);
    rru += read.page
      ? units(
          sizes.reduce((a, b) => a + b, 0),
          4 * KB,
        ) * factor
      : sizes.reduce((sum, bytes) => sum + units(bytes, 4 * KB) * factor, 0);
  }
  const transactional = record.action === 'TransactWriteItems';
  for (const write of record.writes ?? []) {
    wru += units(Math.max(write.oldBytes ?? 0, write.newBytes ?? 0, write.requestBytes ?? 0), KB) * (transactional ? 2 : 1);
    for (const index of write.indexes) {
      if (index.unchanged) continue;
      const before = index.oldBytes === null ? 0 : units(index.oldBytes, KB);
      const after = index.newBytes === null ? 0 : units(index.newBytes, KB);
      indexWru += index.moved ? before + after : Math.max(before, after);
    }
  }
  return { rru, wru: wru + indexWru, indexWru };
}

/** The probe's records of DynamoDB requests that started in [fromMs, toMs]. */
export function probeRecordsBetween(probeLog: string, fromMs: number, toMs: number): ProbeRecord[] {
  return readFileSync(probeLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProbeRecord)
    .filter((record) => !record.action.startsWith('_') && record.t * 1000 >= fromMs && record.t * 1000 <= toMs);
}

/** Request units of the given requests, leaving out those made with the bench's own access key. */
export function dynamoDbUsage(records: readonly ProbeRecord[], excludeAccessKey?: string): DynamoDbUsage {
  const usage: DynamoDbUsage = {
    readRequestUnits: 0,
    writeRequestUnits: 0,
    unitsByRequest: {},
    indexWriteRequestUnits: 0,
    requests: {},
    failedWrites: 0,
    probeErrors: 0,
  };
  for (const record of records) {
    if (excludeAccessKey !== undefined && record.accessKey === excludeAccessKey) continue;
    if (record.probeError) {
      usage.probeErrors += 1;
      continue;
    }
    const billed = billRecord(record);
    usage.readRequestUnits += billed.rru;
    usage.writeRequestUnits += billed.wru;
    usage.indexWriteRequestUnits += billed.indexWru;
    const byRequest = usage.unitsByRequest[record.action] ?? { rru: 0, wru: 0 };
    usage.unitsByRequest[record.action] = byRequest;
    byRequest.rru += billed.rru;
    byRequest.wru += billed.wru;
    usage.requests[record.action] = (usage.requests[record.action] ?? 0) + 1;
    if ((record.writes?.length ?? 0) > 0 && record.status !== 200) usage.failedWrites += 1;
  }
  return usage;
}
