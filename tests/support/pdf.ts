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
