import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './settings.js';

/**
 * The project brings its own Node: package.json pins the official build as the
 * `node` dev dependency, and npm scripts put node_modules/.bin first on the
 * PATH, so scripts, tests and the emulator's Lambda workers all run the same
 * major version as the deployed `nodejs24.x` functions.
 */
export const pinnedNodeBin = path.join(repoRoot, 'node_modules', '.bin');

/** The major version package.json pins (its devDependencies.node), read once. */
export function pinnedNodeMajor(packageJson: string = readFileSync(path.join(repoRoot, 'package.json'), 'utf8')): number {
  const pinned = (JSON.parse(packageJson) as { devDependencies?: Record<string, string> }).devDependencies?.node;
  const major = Number(/^\D*(\d+)\./.exec(pinned ?? '')?.[1]);
  if (!Number.isInteger(major)) throw new Error(`package.json pins no Node version (devDependencies.node is ${JSON.stringify(pinned)})`);
  return major;
}

/** A clear refusal when something was started outside npm, on another Node than the pinned one. */
export function assertPinnedNode(version: string = process.version, major: number = pinnedNodeMajor()): void {
  if (Number(/^v(\d+)\./.exec(version)?.[1]) === major) return;
  throw new Error(
    `This runs on Node ${version}, but the project is built and tested on Node ${major} (pinned in package.json). ` +
      'Start it through npm (npm start, npm test, npm run ...), which runs the pinned Node from node_modules/.bin; run "npm ci" first if it is missing.',
  );
}

/** PATH with the pinned Node first, for child processes (the emulator's Lambda workers spawn "node"). */
export function pathWithPinnedNode(pathVariable: string | undefined = process.env.PATH): string {
  return [pinnedNodeBin, ...(pathVariable ?? '').split(path.delimiter).filter((entry) => entry && entry !== pinnedNodeBin)].join(path.delimiter);
}
