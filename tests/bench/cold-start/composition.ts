import { build } from 'esbuild';
import { HOUSE_BUNDLE_OPTIONS } from './bundle.js';

/**
 * What a function's minified bundle is made of, by package (esbuild's
 * metafile), e.g. `npx tsx tests/bench/cold-start/composition.ts functions/orders/validate.ts`.
 * Not part of `npm run bench`: a tool for reading its bundle sizes.
 */
const entry = process.argv[2];
if (!entry) throw new Error('usage: composition.ts <function entry .ts>');
const { metafile } = await build({ ...HOUSE_BUNDLE_OPTIONS, sourcemap: false, entryPoints: [entry], outfile: 'composition.mjs', write: false, metafile: true });
const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
const byPackage = new Map<string, number>();
for (const [file, input] of Object.entries(output.inputs)) {
  const name = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? '(this repository)';
  byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
}
const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
console.log(`${entry}: ${Math.round(total / 1024)} KB minified`);
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`${String(Math.round(bytes / 1024)).padStart(6)} KB  ${String(Math.round((bytes / total) * 100)).padStart(3)}%  ${name}`);
}
