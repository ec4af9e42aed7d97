import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar-date.js';
import { isValidGtin14 } from '../domain/gtin.js';
import { DECIMAL_PATTERN } from '../domain/money.js';

/**
 * One line of printable text, in any script. Free text from a channel reaches plain-text approval emails, PDFs and
 * EDI answers: a line break there would let a sender write a line of their own (a fake "sign here" link above the
 * real one), so C0/C1 controls and line separators are refused where the text enters.
 */
export function singleLineText({ min = 1, max }: { min?: number; max: number }) {
  return (
    z
      .string()
      .trim()
      .min(min)
      .max(max)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this refuses
      .regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/, 'must be one line of text without line breaks or control characters')
  );
}

export const Gtin14 = z
  .string()
  .regex(/^\d{14}$/, 'GTIN must be 14 digits')
  .refine(isValidGtin14, 'GTIN check digit is wrong')
  .meta({ description: 'GTIN-14 with a valid GS1 check digit', example: '05012345678900' });

export const DecimalAmount = z
  .string()
  // A pattern, not a refinement: the published document then refuses what the check refuses.
  .regex(DECIMAL_PATTERN, 'must be a decimal amount such as "12.50" (at most 4 decimals)')
  .meta({ description: 'Exact decimal amount as a string; never a float', example: '12.50' });

export const UnitPrice = DecimalAmount.regex(/^(?!-)/, 'a price cannot be negative').meta({
  description: 'Exact non-negative unit price as a decimal string',
  example: '14.50',
});

export const CalendarDateString = z
  .string()
  .refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD')
  .meta({ description: 'Calendar date without time zone', example: '2027-03-31', format: 'date' });

export const UtcTimestamp = z.iso.datetime().meta({ description: 'UTC instant, ISO 8601 with Z' });

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
  .meta({ example: 'EUR' });

export const ProblemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'The invalid fields, at most 20 (the first ones found)' }),
    omittedErrors: z.number().int().positive().optional().meta({ description: 'How many more invalid fields there were than `errors` names' }),
    orderId: z.string().optional(),
    links: z.record(z.string(), z.string()).optional(),
    conflicts: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .meta({ description: 'Intake conflicts per line, each with a correction suggestion (schema IntakeConflict)' }),
    verdicts: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .meta({ description: 'Scan-to-ship: a verdict per scan, refused ones with their reason (as in PickCheckResult)' }),
    outstanding: z.array(z.record(z.string(), z.unknown())).optional().meta({ description: 'Scan-to-ship: units still to scan per line and lot' }),
    functionalAck: z.string().optional().meta({ description: 'EDI intake (409, 422): the 997 functional acknowledgment of the interchange, as X12' }),
    transactionSets: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .meta({ description: 'EDI intake (409, 422): the result per transaction set (schema EdiTransactionSetResult)' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type ProblemDetails = z.infer<typeof ProblemDetails>;

/** What API Gateway answers by itself (its JWT authorizer's 401, its throttle's 429). */
export const GatewayMessage = z
  .object({ message: z.string() })
  .meta({ id: 'GatewayMessage', description: 'An answer of API Gateway itself, not of the route' });

/**
 * The Idempotency-Key header: printable ASCII without leading or trailing spaces (HTTP drops those, so such a key
 * would not be the key sent), at most 128 characters. Checked by requireHeader; documented from this schema.
 */
export const IdempotencyKey = z
  .string()
  .max(128)
  .regex(/^[!-~]([ -~]*[!-~])?$/, 'printable ASCII, at most 128 characters, not starting or ending with a space');
