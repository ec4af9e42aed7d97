import { endpoint } from '../../../infra/local/settings.js';

interface SentEmail {
  Subject: string;
}

/** Emails in the emulator's SES outbox whose subject names one of the orders: its own record of what was sent. */
export async function emailsAbout(orderIds: readonly string[]): Promise<number> {
  const response = await fetch(`${endpoint}/_ministack/ses/messages`);
  const { messages } = (await response.json()) as { messages: Record<string, SentEmail[]> | SentEmail[] };
  const all = Array.isArray(messages) ? messages : Object.values(messages).flat();
  return all.filter((email) => orderIds.some((orderId) => email.Subject.includes(orderId))).length;
}
