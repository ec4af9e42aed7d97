import type { PriceTable } from './prices.js';

/** What one order used, per service, in billable units. */
export interface OrderUsage {
  lambdaRequests: number;
  lambdaGbSeconds: { arm64: number; x86_64: number };
  stateTransitions: number;
  readRequestUnits: number;
  writeRequestUnits: number;
  apiRequests: number;
  s3Puts: number;
  s3Gets: number;
  kmsRequests: number;
  emails: number;
}

export const SERVICES = ['Lambda', 'Step Functions', 'DynamoDB', 'API Gateway', 'S3', 'KMS', 'SES'] as const;
export type Service = (typeof SERVICES)[number];

/** US dollars per 1,000 orders, per service, for the usage of one order. */
export function usdPerThousandOrders(usage: OrderUsage, prices: PriceTable): Record<Service, number> {
  const perOrder: Record<Service, number> = {
    Lambda:
      (usage.lambdaRequests * prices.lambda.requestsPerMillionUsd) / 1e6 +
      usage.lambdaGbSeconds.arm64 * prices.lambda.gbSecondUsd.arm64 +
      usage.lambdaGbSeconds.x86_64 * prices.lambda.gbSecondUsd.x86_64,
    'Step Functions': (usage.stateTransitions * prices.stepFunctions.standardTransitionsPerThousandUsd) / 1e3,
    DynamoDB:
      (usage.readRequestUnits * prices.dynamodb.readRequestUnitsPerMillionUsd) / 1e6 +
      (usage.writeRequestUnits * prices.dynamodb.writeRequestUnitsPerMillionUsd) / 1e6,
    'API Gateway': (usage.apiRequests * prices.apiGateway.httpApiRequestsPerMillionUsd) / 1e6,
    S3: (usage.s3Puts * prices.s3.putPerThousandUsd) / 1e3 + (usage.s3Gets * prices.s3.getPerThousandUsd) / 1e3,
    KMS: (usage.kmsRequests * prices.kms.asymmetricRequestsPerTenThousandUsd) / 1e4,
    SES: (usage.emails * prices.ses.emailsPerThousandUsd) / 1e3,
  };
  return Object.fromEntries(SERVICES.map((service) => [service, perOrder[service] * 1000])) as Record<Service, number>;
}
