import { uniqueGtin } from '../../support/fixtures.js';
import { dynamoDbUsage, probeRecordsBetween } from '../cost/dynamodb-units.js';
import type { BenchContext } from '../support/context.js';
import { median, round } from '../support/stats.js';
import { writeShipments } from './shipments.js';

export interface TraceMeasurement {
  /** Shipments recorded for the traced lot. */
  shipments: number;
  /** LotShipment items in the table (all lots of the benchmark) when the query ran. */
  shipmentsInTable: number;
  /** What shipmentsOf returned: fewer than `shipments` means the trace lost recipients. */
  itemsReturned: number;
  /** Items DynamoDB read (evaluated) for the query, pages and request units, from the probe. */
  itemsRead: number | null;
  pages: number | null;
  readRequestUnits: number | null;
  latencyMs: { median: number; min: number };
}

/**
 * Lot trace (recall) cost as shipments grow: shipmentsOf(gtin, lot) is one
 * Query on the lot's partition. Each lot gets its shipments written straight
 * through the entity, then its trace is timed; the smallest lot is traced
 * again at the end, with every shipment in the table, to show that the cost
 * follows the result and not the table.
 */
export async function runTraceQuery(ctx: BenchContext): Promise<TraceMeasurement[]> {
  const { shipmentsOf } = await import('../../../shared/inventory/data/stock-repository.js');
  const gtin = uniqueGtin();
  const repetitions = ctx.options.mode === 'full' ? 7 : 3;
  let inTable = 0;

  const measure = async (lotNumber: string, shipments: number): Promise<TraceMeasurement> => {
    await shipmentsOf(gtin, lotNumber); // warm the path once, untimed and uncounted
    const timings: number[] = [];
    let itemsReturned = 0;
    const from = Date.now();
    for (let i = 0; i < repetitions; i++) {
      const started = performance.now();
      itemsReturned = (await shipmentsOf(gtin, lotNumber)).length;
      timings.push(performance.now() - started);
    }
    const records = ctx.ddbProbeLog ? probeRecordsBetween(ctx.ddbProbeLog, from, Date.now()).filter((r) => r.action === 'Query') : null;
    const perQuery = (n: number) => round(n / repetitions, 2);
    return {
      shipments,
      shipmentsInTable: inTable,
      itemsReturned,
      itemsRead: records ? perQuery(records.reduce((total, r) => total + (r.reads?.[0]?.bytes.length ?? 0), 0)) : null,
      pages: records ? perQuery(records.length) : null,
      readRequestUnits: records ? perQuery(dynamoDbUsage(records).readRequestUnits) : null,
      latencyMs: { median: round(median(timings), 1), min: round(Math.min(...timings), 1) },
    };
  };

  const results: TraceMeasurement[] = [];
  for (const shipments of ctx.options.traceShipments) {
    const lotNumber = `TRACE-${shipments}`;
    await writeShipments(gtin, lotNumber, shipments);
    inTable += shipments;
    results.push(await measure(lotNumber, shipments));
    console.log(`  lot with ${shipments} shipments: ${results.at(-1)!.latencyMs.median} ms, ${results.at(-1)!.itemsReturned} returned`);
  }
  const smallest = Math.min(...ctx.options.traceShipments);
  results.push(await measure(`TRACE-${smallest}`, smallest));
  return results;
}
