import { ConcurrentModificationError } from '../../platform/data/errors.js';
import { findLegalHold, putLegalHold, type LegalHoldRecord } from '../data/legal-hold-repository.js';
import type { LegalHoldStatus, LegalHoldView } from '../schemas/compliance.js';
import { orderArchivePrefix } from './archive/keys.js';
import { setLegalHoldOn, versionsUnder } from '../../platform/aws/objects.js';

export type LegalHoldOutcome = { result: 'SET'; hold: LegalHoldView } | { result: 'NOT_FOUND' } | { result: 'CONFLICT' };

export function legalHoldView(record: LegalHoldRecord): LegalHoldView {
  return {
    orderId: record.orderId,
    status: record.status,
    reason: record.reason,
    changedBy: record.changedBy,
    changedAt: record.changedAt,
    objectVersions: record.objectVersions,
  };
}

/**
 * Places or lifts the legal hold on every stored version of an order's
 * archived documents (overwritten versions included: an investigation wants
 * all of them), then records the change in the table for the audit trail.
 * The record is written first, conditional on the version read, so of two
 * officers changing the hold at once the loser touches no object; should S3
 * fail half-way the request fails and a retry converges (setting a hold twice
 * is harmless). While a hold is ON, S3 refuses to delete a version even
 * after its retention has ended.
 */
export async function changeLegalHold(
  orderId: string,
  status: LegalHoldStatus,
  change: { reason: string; actor: string },
  bucket: string,
  now: Date = new Date(),
  deps: { versionsUnder: typeof versionsUnder; setLegalHoldOn: typeof setLegalHoldOn } = { versionsUnder, setLegalHoldOn },
): Promise<LegalHoldOutcome> {
  const [versions, previous] = await Promise.all([deps.versionsUnder(bucket, orderArchivePrefix(orderId)), findLegalHold(orderId)]);
  if (versions.length === 0) return { result: 'NOT_FOUND' };
  let record: LegalHoldRecord;
  try {
    record = await putLegalHold(
      {
        orderId,
        status,
        reason: change.reason,
        changedBy: change.actor,
        changeReason: change.reason,
        changedAt: now.toISOString(),
        objectVersions: versions.length,
      },
      previous,
    );
  } catch (error) {
    if (error instanceof ConcurrentModificationError) return { result: 'CONFLICT' };
    throw error;
  }
  for (const version of versions) await deps.setLegalHoldOn(bucket, version, status);
  return { result: 'SET', hold: legalHoldView(record) };
}
