import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../infra/app.js';
import { ASSEMBLY_VARIANTS, type AssemblyVariant } from './assembly-variants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Cloud assembly directory of each synthesized variant of the app. */
    cdkAssemblies: Record<AssemblyVariant, string>;
  }
}

/**
 * Synthesizes the app once per test run for every CDK test file (the tier's
 * cost is synthesis and the cdk-nag checks, so it is paid once per variant).
 * In-memory synthesis (NODE_ENV=test) throws on an unacknowledged cdk-nag
 * error, which fails the run here, before any test.
 *
 * Functions are not bundled: bundling changes only asset hashes, never a
 * template property, and costs about a second per function. The emulator
 * tier deploys the bundles and runs them.
 */
export default function synthesizeOnce(project: TestProject): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'o2c-cdk-test-'));
  const directories = {} as Record<AssemblyVariant, string>;
  for (const [variant, variantContext] of Object.entries(ASSEMBLY_VARIANTS) as [AssemblyVariant, Record<string, string>][]) {
    const outdir = path.join(root, variant);
    mkdirSync(outdir);
    const context = {
      // Construct paths in the template metadata let tests name functions as the code does.
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:bundling-stacks': [],
      ...variantContext,
    };
    directories[variant] = buildApp(new App({ outdir, context })).app.synth().directory;
  }
  project.provide('cdkAssemblies', directories);
  return () => rmSync(root, { recursive: true, force: true });
}
