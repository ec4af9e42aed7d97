import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_DECLARATIONS } from '../../shared/api/registry.js';
import { synthesizedApp, type FunctionInfo, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  functions = synthesized.functions;
});

const ALL = FUNCTION_DECLARATIONS.map((declaration) => declaration.id);

describe('given the compute stack', () => {
  it('when its functions are listed, then there is one per workflow step (orders and recalls), one per API route, the batch processor, the audit trail’s consumer and checkpoint and the event publisher, and nothing else', () => {
    expect(functions.map((fn) => fn.name).sort()).toEqual([...ALL].sort());
    template.resourceCountIs('AWS::Lambda::Function', ALL.length);
  });

  it('when the data stack is inspected, then it has no functions at all', () => {
    synthesized.dataTemplate.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('when every function is inspected, then each runs nodejs24.x on arm64 with active X-Ray tracing', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties, id).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    }
  });

  it('when every function is inspected, then each has its own execution role', () => {
    const roles = functions.map((fn) => fn.roleLogicalId);
    expect(new Set(roles).size).toBe(functions.length);
  });

  it('when every function is inspected, then each logs to its own log group kept for three months', () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const logGroups = new Set<string>();
    for (const fn of functions) {
      const { LoggingConfig } = resources[fn.logicalId]!.Properties as { LoggingConfig: { LogGroup: { Ref: string } } };
      const logGroup = resources[LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Type, fn.name).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays, fn.name).toBe(90);
      logGroups.add(LoggingConfig.LogGroup.Ref);
    }
    expect(logGroups.size).toBe(functions.length);
  });

  it('when every function is inspected, then each carries the Powertools settings and source maps', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'order-to-cash',
        POWERTOOLS_METRICS_NAMESPACE: 'OrderToCash',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it('when every function is inspected, then none records its handler responses in X-Ray traces (recall packages, orders and reports hold personal data)', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({ POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false' });
    }
  });

  it('when the functions granted the table are inspected, then each is told the table name', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: { Environment: { Variables: Record<string, unknown> } } }>;
    const granted = FUNCTION_DECLARATIONS.filter((declaration) => declaration.grants.some((grant) => grant.kind === 'table'));
    expect(granted.length).toBeGreaterThan(40);
    for (const declaration of granted) {
      const fn = functions.find((candidate) => candidate.name === declaration.id)!;
      expect(resources[fn.logicalId]!.Properties.Environment.Variables, declaration.id).toHaveProperty('TABLE_NAME');
    }
  });
});
