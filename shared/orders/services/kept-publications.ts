import { putEvents } from '../../platform/aws/events.js';
import { deleteMessage, receiveMessages, sendMessage } from '../../platform/aws/queue.js';
import type { RelayPorts, ReplayPorts } from './relay-records.js';
import { startWorkflow } from './start-workflow.js';

/** The kept-publications queue (its messages carry the whole stream record), the bus and the workflow, as the relay's ports. */
export function keptPublicationsQueue(queueUrl: string): RelayPorts & ReplayPorts {
  return {
    putEvents,
    startWorkflow,
    keep: (kept) => sendMessage(queueUrl, JSON.stringify(kept)),
    receive: () => receiveMessages(queueUrl),
    remove: (handle) => deleteMessage(queueUrl, handle),
  };
}
