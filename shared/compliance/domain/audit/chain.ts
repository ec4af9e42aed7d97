import { canonicalJson, sha256Hex } from '../../../platform/domain/canonical-json.js';
import type { AuditAction } from '../../schemas/audit.js';

/** The link before the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** One changed attribute of a MODIFY: its value before and after (absent on one side when added or removed). */
export interface AttributeChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** What an audit event says, before it is placed on its chain. */
export interface AuditEventContent {
  eventId: string;
  at: string;
  action: AuditAction;
  entityType: string;
  entityKey: string;
  version?: number;
  actor: string;
  reason?: string;
  /** The whole item after an INSERT, before a REMOVE; a MODIFY carries only `changes`. */
  before?: unknown;
  after?: unknown;
  changes?: AttributeChange[];
  /** Subjects the event is about, for the compliance queries (customer, product, lot, serial, order). */
  refs: Record<string, string>;
  /** Where it came from (the stream record id, or the request id of an access), which makes a retried write a no-op. */
  sourceId: string;
}

/** An audit event on its chain: position, link to its predecessor and its own hash. */
export interface ChainedAuditEvent extends AuditEventContent {
  chain: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** SHA-256 over the canonical JSON of everything the event states, its place and its predecessor's hash. */
export function hashOf(event: Omit<ChainedAuditEvent, 'hash'>): string {
  return sha256Hex(canonicalJson(event));
}

/** Appends content to a chain whose current head is `head` (none for a new chain). */
export function chainEvent(chain: string, head: ChainHead | undefined, content: AuditEventContent): ChainedAuditEvent {
  const unhashed = { ...content, chain, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: hashOf(unhashed) };
}

export type BrokenLinkProblem =
  /** An event's stored hash is not the hash of its content: the event was changed. */
  | 'HASH_MISMATCH'
  /** An event does not point at the hash of the event before it: something before it was replaced. */
  | 'LINK_MISMATCH'
  /** A sequence number is missing: an event was deleted. */
  | 'SEQUENCE_GAP'
  /** The chain ends before the head a signed checkpoint recorded: its tail was deleted. */
  | 'TRUNCATED'
  /** The event at the checkpoint's head position has another hash than the one signed. */
  | 'CHECKPOINT_MISMATCH';

export interface BrokenLink {
  problem: BrokenLinkProblem;
  /** The event found broken, or for a gap or truncation the first missing position. */
  seq: number;
  eventId?: string;
  detail: string;
}

export interface ChainCheck {
  intact: boolean;
  checkedEvents: number;
  head?: ChainHead;
  firstBrokenEvent?: BrokenLink;
}

/**
 * Recomputes a chain from its first event and reports the first broken link.
 * `events` is what the store returned for the chain, in any order; `signedHead`
 * is the head a verified checkpoint recorded for it, if any.
 */
export function checkChain(events: readonly ChainedAuditEvent[], signedHead?: ChainHead): ChainCheck {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  const broken = (link: BrokenLink): ChainCheck => ({ intact: false, checkedEvents: ordered.length, firstBrokenEvent: link });

  for (const event of ordered) {
    if (event.seq !== expectedSeq) {
      return broken({
        problem: 'SEQUENCE_GAP',
        seq: expectedSeq,
        eventId: event.eventId,
        detail:
          event.seq < expectedSeq ? `position ${event.seq} is stored twice` : `events ${expectedSeq}..${event.seq - 1} are missing before ${event.eventId}`,
      });
    }
    const { hash, ...unhashed } = event;
    if (hashOf(unhashed) !== hash) {
      return broken({
        problem: 'HASH_MISMATCH',
        seq: event.seq,
        eventId: event.eventId,
        detail: `event ${event.eventId} (seq ${event.seq}) does not match its hash: its content was changed`,
      });
    }
    if (event.prevHash !== previousHash) {
      return broken({
        problem: 'LINK_MISMATCH',
        seq: event.seq,
        eventId: event.eventId,
        detail: `event ${event.eventId} (seq ${event.seq}) does not link to the event before it`,
      });
    }
    previousHash = hash;
    expectedSeq += 1;
  }

  const last = ordered.at(-1);
  const head = last ? { seq: last.seq, hash: last.hash } : undefined;
  if (signedHead) {
    const atHead = ordered.find((event) => event.seq === signedHead.seq);
    if (!atHead) {
      return broken({
        problem: 'TRUNCATED',
        seq: (last?.seq ?? 0) + 1,
        detail: `the chain ends at seq ${last?.seq ?? 0}; the signed checkpoint recorded seq ${signedHead.seq}`,
      });
    }
    if (atHead.hash !== signedHead.hash) {
      return broken({
        problem: 'CHECKPOINT_MISMATCH',
        seq: atHead.seq,
        eventId: atHead.eventId,
        detail: `event ${atHead.eventId} (seq ${atHead.seq}) differs from the head the checkpoint signed`,
      });
    }
  }
  return { intact: true, checkedEvents: ordered.length, ...(head ? { head } : {}) };
}
