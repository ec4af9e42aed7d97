import { checkChain } from '../../domain/audit/chain.js';
import { chainEvents, latestCover } from '../../data/audit/audit-repository.js';
import type { ChainVerification } from '../../schemas/audit.js';
import { loadCheckpoint } from './checkpoint.js';

/**
 * Recomputes a chain from its first event and compares its head with the
 * latest signed checkpoint that covers it. Reports the first broken link: a
 * changed event (hash), a replaced one (link), a deleted one (sequence gap),
 * a deleted tail (shorter than the checkpoint signed). The checkpoint's own
 * signature is checked with KMS; the cover record only says where to look,
 * the signed manifest is what counts.
 */
export async function verifyChain(chain: string, bucket: string): Promise<ChainVerification> {
  const [events, cover] = await Promise.all([chainEvents(chain), latestCover(chain)]);
  if (!cover) return { chain, ...checkChain(events) };

  const { checkpoint, signatureValid } = await loadCheckpoint(bucket, cover.checkpointKey);
  const signed = checkpoint.manifest.heads.find((head) => head.chain === chain);
  const summary = {
    checkpointSeq: checkpoint.manifest.checkpointSeq,
    key: cover.checkpointKey,
    createdAt: checkpoint.manifest.createdAt,
    signatureValid: signatureValid && Boolean(signed),
    head: signed ? { seq: signed.seq, hash: signed.hash } : cover.head,
  };
  const check = checkChain(events, signatureValid && signed ? { seq: signed.seq, hash: signed.hash } : undefined);
  return { chain, ...check, intact: check.intact && summary.signatureValid, checkpoint: summary };
}
