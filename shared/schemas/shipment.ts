import { z } from 'zod';
import { Gtin14 } from './common.js';

export const PickCheckRequest = z
  .object({
    scans: z
      .array(z.string().min(1).max(200))
      .min(1, 'send at least one scan')
      .max(500)
      .meta({ description: 'The GS1 strings scanned at the packing station, in scan order (raw with ASCII 29 separators, or bracketed)' }),
  })
  .strict()
  .meta({ id: 'PickCheckRequest' });
export type PickCheckRequest = z.infer<typeof PickCheckRequest>;

export const PickCheckResult = z
  .object({
    orderId: z.string(),
    complete: z.boolean().meta({ description: 'Every allocated unit was scanned exactly once' }),
    verdicts: z.array(
      z.object({
        scan: z.string(),
        accepted: z.boolean(),
        lineNo: z.number().int().optional(),
        gtin: Gtin14.optional(),
        lotNumber: z.string().optional(),
        quantity: z.number().int().optional(),
        serial: z.string().optional(),
        refusal: z.enum(['UNREADABLE', 'NOT_ON_ORDER', 'WRONG_LOT', 'EXPIRY_MISMATCH', 'WRONG_SERIAL', 'SERIAL_ALREADY_SCANNED', 'OVER_SCAN']).optional(),
        reason: z.string().optional(),
      }),
    ),
    outstanding: z.array(z.object({ lineNo: z.number().int(), gtin: Gtin14, lotNumber: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'PickCheckResult' });
export type PickCheckResult = z.infer<typeof PickCheckResult>;
