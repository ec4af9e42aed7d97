import { defineConfig } from 'vitest/config';
import { assertPinnedNode } from './infra/local/pinned-node.js';

// Tests run on the Node the functions deploy with (npm scripts put the pinned one first on the PATH).
assertPinnedNode();

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
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
