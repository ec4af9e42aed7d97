import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FAULT_PARTITION_PREFIX } from '../../shared/platform/domain/table-layout.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HouseFunctionProps {
  /** Handler file under functions/, e.g. "orders/place-order". */
  entry: string;
  /** Files (paths from the repository root) copied beside the bundle, for the handler to read at run time. */
  bundledFiles?: readonly string[];
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  description?: string;
  /**
   * Only in a deployment with fault injection (config `faultInjection`, never production): the table holding the
   * fault plan and the function's id in it. The function gets the two settings that install the fault middleware
   * (shared/platform/fault-injection.ts) and may read and count down the `FAULT#` partitions, nothing else of the table.
   */
  faultInjection?: { table: ITableV2; target: string };
}

/**
 * Every function of the system is one of these: Node.js 24 on arm64, active
 * tracing (without handler responses), a log group with retention, Powertools settings, and a minified
 * ESM bundle built by the local esbuild (never Docker). The SDK is bundled
 * rather than taken from the runtime, so what was tested is what runs.
 */
export class HouseFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(repoRoot, 'functions', `${props.entry}.ts`),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      logGroup,
      description: props.description,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'order-to-cash',
        POWERTOOLS_METRICS_NAMESPACE: 'OrderToCash',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Traces keep timings and errors, never what a handler answered: recall packages (consignee emails and
        // addresses), orders and compliance reports would otherwise be stored as X-Ray metadata.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      projectRoot: repoRoot,
      bundling: {
        format: OutputFormat.ESM,
        // The same Node as the runtime: the emulator's workers run the pinned Node 24 (package.json).
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require(); ESM bundles need it defined.
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        externalModules: [],
        forceDockerBundling: false,
        ...(props.bundledFiles?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => props.bundledFiles!.map((file) => `cp "${path.join(inputDir, file)}" "${outputDir}/"`),
              },
            }
          : {}),
      },
    });
    if (props.faultInjection) {
      const { table, target } = props.faultInjection;
      this.addEnvironment('FAULT_INJECTION_TABLE', table.tableName);
      this.addEnvironment('FAULT_INJECTION_TARGET', target);
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${FAULT_PARTITION_PREFIX}*`] } },
        }),
      );
    }
  }
}
