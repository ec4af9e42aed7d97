import { describe, expect, it } from 'vitest';
import type { CsvRow } from '../../../../shared/channels/domain/batch/csv-file.js';
import { groupRows, orderFromRows, ordersOfFile } from '../../../../shared/channels/domain/batch/order-groups.js';

const cells = {
  customerId: 'CUST-1',
  customerPo: 'PO-1',
  requestedDeliveryDate: '2027-03-31',
  shipToName: 'Hospital',
  shipToLine1: '1 Road',
  shipToLine2: '',
  shipToCity: 'Springfield',
  shipToPostalCode: '12345',
  shipToCountry: 'US',
  gtin: '05012345678900',
  quantity: '2',
  expectedUnitPrice: '',
};
let line = 1;
const row = (overrides: Partial<typeof cells> = {}): CsvRow => ({ line: ++line, cells: { ...cells, ...overrides } });

describe('given the rows of a batch file', () => {
  it('when rows of several POs are interleaved, then they are grouped by PO in order of first appearance', () => {
    const rows = [row({ customerPo: 'A' }), row({ customerPo: 'B' }), row({ customerPo: 'A' }), row({ customerPo: '' }), row({ customerPo: '' })];
    expect(groupRows(rows).map((group) => group.map((r) => r.line))).toEqual([
      [rows[0]!.line, rows[2]!.line],
      [rows[1]!.line],
      [rows[3]!.line],
      [rows[4]!.line],
    ]);
  });

  it('when the rows of a PO are valid, then they become one canonical order request with a line per row', () => {
    const rows = [row(), row({ gtin: '05012345678917', quantity: '10', expectedUnitPrice: '12.50' })];
    expect(orderFromRows(rows)).toEqual({
      customerPo: 'PO-1',
      customerId: 'CUST-1',
      rows: rows.map((r) => r.line),
      errors: [],
      request: {
        customerId: 'CUST-1',
        customerPo: 'PO-1',
        requestedDeliveryDate: '2027-03-31',
        shipTo: { name: 'Hospital', line1: '1 Road', city: 'Springfield', postalCode: '12345', country: 'US' },
        lines: [
          { gtin: '05012345678900', quantity: 2 },
          { gtin: '05012345678917', quantity: 10, expectedUnitPrice: '12.50' },
        ],
      },
    });
  });

  it('when line fields are bad, then each error names the row and the CSV column, and there is no request', () => {
    const rows = [row(), row({ gtin: '05012345678901' }), row({ quantity: '1.5' }), row({ quantity: '0', expectedUnitPrice: '-1' })];
    const group = orderFromRows(rows);
    expect(group.request).toBeUndefined();
    expect(group.errors).toEqual([
      { row: rows[1]!.line, field: 'gtin', message: 'GTIN check digit is wrong' },
      { row: rows[2]!.line, field: 'quantity', message: 'must be a whole number of units' },
      { row: rows[3]!.line, field: 'expectedUnitPrice', message: 'a price cannot be negative' },
      { row: rows[3]!.line, field: 'quantity', message: expect.stringMatching(/>=1/) },
    ]);
  });

  it('when order-level fields are bad, then the error names the first row of the PO and the column', () => {
    const rows = [
      row({ shipToCountry: 'USA', requestedDeliveryDate: '2027-02-30', customerId: '' }),
      row({ shipToCountry: 'USA', requestedDeliveryDate: '2027-02-30', customerId: '' }),
    ];
    const { errors } = orderFromRows(rows);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [rows[0]!.line, 'customerId'],
      [rows[0]!.line, 'requestedDeliveryDate'],
      [rows[0]!.line, 'shipToCountry'],
    ]);
  });

  it('when rows of one PO disagree on customer, ship-to or date, then each differing row is named with the field', () => {
    const rows = [row(), row({ shipToCity: 'Shelbyville' }), row({ customerId: 'CUST-2', requestedDeliveryDate: '' })];
    const { errors, request } = orderFromRows(rows);
    expect(request).toBeUndefined();
    expect(errors).toEqual([
      {
        row: rows[1]!.line,
        field: 'shipToCity',
        message: `"Shelbyville" differs from "Springfield" on row ${rows[0]!.line}; all rows of customer PO PO-1 must agree`,
      },
      { row: rows[2]!.line, field: 'customerId', message: expect.stringContaining('"CUST-2" differs from "CUST-1"') },
      { row: rows[2]!.line, field: 'requestedDeliveryDate', message: expect.stringContaining('"" differs from "2027-03-31"') },
    ]);
  });

  it('when a PO has more rows than an order may have lines, then the order is refused saying so', () => {
    const rows = Array.from({ length: 21 }, () => row());
    expect(orderFromRows(rows).errors).toEqual([{ row: rows[0]!.line, field: 'customerPo', message: 'at most 20 lines per order (this PO has 21 rows)' }]);
  });

  it('when a row has the wrong number of fields, then it is named as a whole and its shifted cells add no other noise', () => {
    const rows = [row(), { ...row({ shipToCity: 'shifted' }), problem: 'has 13 fields, the header has 12' }];
    expect(orderFromRows(rows).errors).toEqual([{ row: rows[1]!.line, field: '(row)', message: 'has 13 fields, the header has 12' }]);
  });

  it('when a row has no PO, then it is an order of its own, refused for the missing PO', () => {
    const [group] = ordersOfFile([row({ customerPo: '' })]);
    expect(group!.errors).toEqual([expect.objectContaining({ field: 'customerPo' })]);
  });

  it("when one PO is bad, then the file's other POs are unaffected", () => {
    const groups = ordersOfFile([row({ customerPo: 'GOOD' }), row({ customerPo: 'BAD', gtin: 'x' }), row({ customerPo: 'GOOD' })]);
    expect(groups.map((group) => [group.customerPo, Boolean(group.request), group.errors.length])).toEqual([
      ['GOOD', true, 0],
      ['BAD', false, 1],
    ]);
  });
});
