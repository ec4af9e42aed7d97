import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's poppler-utils (pdftoppm) and tesseract-ocr: the archive tests read the PDF back as an image. */
export const PDF_TOOLS = [
  { binary: '/usr/bin/pdftoppm', pkg: 'poppler-utils' },
  { binary: '/usr/bin/tesseract', pkg: 'tesseract-ocr' },
] as const;

/**
 * Installs the missing ones with apt-get (as root, as in CI), like the
 * browser; elsewhere it says what to run instead of failing later in a test.
 */
export function ensurePdfTools(): void {
  const missing = PDF_TOOLS.filter((tool) => !existsSync(tool.binary)).map((tool) => tool.pkg);
  if (missing.length === 0) return;
  console.log(`Installing Debian ${missing.join(', ')} for the archive PDF tests ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  let result = install();
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    result = install();
  }
  const still = PDF_TOOLS.filter((tool) => !existsSync(tool.binary));
  if (result.status !== 0 || still.length > 0) {
    throw new Error(`Missing ${still.map((tool) => tool.binary).join(', ')}; install them with "sudo apt-get install ${missing.join(' ')}".`);
  }
}
