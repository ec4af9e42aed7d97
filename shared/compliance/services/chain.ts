import { verifyChain } from './audit/verify-chain.js';
import type { ChainCheckStatus } from '../schemas/compliance.js';

export interface ChainCheck {
  status: ChainCheckStatus;
  detail: string;
}

/**
 * The order's audit chain (every change of the items under `ORDER#{orderId}`,
 * hash-chained and sealed by signed checkpoints), recomputed from its first
 * event: part of verifying an archived document, so a record whose history
 * was tampered with does not verify even when its bytes and signature do.
 */
export async function checkAuditChain(orderId: string, bucket: string): Promise<ChainCheck> {
  const result = await verifyChain(`ORDER#${orderId}`, bucket);
  if (result.checkedEvents === 0) return { status: 'not-checked', detail: `no audit events are recorded for order ${orderId}` };
  if (result.intact) {
    const sealed = result.checkpoint ? `, sealed by checkpoint ${result.checkpoint.checkpointSeq}` : ', not yet sealed by a checkpoint';
    return { status: 'intact', detail: `${result.checkedEvents} audit events recomputed${sealed}` };
  }
  const broken = result.firstBrokenEvent;
  return {
    status: 'broken',
    detail: broken
      ? `${broken.problem} at event ${broken.seq}${broken.eventId ? ` (${broken.eventId})` : ''}: ${broken.detail}`
      : 'the checkpoint that seals the chain does not verify',
  };
}
