import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration, type IReporterOutput } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { forbidden } = require('../../../.dependency-cruiser.cjs') as IConfiguration;

/**
 * The boundary rules of .dependency-cruiser.cjs, run on a small tree of
 * files written for the purpose: each wrong import must be reported under its
 * rule, and the allowed imports must not be.
 */
const FILES: Record<string, string> = {
  'shared/platform/data/table.ts': 'export const table = 1;\n',
  'shared/platform/domain/money.ts': 'export const cents = 1;\n',
  'shared/orders/data/order-repository.ts': "import { table } from '../../platform/data/table.js';\nexport const orders = table;\n",
  'shared/orders/services/place-order.ts': "import { orders } from '../data/order-repository.js';\nexport const place = orders;\n",
  'shared/orders/domain/good-rule.ts': "import { cents } from '../../platform/domain/money.js';\nexport const rule = cents;\n",
  'shared/orders/domain/bad-rule.ts': "import { orders } from '../data/order-repository.js';\nexport const rule = orders;\n",
  'shared/orders/data/bad-repository.ts': "import { place } from '../services/place-order.js';\nexport const bad = place;\n",
  'shared/orders/http/respond.ts': 'export const respond = 1;\n',
  'shared/orders/services/bad-service.ts': "import { respond } from '../http/respond.js';\nexport const bad = respond;\n",
  'shared/master-data/data/master-data-repository.ts': "import { table } from '../../platform/data/table.js';\nexport const customers = table;\n",
  'shared/master-data/services/master-data.ts': "import { customers } from '../data/master-data-repository.js';\nexport const customer = customers;\n",
  'shared/inventory/services/reaches-in.ts': "import { customers } from '../../master-data/data/master-data-repository.js';\nexport const bad = customers;\n",
  'shared/inventory/services/asks-master-data.ts': "import { customer } from '../../master-data/services/master-data.js';\nexport const good = customer;\n",
  'shared/inventory/services/moves-the-order.ts': "import { orders } from '../../orders/data/order-repository.js';\nexport const step = orders;\n",
  'shared/inventory/services/asks-service.ts': "import { place } from '../../orders/services/place-order.js';\nexport const good = place;\n",
  'shared/platform/domain/knows-context.ts': "import { rule } from '../../orders/domain/good-rule.js';\nexport const bad = rule;\n",
  'functions/orders/fat-handler.ts': "import { orders } from '../../shared/orders/data/order-repository.js';\nexport const handler = orders;\n",
};

let directory: string;
let violations: { from: string; to: string; rule: string }[];

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    writeFileSync(path.join(directory, file), text);
  }
  writeFileSync(
    path.join(directory, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowJs: false } }),
  );
  const previous = process.cwd();
  process.chdir(directory);
  try {
    const result: IReporterOutput = await cruise(['shared', 'functions'], {
      validate: true,
      ruleSet: { forbidden },
      tsPreCompilationDeps: true,
      enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    });
    const output = result.output as Exclude<IReporterOutput['output'], string>;
    violations = output.summary.violations.map((violation) => ({ from: violation.from, to: violation.to, rule: violation.rule.name }));
  } finally {
    process.chdir(previous);
  }
}, 60_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const reported = (from: string) => violations.filter((violation) => violation.from === from).map((violation) => violation.rule);

describe('given the import-boundary rules', () => {
  it('when a business rule imports a repository, then domain-is-pure fails it', () => {
    expect(reported('shared/orders/domain/bad-rule.ts')).toContain('domain-is-pure');
  });

  it('when a repository imports a service, then data-below-services fails it', () => {
    expect(reported('shared/orders/data/bad-repository.ts')).toContain('data-below-services');
  });

  it('when a service imports HTTP plumbing, then services-not-http fails it', () => {
    expect(reported('shared/orders/services/bad-service.ts')).toContain('services-not-http');
  });

  it('when one context imports another context’s repository, then no-other-context-data fails it; its services are fine', () => {
    expect(reported('shared/inventory/services/reaches-in.ts')).toContain('no-other-context-data');
    expect(reported('shared/inventory/services/asks-service.ts')).toEqual([]);
    expect(reported('shared/inventory/services/asks-master-data.ts')).toEqual([]);
  });

  it('when a workflow step in another context moves the order through the order aggregate’s repository, then that one shared repository is allowed', () => {
    expect(reported('shared/inventory/services/moves-the-order.ts')).toEqual([]);
  });

  it('when the kernel imports a context, then kernel-knows-no-context fails it', () => {
    expect(reported('shared/platform/domain/knows-context.ts')).toContain('kernel-knows-no-context');
  });

  it('when a handler imports a repository, then handlers-are-thin fails it', () => {
    expect(reported('functions/orders/fat-handler.ts')).toContain('handlers-are-thin');
  });

  it('when the layers are used as intended, then nothing is reported', () => {
    for (const file of ['shared/orders/domain/good-rule.ts', 'shared/orders/services/place-order.ts', 'shared/orders/data/order-repository.ts'])
      expect(reported(file), file).toEqual([]);
  });
});
