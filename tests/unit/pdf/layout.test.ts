import { describe, expect, it } from 'vitest';
import { A4, PageFlow, pageLabel, toWinAnsi, wrapText } from '../../../shared/platform/pdf/layout.js';

const oneUnitPerChar = (s: string) => s.length;

describe('given text for a standard PDF font', () => {
  it('when it holds Latin-1 and WinAnsi punctuation, then it is kept as it is', () => {
    expect(toWinAnsi('Müller – “ok” € 5,00 café')).toBe('Müller – “ok” € 5,00 café');
  });

  it('when it holds letters outside WinAnsi, then accents are dropped or the character is replaced, never thrown', () => {
    expect(toWinAnsi('Dvořák Łukasz Иван 中')).toBe('Dvorák ?ukasz ???? ?');
  });

  it('when it holds tabs and line breaks, then they become single spaces', () => {
    expect(toWinAnsi('a\tb\r\nc')).toBe('a b c');
  });
});

describe('given a line width', () => {
  it('when words fit, then they are wrapped greedily at spaces', () => {
    expect(wrapText('aa bb cc dd', 5, oneUnitPerChar)).toEqual(['aa bb', 'cc dd']);
  });

  it('when one word is longer than the line, then it is broken by characters', () => {
    expect(wrapText('x 0123456789', 4, oneUnitPerChar)).toEqual(['x', '0123', '4567', '89']);
  });

  it('when the text is empty, then one empty line is kept (the run still takes its place)', () => {
    expect(wrapText('', 10, oneUnitPerChar)).toEqual(['']);
  });

  it('when the width is not positive, then it is refused', () => {
    expect(() => wrapText('a', 0, oneUnitPerChar)).toThrow(/positive/);
  });
});

describe('given blocks flowing over A4 pages', () => {
  it('when blocks fill a page, then the next one starts at the top of a new page', () => {
    const flow = new PageFlow(A4, 20);
    const usable = A4.height - 2 * A4.margin - 20;
    const perPage = Math.floor(usable / 10);
    const placements = Array.from({ length: perPage + 1 }, () => flow.place(10));
    expect(placements[0]).toEqual({ page: 0, y: A4.height - A4.margin });
    expect(placements[perPage - 1]!.page).toBe(0);
    expect(placements[perPage]).toEqual({ page: 1, y: A4.height - A4.margin });
    expect(flow.pages).toBe(2);
  });

  it('when a heading would end a page alone, then it moves to the next page with its first line', () => {
    const flow = new PageFlow(A4, 20);
    const usable = A4.height - 2 * A4.margin - 20;
    flow.place(usable - 15);
    expect(flow.place(10, 12).page).toBe(1);
  });

  it('when a block is taller than a page, then it still gets a fresh page and never an endless loop', () => {
    const flow = new PageFlow(A4, 20);
    flow.place(10);
    expect(flow.place(5000).page).toBe(1);
    expect(flow.place(10).page).toBe(2);
  });

  it('when pages are labelled, then each says its number and the total', () => {
    expect(pageLabel(0, 3)).toBe('Page 1 of 3');
  });

  it('when the content width is asked, then it is the page less both margins', () => {
    expect(new PageFlow(A4).contentWidth).toBeCloseTo(A4.width - 100);
  });
});
