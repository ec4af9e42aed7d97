/**
 * Layout rules for printed records, kept free of any PDF library so they can
 * be tested exhaustively: page geometry, text that the standard PDF fonts can
 * draw, word wrapping and pagination.
 */

export interface PageGeometry {
  width: number;
  height: number;
  margin: number;
}

/** ISO A4 in PDF points (1/72 inch). */
export const A4: PageGeometry = { width: 595.28, height: 841.89, margin: 50 };

// The 27 characters WinAnsiEncoding adds in 0x80-0x9F beyond Latin-1.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function drawable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char);
}

/**
 * The standard 14 fonts only encode WinAnsi: a name like "Łukasz" or a
 * Cyrillic comment would make the PDF library throw and the archive step
 * fail. Letters with accents outside WinAnsi lose the accent ("Ł" stays "?",
 * "ő" becomes "o"); anything else becomes "?". The canonical JSON beside the
 * PDF keeps the exact text, so nothing is lost from the record.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/[\t\r\n]+/g, ' ')) {
    if (drawable(char)) {
      out += char;
      continue;
    }
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base.length > 0 && [...base].every(drawable) ? base : '?';
  }
  return out;
}

/**
 * Greedy word wrap to a width, given the font's measure. A word wider than
 * the line (a hash, a long id) is broken by characters instead of
 * overflowing the margin.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  if (maxWidth <= 0) throw new Error('maxWidth must be positive');
  const lines: string[] = [];
  let current = '';
  const pushWord = (word: string) => {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      return;
    }
    if (current !== '') lines.push(current);
    current = '';
    if (measure(word) <= maxWidth) {
      current = word;
      return;
    }
    let piece = '';
    for (const char of word) {
      if (piece !== '' && measure(piece + char) > maxWidth) {
        lines.push(piece);
        piece = '';
      }
      piece += char;
    }
    current = piece;
  };
  for (const word of text.split(/ +/).filter((w) => w !== '')) pushWord(word);
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

export interface Placement {
  /** Zero-based page index. */
  page: number;
  /** Baseline y of the block's first line, PDF coordinates (origin bottom left). */
  y: number;
}

/**
 * Top-to-bottom flow over pages: each block asks for its height and gets a
 * position, starting a new page when it would cross the bottom margin (the
 * footer lives below it). A block taller than a page still gets a fresh page.
 */
export class PageFlow {
  private pageIndex = 0;
  private cursor: number;

  constructor(
    private readonly geometry: PageGeometry,
    private readonly footerHeight = 20,
  ) {
    this.cursor = geometry.height - geometry.margin;
  }

  get pages(): number {
    return this.pageIndex + 1;
  }

  get contentWidth(): number {
    return this.geometry.width - 2 * this.geometry.margin;
  }

  /** Reserves `height` points; `keepWith` more must fit too (a heading keeps its first line). */
  place(height: number, keepWith = 0): Placement {
    const bottom = this.geometry.margin + this.footerHeight;
    const top = this.geometry.height - this.geometry.margin;
    if (this.cursor - height - keepWith < bottom && this.cursor < top) {
      this.pageIndex += 1;
      this.cursor = top;
    }
    const placement = { page: this.pageIndex, y: this.cursor };
    this.cursor -= height;
    return placement;
  }

  space(points: number): void {
    this.cursor = Math.max(this.geometry.margin + this.footerHeight, this.cursor - points);
  }
}

/** "Page 2 of 5": every printed page says where it belongs. */
export function pageLabel(index: number, total: number): string {
  return `Page ${index + 1} of ${total}`;
}
