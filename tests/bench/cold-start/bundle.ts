import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/**
 * The esbuild options infra/platform/house-function.ts has CDK bundle every
 * function with, so bundles built here compare with the deployed ones.
 */
export const HOUSE_BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'error',
};

export async function bundleLikeHouseFunction(entry: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'index.mjs');
  await build({ ...HOUSE_BUNDLE_OPTIONS, entryPoints: [entry], outfile });
  return outfile;
}
