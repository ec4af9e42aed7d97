import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The browser tests drive Debian's Chromium (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Installs Debian's chromium package when it is missing. Needs root (as in
 * CI); elsewhere it says what to run instead of failing later in a test.
 */
export function ensureBrowser(): void {
  if (existsSync(CHROMIUM)) return;
  console.log('Installing Debian chromium for the browser tests ...');
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let result = install();
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    result = install();
  }
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}; install it with "sudo apt-get install chromium" (or set CHROMIUM_PATH).`);
  }
}

/** Flags for a headless Chromium on a closed network: no background calls home. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
