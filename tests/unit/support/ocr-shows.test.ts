import { describe, expect, it } from 'vitest';
import { ocrShows } from '../../support/pdf.js';

const id = 'ORD-06H3RHPNE8SDBHA2JI7JVMWNT0';

describe('given OCR text of an archived record', () => {
  it('when the id is read exactly, or with look-alike glyphs and a split, then it is shown', () => {
    expect(ocrShows(`Order ${id}\nCustomer`, id)).toBe(true);
    expect(ocrShows('Order ORD-O6H3RHPNE8SDBHA2J17JVMWNTO', id)).toBe(true);
    expect(ocrShows('Order ORD-06H3RHPNE8SDB HA2JI7JVMWNT0', id)).toBe(true);
  });

  it('when OCR adds or drops a character (as a CI run read "O6GH3"), then it is still shown', () => {
    expect(ocrShows('Order ORD-O6GH3RHPNE8SDBHA2J17JVMWNTO', id)).toBe(true);
    expect(ocrShows('Order ORD-06H3RHPNE8SDBHA2JI7JVMWN0', id)).toBe(true);
  });

  it('when the text shows another order’s id, or no id, then it is not shown', () => {
    expect(ocrShows('Order ORD-06H3XK2QW9ZZTTYB5M4C8GDLR1', id)).toBe(false);
    expect(ocrShows('Order audit record', id)).toBe(false);
  });
});
