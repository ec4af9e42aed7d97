import { z } from 'zod';

/**
 * SES event publishing (configuration set -> SNS topic): the SNS message is
 * a JSON document with `eventType` (identity notifications call it
 * `notificationType`), the `mail` it is about and one of `delivery`,
 * `bounce`, `complaint`. Only what the recall needs is read; the rest passes.
 */
const Mail = z.object({ messageId: z.string().min(1), timestamp: z.string(), destination: z.array(z.string()).optional() });

const Delivery = z.object({ timestamp: z.string(), recipients: z.array(z.string()).optional(), smtpResponse: z.string().optional() });
const Bounce = z.object({
  timestamp: z.string(),
  bounceType: z.string(),
  bounceSubType: z.string().optional(),
  bouncedRecipients: z.array(z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional(), status: z.string().optional() })).optional(),
});
const Complaint = z.object({
  timestamp: z.string(),
  complaintFeedbackType: z.string().optional(),
  complainedRecipients: z.array(z.object({ emailAddress: z.string() })).optional(),
});

export const SesEventMessage = z.union([
  z.object({ eventType: z.literal('Delivery'), mail: Mail, delivery: Delivery }),
  z.object({ eventType: z.literal('Bounce'), mail: Mail, bounce: Bounce }),
  z.object({ eventType: z.literal('Complaint'), mail: Mail, complaint: Complaint }),
  z.object({ eventType: z.string(), mail: Mail }),
]);
export type SesEventMessage = z.infer<typeof SesEventMessage>;

/** Identity notifications name the type `notificationType`; event publishing names it `eventType`. */
export const parseSesMessage = (raw: unknown): SesEventMessage | undefined => {
  const named =
    raw !== null && typeof raw === 'object' && !('eventType' in raw) && 'notificationType' in raw ? { ...raw, eventType: raw.notificationType } : raw;
  const parsed = SesEventMessage.safeParse(named);
  return parsed.success ? parsed.data : undefined;
};

/** An SNS -> Lambda event: the message is a string to parse in turn. */
export const SnsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ MessageId: z.string(), Message: z.string() }) })).min(1),
});
export type SnsEvent = z.infer<typeof SnsEvent>;
