import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What a person sees on the PDF: each page rasterized by poppler (pdftoppm)
 * and read by OCR (tesseract), so the test checks the rendering, not the
 * PDF's internal text objects.
 */
export function ocrPdf(pdf: Uint8Array, dpi = 200): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'o2c-pdf-'));
  try {
    writeFileSync(path.join(dir, 'document.pdf'), pdf);
    const raster = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', 'document.pdf', 'page'], { cwd: dir, encoding: 'utf8' });
    if (raster.status !== 0) throw new Error(`pdftoppm failed: ${raster.stderr}`);
    const pages = readdirSync(dir)
      .filter((name) => name.startsWith('page') && name.endsWith('.png'))
      .sort();
    if (pages.length === 0) throw new Error('pdftoppm produced no page image');
    return pages
      .map((page) => {
        const ocr = spawnSync('tesseract', [page, '-', '--psm', '4'], { cwd: dir, encoding: 'utf8' });
        if (ocr.status !== 0) throw new Error(`tesseract failed on ${page}: ${ocr.stderr}`);
        return ocr.stdout;
      })
      .join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Helvetica draws zero and capital O, and one, l and I, almost alike: OCR may read either. */
const glyphClass = (text: string) => text.replace(/[0O]/g, '0').replace(/[1lI]/g, '1');

/** Levenshtein distance between two strings (insertions, deletions and substitutions each cost one). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether OCR text shows an id: somewhere in it (spaces ignored, look-alike
 * glyphs equal) stands a run within `maxEdits` edits of the id. OCR of a
 * rendered page drops, adds or swaps the odd character; an id of another
 * order differs in most of its 26 random characters and still fails.
 */
export function ocrShows(text: string, id: string, maxEdits = 2): boolean {
  const haystack = glyphClass(text.replace(/\s+/g, ''));
  const needle = glyphClass(id);
  for (let length = needle.length - maxEdits; length <= needle.length + maxEdits; length++) {
    for (let start = 0; start + length <= haystack.length; start++) {
      if (editDistance(haystack.slice(start, start + length), needle) <= maxEdits) return true;
    }
  }
  return false;
}
