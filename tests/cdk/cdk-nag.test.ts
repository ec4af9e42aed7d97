import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizedApp, type SynthesizedApp } from './synthesized-app.js';

interface ViolatingConstruct {
  constructPath: string;
}
interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs: ViolatingConstruct[];
  acknowledgedId?: string;
  reason?: string;
}
interface ValidationReport {
  pluginReports: { pluginName: string; conclusion: 'success' | 'failure'; violations: Violation[]; suppressedViolations?: Violation[] }[];
}

let synthesized: SynthesizedApp;
let report: ValidationReport;

beforeAll(() => {
  // Synthesis ran the cdk-nag AwsSolutions plugin that buildApp() registers. In-memory synthesis
  // (NODE_ENV=test) throws on any unacknowledged error, so the global setup
  // already failed the run if one was found; the report says more.
  synthesized = synthesizedApp();
  report = JSON.parse(readFileSync(path.join(synthesized.assemblyDirectory, 'validation-report.json'), 'utf8')) as ValidationReport;
});

const awsSolutions = () => report.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions');

describe('given the app synthesized with the cdk-nag AwsSolutions checks', () => {
  it('when the validation report is read, then the AwsSolutions pack ran and concluded success', () => {
    expect(awsSolutions()).toBeDefined();
    expect(awsSolutions()?.conclusion).toBe('success');
  });

  it('when the validation report is read, then no plugin reports an open violation', () => {
    for (const plugin of report.pluginReports) {
      expect(
        plugin.violations.map((v) => `${v.ruleName}: ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
        plugin.pluginName,
      ).toEqual([]);
      expect(plugin.conclusion, plugin.pluginName).toBe('success');
    }
  });

  it('when acknowledged findings are read, then each one carries a written reason', () => {
    for (const finding of awsSolutions()?.suppressedViolations ?? []) {
      expect(finding.reason?.trim().length ?? 0, finding.ruleName).toBeGreaterThan(20);
    }
  });

  it('when "API has no authorization" findings are acknowledged, then none of them is on an order route', () => {
    const openRoutes = (awsSolutions()?.suppressedViolations ?? [])
      .filter((finding) => finding.ruleName === 'AwsSolutions-APIG4')
      .flatMap((finding) => finding.violatingConstructs.map((c) => c.constructPath));
    expect(openRoutes.length).toBeGreaterThan(0);
    for (const route of openRoutes) expect(route).not.toMatch(/--v1--orders/);
  });
});

describe('given a stack with a finding nobody acknowledged', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'o2c-cdk-nag-control-'));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('when it is synthesized with the same plugin, then synthesis fails and names the rule (the check has teeth)', () => {
    const app = new App({ outdir });
    new s3.Bucket(new Stack(app, 'Control'), 'PlainBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
    // A synthesis with every cdk-nag rule takes 10 s and more on a loaded 2-core machine; 5 s made this flaky.
  }, 60_000);
});
