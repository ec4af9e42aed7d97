import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { inject } from 'vitest';
import type { AssemblyVariant } from './assembly-variants.js';

/** The app's two stacks as synthesized once per run by tests/cdk/global-setup.ts. */
export interface SynthesizedApp {
  dataTemplate: Template;
  computeTemplate: Template;
  /** Every Lambda function the compute stack declares (lambda.Function constructs, not CDK's own handlers). */
  functions: FunctionInfo[];
  /** The cloud assembly directory (holds validation-report.json). */
  assemblyDirectory: string;
}

interface AssemblyManifest {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
}

/** Reads one synthesized variant of the app; nothing is synthesized here. */
export function synthesizedApp(variant: AssemblyVariant = 'default'): SynthesizedApp {
  const assemblyDirectory = inject('cdkAssemblies')[variant];
  const manifest = JSON.parse(readFileSync(path.join(assemblyDirectory, 'manifest.json'), 'utf8')) as AssemblyManifest;
  const templateOf = (suffix: string): Template => {
    const stack = Object.entries(manifest.artifacts).find(([id, artifact]) => artifact.type === 'aws:cloudformation:stack' && id.endsWith(suffix));
    const file = stack?.[1].properties?.templateFile;
    if (!file) throw new Error(`no stack ending in ${suffix} in ${assemblyDirectory}`);
    return Template.fromJSON(JSON.parse(readFileSync(path.join(assemblyDirectory, file), 'utf8')));
  };
  const computeTemplate = templateOf('-Compute');
  return { dataTemplate: templateOf('-Data'), computeTemplate, functions: functionsOf(computeTemplate), assemblyDirectory };
}

export interface FunctionInfo {
  /** The construct id, e.g. "Archive" or "PlaceOrder". */
  name: string;
  logicalId: string;
  roleLogicalId: string;
}

interface ResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

/** The construct path CDK records for a resource (the global setup turns path metadata on). */
export function constructPathOf(resource: ResourceJson): string {
  const constructPath = resource.Metadata?.['aws:cdk:path'];
  if (typeof constructPath !== 'string') throw new Error('the template has no construct paths: synthesize with aws:cdk:enable-path-metadata');
  return constructPath;
}

/** The logical id of the one resource at a construct path ending in `suffix` (e.g. "AuditBucket/Resource"). */
export function logicalIdAt(template: Template, suffix: string): string {
  const found = Object.entries(template.toJSON().Resources as Record<string, ResourceJson>).filter(([, resource]) =>
    constructPathOf(resource).endsWith(`/${suffix}`),
  );
  if (found.length !== 1) throw new Error(`${found.length} resources at */${suffix}`);
  return found[0]![0];
}

/**
 * Every Lambda function of a stack with the logical ids of the function and
 * its execution role. A lambda.Function construct's resource sits at
 * ".../<id>/Resource"; CDK's own handlers (such as the S3 notification
 * handler) are raw resources elsewhere and are left out.
 */
export function functionsOf(template: Template): FunctionInfo[] {
  return Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, ResourceJson>).flatMap(([logicalId, resource]) => {
    const segments = constructPathOf(resource).split('/');
    const role = (resource.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
    if (segments.at(-1) !== 'Resource' || !role) return [];
    return [{ name: segments.at(-2)!, logicalId, roleLogicalId: role }];
  });
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
  const functions = synthesized.functions;
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
