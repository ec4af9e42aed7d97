import { z } from 'zod';
import type { putEvents } from '../../platform/aws/events.js';
import { publishDomainEvents } from './publish-events.js';
import { startWorkflowsOfReceivedOrders } from './start-received-orders.js';
import type { startWorkflow } from './start-workflow.js';
import { TableStreamRecord } from './table-stream-record.js';

export interface RelaySettings {
  busName: string;
  stateMachineArn: string;
}

/** A stream record the relay could not relay, kept whole (as received) with why, until the replay relays it. */
export interface KeptPublication {
  record: unknown;
  reason: string;
  keptAt: string;
}

export interface RelayPorts {
  putEvents: typeof putEvents;
  startWorkflow: typeof startWorkflow;
  /** Keeps a record in the kept-publications queue; throws if it cannot. */
  keep: (kept: KeptPublication) => Promise<void>;
}

export interface RelayOutcome {
  kept: number;
  /** Sequence numbers of records that could be neither relayed nor kept: the stream retries them. */
  unkept: string[];
}

const sequenceOf = (record: TableStreamRecord) => record.dynamodb?.SequenceNumber ?? '';

/** Relays a batch: outbox items to the bus, orders entering RECEIVED to their workflow; answers which records failed and why. */
async function relay(records: readonly TableStreamRecord[], settings: RelaySettings, ports: Pick<RelayPorts, 'putEvents' | 'startWorkflow'>) {
  const [unpublished, unstarted] = await Promise.all([
    publishDomainEvents(records, settings.busName, { putEvents: ports.putEvents }),
    startWorkflowsOfReceivedOrders(records, settings.stateMachineArn, { startWorkflow: ports.startWorkflow }),
  ]);
  const why = new Map<string, string[]>();
  for (const sequence of unpublished) why.set(sequence, [...(why.get(sequence) ?? []), 'its event could not be put on the bus']);
  for (const sequence of unstarted) why.set(sequence, [...(why.get(sequence) ?? []), 'its order workflow could not be started']);
  return records.flatMap((record) => {
    const reasons = why.get(sequenceOf(record));
    return reasons ? [{ record, reason: reasons.join('; ') }] : [];
  });
}

/**
 * The publisher's work on one stream batch. A record it cannot relay (the
 * SDK has retried the calls) is kept whole in the kept-publications queue,
 * from which `replayKeptPublications` relays it again every few minutes: the
 * stream's own failure destination holds only shard positions, useless once
 * the stream trims them after 24 hours, and the 855 or ship notice behind
 * the record would be lost to its consumers. Only a record that can be
 * neither relayed nor kept goes back to the stream.
 */
export async function relayStreamRecords(
  records: readonly TableStreamRecord[],
  settings: RelaySettings,
  ports: RelayPorts,
  now = new Date(),
): Promise<RelayOutcome> {
  const outcome: RelayOutcome = { kept: 0, unkept: [] };
  for (const { record, reason } of await relay(records, settings, ports)) {
    try {
      await ports.keep({ record, reason, keptAt: now.toISOString() });
      outcome.kept += 1;
    } catch {
      outcome.unkept.push(sequenceOf(record));
    }
  }
  return outcome;
}

/** A message of the kept-publications queue, as received. */
export interface KeptPublicationMessage {
  id: string;
  handle: string;
  body: string;
}

export interface ReplayPorts extends Pick<RelayPorts, 'putEvents' | 'startWorkflow'> {
  /** The next kept records (a received message stays hidden for a while; an empty answer means none are left). */
  receive: () => Promise<KeptPublicationMessage[]>;
  /** Removes a kept record once it is relayed. */
  remove: (handle: string) => Promise<void>;
}

/** What the replay reads of a kept message: the stream record in it, parsed, not trusted. */
const KeptMessageBody = z.object({ record: TableStreamRecord });

export interface ReplayOutcome {
  relayed: number;
  /** Still failing: left kept (the alarm fires when one stays too long). */
  failed: number;
  /** Not a kept stream record at all: removed, and counted so the log says so. */
  discarded: number;
}

/**
 * Relays the kept records again and removes each one relayed. Relaying is
 * idempotent (events carry their item key as id; a workflow is named by its
 * order), so a record relayed twice changes nothing.
 */
export async function replayKeptPublications(settings: RelaySettings, ports: ReplayPorts): Promise<ReplayOutcome> {
  const outcome: ReplayOutcome = { relayed: 0, failed: 0, discarded: 0 };
  const seen = new Set<string>();
  for (;;) {
    const fresh = (await ports.receive()).filter((message) => !seen.has(message.id));
    if (fresh.length === 0) return outcome;
    for (const message of fresh) {
      seen.add(message.id);
      const parsed = KeptMessageBody.safeParse(parseJson(message.body));
      if (!parsed.success) {
        outcome.discarded += 1;
        await ports.remove(message.handle);
        continue;
      }
      if ((await relay([parsed.data.record], settings, ports)).length === 0) {
        outcome.relayed += 1;
        await ports.remove(message.handle);
      } else {
        outcome.failed += 1;
      }
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
