import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Function as LambdaFunctionClass } from 'aws-cdk-lib/aws-lambda';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { buildApp } from '../../infra/app.js';
import type { StatefulStack } from '../../infra/stacks/stateful-stack.js';
import type { StatelessStack } from '../../infra/stacks/stateless-stack.js';

export interface SynthesizedApp {
  app: App;
  data: StatefulStack;
  compute: StatelessStack;
  dataTemplate: Template;
  computeTemplate: Template;
  /** The cloud assembly directory (holds validation-report.json and the bundled assets). */
  assemblyDirectory: string;
  dispose(): void;
}

export interface SynthesisOptions {
  /**
   * Bundle the Lambda code with esbuild, as `cdk synth` does. Off by default:
   * bundling changes only the asset hashes, not a single template property, and
   * costs ~10 s per synthesis. The cdk-nag test turns it on.
   */
  bundle?: boolean;
  /** Extra CDK context, as `-c key=value` would give. */
  context?: Record<string, unknown>;
}

/** One synthesis of the real app from `buildApp()`, with the cdk-nag plugin it registers. */
export function synthesize(options: SynthesisOptions = {}): SynthesizedApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'o2c-cdk-test-'));
  const context = { ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context };
  const { app, data, compute } = buildApp(new App({ outdir, context }));
  const assembly = app.synth();
  return {
    app,
    data,
    compute,
    dataTemplate: Template.fromStack(data),
    computeTemplate: Template.fromStack(compute),
    assemblyDirectory: assembly.directory,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface FunctionInfo {
  /** The construct id, e.g. "Archive" or "PlaceOrder". */
  name: string;
  logicalId: string;
  roleLogicalId: string;
}

/** Every Lambda function of a stack with the logical ids of the function and its execution role. */
export function functionsOf(stack: Stack): FunctionInfo[] {
  return stack.node
    .findAll()
    .filter((construct): construct is LambdaFunction => construct instanceof LambdaFunctionClass)
    .map((fn) => ({
      name: fn.node.id,
      logicalId: stack.getLogicalId(fn.node.defaultChild as CfnFunction),
      roleLogicalId: stack.getLogicalId(fn.role?.node.defaultChild as CfnRole),
    }));
}

export interface PolicyStatementJson {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, unknown>;
}

export interface AttachedStatement {
  /** Logical ids of the roles the statement applies to. */
  roles: string[];
  statement: PolicyStatementJson;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every identity-policy statement in a template: AWS::IAM::Policy, managed policies and role inline policies. */
export function identityStatements(template: Template): AttachedStatement[] {
  const statements: AttachedStatement[] = [];
  const refsOf = (roles: unknown) => asArray(roles as { Ref: string }[]).map((role) => role.Ref);
  for (const resource of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const roles = refsOf(resource.Properties.Roles);
    for (const statement of asArray<PolicyStatementJson>(resource.Properties.PolicyDocument.Statement)) statements.push({ roles, statement });
  }
  for (const resource of Object.values(template.findResources('AWS::IAM::ManagedPolicy'))) {
    const roles = refsOf(resource.Properties.Roles);
    for (const statement of asArray<PolicyStatementJson>(resource.Properties.PolicyDocument.Statement)) statements.push({ roles, statement });
  }
  for (const [logicalId, resource] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const policy of asArray<{ PolicyDocument: { Statement: PolicyStatementJson[] } }>(resource.Properties.Policies)) {
      for (const statement of asArray(policy.PolicyDocument.Statement)) statements.push({ roles: [logicalId], statement });
    }
  }
  return statements;
}

export const actionsOf = (statement: PolicyStatementJson): string[] => asArray(statement.Action);
export const resourcesOf = (statement: PolicyStatementJson): unknown[] => asArray(statement.Resource);

/** Logical ids of the roles that are allowed an action (exactly as written in the policy). */
export function rolesAllowed(statements: AttachedStatement[], action: string): Set<string> {
  return new Set(statements.filter(({ statement }) => statement.Effect === 'Allow' && actionsOf(statement).includes(action)).flatMap(({ roles }) => roles));
}

/**
 * Replaces every intrinsic in a Fn::Join by a readable placeholder, so that a
 * definition string can be parsed: `{"Ref":"X"}` becomes `<X>` and
 * `{"Fn::GetAtt":["X","Arn"]}` becomes `<X.Arn>`.
 */
export function joinWithPlaceholders(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error(`expected a string or Fn::Join, got ${JSON.stringify(value)}`);
  const [separator, parts] = join;
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const token = part as Record<string, unknown>;
      if ('Ref' in token) return `<${String(token.Ref)}>`;
      if ('Fn::GetAtt' in token) return `<${(token['Fn::GetAtt'] as string[]).join('.')}>`;
      return `<${JSON.stringify(token).replace(/"/g, "'")}>`;
    })
    .join(separator);
}

/** Per-function views of the compute stack's grants and settings, for tests that check one construct's functions. */
export function functionGrants(synthesized: SynthesizedApp) {
  const template = synthesized.computeTemplate;
  const statements = identityStatements(template);
  const functions = functionsOf(synthesized.compute);
  const functionNamed = (name: string): FunctionInfo => {
    const found = functions.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no function ${name}`);
    return found;
  };
  const allowedFor = (name: string): PolicyStatementJson[] =>
    statements
      .filter(({ roles, statement }) => roles.includes(functionNamed(name).roleLogicalId) && statement.Effect === 'Allow')
      .map(({ statement }) => statement);
  const actionsFor = (name: string, service: string): string[] =>
    allowedFor(name)
      .flatMap(actionsOf)
      .filter((action) => action.startsWith(`${service}:`))
      .sort();
  const environmentOf = (name: string): Record<string, unknown> =>
    template.toJSON().Resources[functionNamed(name).logicalId].Properties.Environment?.Variables ?? {};
  return { functionNamed, allowedFor, actionsFor, environmentOf };
}
