import { describe, expect, it } from 'vitest';
import { BATCH_COLUMNS, decodeUtf8, MAX_ROWS, readBatchCsv } from '../../../../shared/channels/domain/batch/csv-file.js';

const HEADER = BATCH_COLUMNS.join(',');
const ROW = 'CUST-1,PO-1,2027-03-31,Hospital,"1 Road, Wing B",,Springfield,12345,US,05012345678900,2,12.50';

describe('given an uploaded batch file', () => {
  it('when it is a header and rows, then each row has its file line and cells by column (quoted commas kept)', () => {
    const file = readBatchCsv(`${HEADER}\r\n${ROW}\r\n\r\n${ROW.replace('PO-1', 'PO-2')}\r\n`);
    expect(file).toEqual({
      ok: true,
      rows: [
        expect.objectContaining({
          line: 2,
          cells: expect.objectContaining({ customerPo: 'PO-1', shipToLine1: '1 Road, Wing B', shipToLine2: '', quantity: '2' }),
        }),
        expect.objectContaining({ line: 4, cells: expect.objectContaining({ customerPo: 'PO-2' }) }),
      ],
    });
  });

  it('when a quoted cell spans lines, then the next row still gets its own line number', () => {
    const file = readBatchCsv(`${HEADER}\n${ROW.replace('"1 Road, Wing B"', '"1 Road\nWing B"')}\n${ROW}`);
    expect(file.ok && file.rows.map((row) => row.line)).toEqual([3, 4]);
  });

  it('when columns come in another order and optional ones are left out, then it is read', () => {
    const file = readBatchCsv(
      'gtin,quantity,customerPo,customerId,shipToName,shipToLine1,shipToCity,shipToPostalCode,shipToCountry\n05012345678900,1,PO-1,C,N,L,City,1,US',
    );
    expect(file.ok && file.rows[0]!.cells).toEqual({
      gtin: '05012345678900',
      quantity: '1',
      customerPo: 'PO-1',
      customerId: 'C',
      shipToName: 'N',
      shipToLine1: 'L',
      shipToCity: 'City',
      shipToPostalCode: '1',
      shipToCountry: 'US',
    });
  });

  it('when it starts with a UTF-8 byte order mark, then the first column is still recognised', () => {
    const decoded = decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\n${ROW}`)]));
    expect(decoded.ok && readBatchCsv(decoded.text).ok).toBe(true);
  });

  it('when a row has more or fewer fields than the header, then that row carries the problem and the file is still read', () => {
    const file = readBatchCsv(`${HEADER}\n${ROW},extra\n${ROW}`);
    expect(file.ok && file.rows[0]).toMatchObject({ line: 2, problem: 'has 13 fields, the header has 12' });
    expect(file.ok && file.rows[1]!.problem).toBeUndefined();
  });

  it.each([
    ['empty', '', /empty/],
    ['blank lines only', '\n \n', /empty/],
    ['header only', `${HEADER}\n`, /no order lines/],
    ['a missing column', HEADER.replace(',quantity', ''), /Missing columns in the header: quantity/],
    ['an unknown column', `${HEADER},colour`, /Unknown columns in the header: "colour"/],
    ['a duplicate column', `${HEADER},gtin`, /Duplicate columns in the header: gtin/],
    ['an unclosed quote', `${HEADER}\n${ROW.replace('Hospital', '"Hospital')}`, /cannot be read as CSV/],
    ['a NUL byte', `${HEADER}\n${ROW}\u0000`, /not a text CSV: control character U\+0000 on line 2/],
    ['replacement characters from undecodable bytes', `${HEADER}\n${ROW.replace('Springfield', 'D\uFFFDsseldorf')}`, /not UTF-8/],
  ])('when it has %s, then it is refused whole with the reason', (_name, text, reason) => {
    const file = readBatchCsv(text);
    expect(file.ok).toBe(false);
    expect(!file.ok && file.reason).toMatch(reason);
  });

  it('when it has more rows than a file may, then it is refused and asked to be split', () => {
    const text = `${HEADER}\n${`${ROW}\n`.repeat(MAX_ROWS + 1)}`;
    const file = readBatchCsv(text);
    expect(!file.ok && file.reason).toMatch(/at most 20000 per file, split it/);
  });

  it('when the bytes are not UTF-8, then decoding refuses them', () => {
    expect(decodeUtf8(Buffer.from('Düsseldorf', 'latin1'))).toEqual({ ok: false, reason: expect.stringMatching(/not UTF-8/) });
    expect(decodeUtf8(Buffer.from('Düsseldorf', 'utf8'))).toEqual({ ok: true, text: 'Düsseldorf' });
  });
});
