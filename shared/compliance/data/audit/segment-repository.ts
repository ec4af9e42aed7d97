import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import type { FormattedItem } from 'dynamodb-toolbox/entity';
import { map, string } from 'dynamodb-toolbox/schema';
import type { SealedHead } from '../../domain/audit/segment.js';
import { conditionHeld, isConditionFailure } from '../../../platform/data/errors.js';
import { AuditSegmentEntity, SealedDayEntity } from './audit-entities.js';

export type SegmentManifest = Omit<FormattedItem<typeof AuditSegmentEntity>, 'pk' | 'sk'>;
const SEGMENT_REF_KINDS = ['DAY', 'CUSTOMER', 'PRODUCT'] as const;
export type SegmentRefKind = (typeof SEGMENT_REF_KINDS)[number];

const manifestPartition = (chain: string) => `SEGMENTS#${chain}`;
const manifestSort = (firstSeq: number) => `SEG#${String(firstSeq).padStart(12, '0')}`;
/** Every sealed chain has a segment starting at position 1: its key tells whether a chain was ever sealed. */
export const firstSegmentKey = (chain: string) => ({ pk: manifestPartition(chain), sk: manifestSort(1) });
const refPartition = (kind: SegmentRefKind, value: string) => `SEGREF#${kind}#${value}`;
const refSort = (manifest: SegmentManifest) => `${manifest.lastAt}#${manifest.chain}#${String(manifest.firstSeq).padStart(12, '0')}`;

/** Audit access pattern A7: the sealed segments of a chain, in order (or the newest: the sealed head). */
const segmentsOfChain = AuditSegmentEntity.build(AccessPattern)
  .schema(string())
  .pattern((chain) => ({ partition: manifestPartition(chain), range: { beginsWith: 'SEG#' } }))
  .meta({ title: 'Sealed segments of an audit chain', description: 'Audit access pattern A7' });

/** Audit access pattern A8: segments holding events of a day, customer or product that end at or after an instant. */
const segmentRefs = AuditSegmentEntity.build(AccessPattern)
  .schema(map({ kind: string().enum(...SEGMENT_REF_KINDS), value: string(), from: string() }))
  .pattern(({ kind, value, from }) => ({ partition: refPartition(kind, value), range: { gte: from } }))
  .meta({ title: 'Sealed segments by day, customer or product', description: 'Audit access pattern A8' });

/** Audit access pattern A9: the last UTC day sealed completely. */
const sealedDays = SealedDayEntity.build(AccessPattern)
  .schema(string())
  .pattern(() => ({ partition: 'SEALED', range: { beginsWith: 'DAY#' } }))
  .meta({ title: 'Sealed days', description: 'Audit access pattern A9' });

const strip = ({ pk: _pk, sk: _sk, ...manifest }: FormattedItem<typeof AuditSegmentEntity>): SegmentManifest => manifest;

export async function segmentsOf(chain: string): Promise<SegmentManifest[]> {
  const { Items = [] } = await segmentsOfChain.query(chain).options({ consistent: true, maxPages: Infinity }).send();
  return Items.map(strip);
}

export async function latestSegment(chain: string): Promise<SegmentManifest | undefined> {
  const { Items = [] } = await segmentsOfChain.query(chain).options({ reverse: true, limit: 1, consistent: true }).send();
  return Items[0] ? strip(Items[0]) : undefined;
}

/** Where the sealed part of a chain ends (none when nothing is sealed). */
export async function sealedHead(chain: string): Promise<SealedHead | undefined> {
  const latest = await latestSegment(chain);
  return latest ? { lastSeq: latest.lastSeq, lastHash: latest.lastHash } : undefined;
}

/**
 * Records a sealed segment, only if no segment of the chain starts at the
 * same position: of two sealers racing, or a rerun, one manifest wins and the
 * loser learns it (false) and writes nothing more.
 */
export async function putSegmentManifest(manifest: SegmentManifest): Promise<boolean> {
  return conditionHeld(
    AuditSegmentEntity.build(PutItemCommand)
      .item({ pk: manifestPartition(manifest.chain), sk: manifestSort(manifest.firstSeq), ...manifest })
      .options({ condition: { attr: 'pk', exists: false } })
      .send(),
  );
}

/** Files a manifest under each day, customer and product of its events; a ref that exists already is left alone. */
export async function putSegmentRefs(manifest: SegmentManifest): Promise<number> {
  const refs: [SegmentRefKind, string][] = [
    ...manifest.days.map((day): [SegmentRefKind, string] => ['DAY', day]),
    ...manifest.customers.map((id): [SegmentRefKind, string] => ['CUSTOMER', id]),
    ...manifest.products.map((gtin): [SegmentRefKind, string] => ['PRODUCT', gtin]),
  ];
  await Promise.all(
    refs.map(async ([kind, value]) => {
      try {
        await AuditSegmentEntity.build(PutItemCommand)
          .item({ pk: refPartition(kind, value), sk: refSort(manifest), ...manifest })
          .options({ condition: { attr: 'pk', exists: false } })
          .send();
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }),
  );
  return refs.length;
}

/** Segments with events of a day, customer or product that end at or after `from` and begin at or before `to`. */
export async function segmentsFiledUnder(kind: SegmentRefKind, value: string, from: string, to: string): Promise<SegmentManifest[]> {
  const { Items = [] } = await segmentRefs.query({ kind, value, from }).options({ maxPages: Infinity }).send();
  return Items.map(strip).filter((manifest) => manifest.firstAt <= to);
}

export async function lastSealedDay(): Promise<string | undefined> {
  const { Items = [] } = await sealedDays.query('SEALED').options({ reverse: true, limit: 1, consistent: true }).send();
  return Items[0]?.day;
}

export async function markDaySealed(day: string, counts: { chains: number; segments: number; events: number }, sealedAt: string): Promise<void> {
  try {
    await SealedDayEntity.build(PutItemCommand)
      .item({ day, ...counts, sealedAt })
      .options({ condition: { attr: 'day', exists: false } })
      .send();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
