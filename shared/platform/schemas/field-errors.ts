import type { z } from 'zod';

/** A zod error as one entry per field: its dotted path and message, for problem details and batch reports. */
export function fieldErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}
