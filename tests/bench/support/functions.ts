import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LambdaClient, paginateListFunctions, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { PREFIX } from '../../../infra/local/deploy.js';
import { repoRoot } from '../../../infra/local/settings.js';

/** One function of the compute stack: where its bundle is, and how it is deployed. */
export interface FunctionInfo {
  /** The construct id, e.g. "Validate" or "PlaceOrder". */
  name: string;
  logicalId: string;
  /** cdk.out asset folder holding the minified bundle (index.mjs). */
  assetDir: string;
  /** Behind an HTTP API route: each invocation is one API request. */
  apiRoute: string | null;
  deployedName: string;
  logGroup: string;
  memoryMb: number;
  architecture: 'arm64' | 'x86_64';
  environment: Record<string, string>;
}

interface TemplateResource {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, string>;
}

const stackName = `${PREFIX}-Compute`;

const FUNCTION_NAME_LIMIT = 64;
const NAME_SUFFIX_LENGTH = 13;

/** Functions and their routes as synthesized (cdk.out), matched to the deployed functions by logical id. */
export async function functionInventory(): Promise<FunctionInfo[]> {
  const cdkOut = path.join(repoRoot, 'cdk.out');
  const template = JSON.parse(readFileSync(path.join(cdkOut, `${stackName}.template.json`), 'utf8')) as { Resources: Record<string, TemplateResource> };
  const resources = Object.entries(template.Resources);
  const routeOf = new Map<string, string>();
  for (const [routeId, route] of resources.filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route')) {
    const integrationId = JSON.stringify(route.Properties?.Target).match(/"Ref":"([^"]+)"/)?.[1];
    const integration = integrationId ? template.Resources[integrationId] : undefined;
    const target = integration?.Properties?.IntegrationUri?.['Fn::GetAtt']?.[0] as string | undefined;
    if (target) routeOf.set(target, String(route.Properties?.RouteKey ?? routeId));
  }

  const deployed: FunctionConfiguration[] = [];
  for await (const page of paginateListFunctions({ client: new LambdaClient({}) }, {})) deployed.push(...(page.Functions ?? []));

  return resources
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:asset:path'])
    .map(([logicalId, r]) => {
      // aws:cdk:path is "<stack>/<group>/<Name>/Resource".
      const name = r.Metadata!['aws:cdk:path']!.split('/').at(-2)!;
      // Auto-named functions are `{stack}-{logicalId}-{suffix}`, the prefix cut so that the name keeps its
      // 13-character suffix within Lambda's 64 characters (long logical ids lose their tail).
      const prefix = `${stackName}-${logicalId}-`.slice(0, FUNCTION_NAME_LIMIT - NAME_SUFFIX_LENGTH);
      const matches = deployed.filter((f) => f.FunctionName?.startsWith(prefix));
      if (matches.length > 1) throw new Error(`function ${logicalId}: ${matches.length} deployed functions share the name prefix ${prefix}`);
      const config = matches[0];
      if (!config?.FunctionName) throw new Error(`function ${logicalId} is not deployed`);
      return {
        name,
        logicalId,
        assetDir: path.join(cdkOut, r.Metadata!['aws:asset:path']!),
        apiRoute: routeOf.get(logicalId) ?? null,
        deployedName: config.FunctionName,
        logGroup: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${config.FunctionName}`,
        memoryMb: config.MemorySize ?? 128,
        architecture: config.Architectures?.[0] === 'x86_64' ? 'x86_64' : 'arm64',
        environment: config.Environment?.Variables ?? {},
      };
    });
}
