import { deleteMessage, receiveMessages, sendMessage } from '../../../platform/aws/queue.js';
import { appendToChain } from '../../data/audit/audit-repository.js';
import type { KeptRecord, RecordingPorts, ReplayPorts } from './record-changes.js';

/**
 * The kept-records queue (an SQS queue whose messages carry the whole stream
 * record, up to 1 MiB) and the audit append, as the ports of recordChanges and
 * replayKeptRecords.
 */
export function keptRecordsQueue(queueUrl: string): RecordingPorts & ReplayPorts {
  return {
    append: appendToChain,
    keep: (kept) => sendMessage(queueUrl, JSON.stringify(kept)),
    receive: async () =>
      (await receiveMessages(queueUrl)).map((message) => ({ id: message.id, handle: message.handle, body: JSON.parse(message.body) as KeptRecord })),
    remove: (handle) => deleteMessage(queueUrl, handle),
  };
}
