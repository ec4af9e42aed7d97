import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Usd = z.number().nonnegative();

/** The versioned price table (prices.json); a change of price is a new version and date, never an edit in place. */
export const PriceTable = z.strictObject({
  version: z.number().int().positive(),
  region: z.literal('us-east-1'),
  takenOn: z.iso.date(),
  source: z.string().min(1),
  lambda: z.strictObject({ requestsPerMillionUsd: Usd, gbSecondUsd: z.strictObject({ arm64: Usd, x86_64: Usd }) }),
  stepFunctions: z.strictObject({ standardTransitionsPerThousandUsd: Usd }),
  dynamodb: z.strictObject({ writeRequestUnitsPerMillionUsd: Usd, readRequestUnitsPerMillionUsd: Usd }),
  apiGateway: z.strictObject({ httpApiRequestsPerMillionUsd: Usd }),
  s3: z.strictObject({ putPerThousandUsd: Usd, getPerThousandUsd: Usd }),
  kms: z.strictObject({ asymmetricRequestsPerTenThousandUsd: Usd }),
  ses: z.strictObject({ emailsPerThousandUsd: Usd }),
});
export type PriceTable = z.infer<typeof PriceTable>;

export function loadPrices(): PriceTable {
  return PriceTable.parse(JSON.parse(readFileSync(new URL('./prices.json', import.meta.url), 'utf8')));
}
