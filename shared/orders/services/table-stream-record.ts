import { z } from 'zod';

const Image = z.record(z.string(), z.unknown());

/**
 * What the publisher reads of a table stream record: its event name, its
 * sequence number and its images (still in DynamoDB's attribute-value form).
 * A Lambda stream event's records fit it as they come; a kept record read back
 * from the queue is parsed with it.
 */
export const TableStreamRecord = z.object({
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']).optional(),
  dynamodb: z.object({ SequenceNumber: z.string().optional(), NewImage: Image.optional(), OldImage: Image.optional() }).optional(),
});
export type TableStreamRecord = z.infer<typeof TableStreamRecord>;
