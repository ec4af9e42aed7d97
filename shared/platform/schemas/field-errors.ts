import type { z } from 'zod';

/** Unknown field names shown in one message, and how much of each: the rest is counted, so a flood of fields gets a small answer. */
const SHOWN_KEYS = 5;
const SHOWN_KEY_LENGTH = 64;

const shownKey = (key: string) => JSON.stringify(key.length > SHOWN_KEY_LENGTH ? `${key.slice(0, SHOWN_KEY_LENGTH)}…` : key);

/** An issue's message; fields the schema does not know are named a few at a time (zod names every one, however many or long). */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const more = issue.keys.length - SHOWN_KEYS;
  const shown = issue.keys.slice(0, SHOWN_KEYS).map(shownKey).join(', ');
  return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${shown}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`;
}

/** A zod error as one entry per field: its dotted path and message, for problem details and batch reports. */
export function fieldErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: messageOf(issue) }));
}
