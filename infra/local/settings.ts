import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored home of everything local: emulator state, logs, deploy outputs. */
export const localDir = path.join(repoRoot, '.local');
export const venvDir = path.join(repoRoot, '.venv');

/** Pinned: the emulator's behaviour is part of what the tests rely on. */
export const MINISTACK_VERSION = '1.5.33';
export const BOTO3_VERSION = '1.43.106';
export const CRYPTOGRAPHY_VERSION = '50.0.2';
/** The OpenAPI-driven fuzzer of the emulator tier (tests/e2e/api-fuzz.test.ts), in the same virtual environment. */
export const SCHEMATHESIS_VERSION = '4.32.5';

export const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://localhost:4566';
export const region = process.env.AWS_REGION ?? 'us-east-1';

/** The environment every local AWS call runs with: the emulator's endpoint and its dummy credentials. */
export function localAwsEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
    CDK_DEFAULT_ACCOUNT: '000000000000',
    CDK_DEFAULT_REGION: region,
  };
}

/** Puts the emulator settings into this process, for SDK clients created after the call. */
export function useLocalAws(): void {
  Object.assign(process.env, localAwsEnv());
}

/** Escalation timeout the emulator tests deploy with; tests/support reads it to know how long to wait. */
export const TEST_ESCALATION_SECONDS = 20;
/** A short order waits this long for stock in the test deployment, trying again every few seconds. */
export const TEST_STOCK_WAIT = { waitSeconds: 45, recheckSeconds: 5 };
/** The warehouse must confirm an order's scan-to-ship within this time in the test deployment, so the timeout is seen. */
export const TEST_PICK_TIMEOUT_SECONDS = 45;
/** The ship-from party of local deployments (`shipFrom` context): a warehouse with its GLN and address, as on AWS. */
export const LOCAL_SHIP_FROM = {
  id: 'DC-VENLO',
  name: 'Venlo distribution center',
  gln: '8712345000004',
  address: { line1: 'Logistiekweg 1', city: 'Venlo', postalCode: '5928 LV', country: 'NL' },
};
