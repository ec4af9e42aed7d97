import { defineConfig } from 'vitest/config';
import { assertPinnedNode } from './infra/local/pinned-node.js';

// Tests run on the Node the functions deploy with (npm scripts put the pinned one first on the PATH).
assertPinnedNode();

/**
 * Emulator tests that write volume (a 10,000-row batch file, 10,000 and 4,000 trace records, receipts and allocations
 * of hundreds of serials) or wait out real timeouts (approval escalation, the pick timeout, the retries after injected faults). They run last, in a
 * project of their own: the emulator's table stream has one poller, and volume written earlier would delay every
 * later test that waits for the audit trail or the workflow relay. Two of them run at a time, so a timeout is waited
 * out while a bulk file is processed.
 */
const LONG_RUNNING = [
  'tests/e2e/batch-large-file.test.ts',
  'tests/integration/large-receipts.test.ts',
  'tests/integration/large-serialized-allocation.test.ts',
  'tests/e2e/large-serialized-receipt.test.ts',
  'tests/integration/trace-cost.test.ts',
  'tests/integration/lot-trace.test.ts',
  'tests/e2e/approval-escalation.test.ts',
  'tests/e2e/scan-to-ship.test.ts',
  'tests/e2e/fault-injection.test.ts',
];

/**
 * The burst suite (issue 15, item 0): not in `npm test` yet, because it fails today. Its last run
 * (`npm run test:burst`) ended 35 of 120 orders FAILED and 59 NEEDS_ATTENTION on this 2-core machine; see
 * docs/testing.md#the-trust-suites. It joins the long project once it passes.
 */
const NOT_YET_PASSING = ['tests/e2e/burst.test.ts'];

/**
 * Order of the emulator projects. Integration and e2e share the first group, two files at a time (their tests use
 * their own data; on 2 cores this took the emulator tier from 573 s to 449 s); the long-running project follows. Both
 * are explicit: vitest runs a single-worker project left at group order 0 after all others.
 */
const EMULATOR_FIRST = 1;
const EMULATOR_LAST = 2;

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'cdk',
          include: ['tests/cdk/**/*.test.ts'],
          environment: 'node',
          // Synthesizes the app (esbuild bundles, cdk-nag) once for every file of the tier.
          globalSetup: ['tests/cdk/global-setup.ts'],
          // One test synthesizes a small stack of its own (cdk-nag's control case): seconds, more on a busy machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: LONG_RUNNING,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: EMULATOR_FIRST },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: [...LONG_RUNNING, ...NOT_YET_PASSING],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 2,
          sequence: { groupOrder: EMULATOR_FIRST },
        },
      },
      {
        test: {
          name: 'long',
          include: LONG_RUNNING,
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          maxWorkers: 2,
          sequence: { groupOrder: EMULATOR_LAST },
        },
      },
      {
        test: {
          name: 'burst',
          include: NOT_YET_PASSING,
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 900_000,
          sequence: { groupOrder: EMULATOR_LAST },
        },
      },
    ],
  },
});
