import { describe, expect, it } from 'vitest';
import { parseCsv, validateCsv } from '../../../shared/master-data/services/master-data-csv.js';

const PRODUCTS = 'gtin,name,deviceClass,regulatoryStatus,unitOfMeasure,lotControlled,serialControlled,shelfLifeDays,retentionYears';
const product = (gtin: string, extra = 'IIa,RELEASED,EA,true,false,1095,10') => `${gtin},Syringe,${extra}`;

describe('given CSV text', () => {
  it('when fields are quoted with commas, doubled quotes and line breaks, then they are read as one field each', () => {
    const { rows, errors } = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ line: 2, values: { a: 'x, y', b: 'say "hi"\nthere' } }]);
  });

  it('when a row has too few fields, then its line is named', () => {
    expect(parseCsv('a,b\n1,2\n3\n').errors).toEqual([{ line: 3, message: '1 fields, the header has 2' }]);
  });

  it('when a quote is never closed, then the file is refused', () => {
    expect(parseCsv('a\n"open\n').errors[0]?.message).toMatch(/not closed/);
  });

  it('when blank lines are in between, then line numbers still match the file', () => {
    expect(parseCsv('a\n\n1\n').rows).toEqual([{ line: 3, values: { a: '1' } }]);
  });
});

describe('given a products file', () => {
  it('when every row is valid, then every record is returned and there are no errors', () => {
    const result = validateCsv('products', [PRODUCTS, product('05012345678900'), product('05012345678917')].join('\n'));
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.lines, r.data.gtin, r.data.lotControlled])).toEqual([
      [[2], '05012345678900', true],
      [[3], '05012345678917', true],
    ]);
  });

  it('when several rows are bad, then every bad row is reported with its line, in order', () => {
    const result = validateCsv(
      'products',
      [PRODUCTS, product('05012345678901'), product('05012345678917'), product('05012345678900', 'IV,RELEASED,EA,maybe,false,1095,10')].join('\n'),
    );
    expect(result.errors).toEqual([
      { line: 2, message: 'gtin: GTIN check digit is wrong' },
      { line: 4, message: expect.stringMatching(/^deviceClass: /) },
      { line: 4, message: expect.stringMatching(/^lotControlled: /) },
    ]);
  });

  it('when a GTIN appears twice, then the second row is named with the first', () => {
    const result = validateCsv('products', [PRODUCTS, product('05012345678900'), product('05012345678900')].join('\n'));
    expect(result.errors).toEqual([{ line: 3, message: 'gtin 05012345678900 is already on line 2' }]);
  });
});

describe('given a customers file', () => {
  const header = 'customerId,legalName,customerGroup,status,creditLimit,currency,paymentTermsDays,minRemainingShelfLifeDays,contactEmail,channels,licences';
  it('when licences and channels are listed with semicolons, then they become lists', () => {
    const result = validateCsv(
      'customers',
      [header, 'CUST-1,Hospital,HOSPITAL,ACTIVE,5000.00,EUR,30,90,a@b.example,portal;edi,IIa:DE-1:2027-12-31;III:DE-2:2027-12-31'].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.records[0]?.data).toMatchObject({
      customerGroup: 'HOSPITAL',
      channels: ['portal', 'edi'],
      licences: [
        { type: 'distribution', deviceClass: 'IIa', number: 'DE-1', expiry: '2027-12-31' },
        { type: 'distribution', deviceClass: 'III', number: 'DE-2', expiry: '2027-12-31' },
      ],
    });
  });

  it('when a credit limit is not a decimal, then the row is named', () => {
    const result = validateCsv('customers', [header, 'CUST-1,Hospital,,ACTIVE,lots,EUR,30,90,a@b.example,,'].join('\n'));
    expect(result.errors).toEqual([{ line: 2, message: expect.stringMatching(/^creditLimit: /) }]);
  });
});

describe('given a price-lists file with one row per line', () => {
  const header = 'priceListId,name,currency,channel,customerGroup,validFrom,validTo,gtin,unitPrice,breaks';
  it('when rows share a list id, then they become one list with its lines and breaks', () => {
    const result = validateCsv(
      'price-lists',
      [
        header,
        'PL-1,Hospitals,EUR,,HOSPITAL,2026-01-01,2026-12-31,05012345678900,14.50,10:13.90;100:12.50',
        'PL-1,Hospitals,EUR,,HOSPITAL,2026-01-01,2026-12-31,05012345678917,12.90,',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      {
        lines: [2, 3],
        data: {
          priceListId: 'PL-1',
          name: 'Hospitals',
          currency: 'EUR',
          customerGroup: 'HOSPITAL',
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
          lines: [
            {
              gtin: '05012345678900',
              unitPrice: '14.50',
              breaks: [
                { minQuantity: 10, unitPrice: '13.90' },
                { minQuantity: 100, unitPrice: '12.50' },
              ],
            },
            { gtin: '05012345678917', unitPrice: '12.90' },
          ],
        },
      },
    ]);
  });

  it('when a line of a list is bad or disagrees on the header, then that row is named', () => {
    const result = validateCsv(
      'price-lists',
      [
        header,
        'PL-1,Hospitals,EUR,,,2026-01-01,,05012345678900,14.50,',
        'PL-1,Hospitals,USD,,,2026-01-01,,05012345678917,12.90,',
        'PL-1,Hospitals,EUR,,,2026-01-01,,05012345678924,-1,',
      ].join('\n'),
    );
    expect(result.errors).toEqual([
      { line: 3, message: 'currency differ(s) from line 2 of price list PL-1' },
      { line: 4, message: expect.stringMatching(/^lines\.2\.unitPrice: /) },
    ]);
  });

  it('when validTo is before validFrom, then the first row of the list is named', () => {
    const result = validateCsv('price-lists', [header, 'PL-1,Hospitals,EUR,,,2026-02-01,2026-01-31,05012345678900,14.50,'].join('\n'));
    expect(result.errors).toEqual([{ line: 2, message: 'validTo: validTo must not be before validFrom' }]);
  });
});
