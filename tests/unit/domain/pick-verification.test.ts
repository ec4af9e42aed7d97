import { describe, expect, it } from 'vitest';
import { GS } from '../../../shared/inventory/domain/gs1.js';
import { checkPick, type AllocatedLine } from '../../../shared/inventory/domain/pick-verification.js';

const today = '2026-11-25';
const GLOVES = '09501101530003';
const STENT = '00614141999996';
const lines: AllocatedLine[] = [
  {
    lineNo: 1,
    gtin: GLOVES,
    picks: [
      { lotNumber: 'GL1', expiry: '2028-01-31', quantity: 2 },
      { lotNumber: 'GL2', expiry: '2028-06-30', quantity: 1 },
    ],
  },
  { lineNo: 2, gtin: STENT, picks: [{ lotNumber: 'ST1', expiry: '2028-03-31', quantity: 2, serials: ['SN1', 'SN2'] }] },
];
const glove = (lot: string, expiry = '280131') => `]d201${GLOVES}17${expiry}10${lot}`;
const stent = (serial: string) => `]d201${STENT}1728033110ST1${GS}21${serial}`;

describe('given an order allocated to two glove lots and two stent serials', () => {
  it('when exactly the allocated units are scanned, then every scan is accepted and the pick is complete', () => {
    const result = checkPick(lines, [glove('GL1'), glove('GL1'), glove('GL2', '280630'), stent('SN2'), stent('SN1')], today);
    expect(result.verdicts.every((verdict) => verdict.accepted)).toBe(true);
    expect(result).toMatchObject({ outstanding: [], complete: true });
    expect(result.verdicts[3]).toEqual({ scan: stent('SN2'), accepted: true, lineNo: 2, gtin: STENT, lotNumber: 'ST1', quantity: 1, serial: 'SN2' });
  });

  it('when only part is scanned, then what is still to pick is listed per line and lot', () => {
    expect(checkPick(lines, [glove('GL1'), stent('SN1')], today)).toMatchObject({
      complete: false,
      outstanding: [
        { lineNo: 1, gtin: GLOVES, lotNumber: 'GL1', quantity: 1 },
        { lineNo: 1, gtin: GLOVES, lotNumber: 'GL2', quantity: 1 },
        { lineNo: 2, gtin: STENT, lotNumber: 'ST1', quantity: 1 },
      ],
    });
  });

  it('when a third unit of lot GL1 is scanned, then it is refused as an over-scan', () => {
    const result = checkPick(lines, [glove('GL1'), glove('GL1'), glove('GL1')], today);
    expect(result.verdicts[2]).toMatchObject({ accepted: false, refusal: 'OVER_SCAN', reason: expect.stringMatching(/lot GL1 is already completely picked/) });
  });

  it('when a case of 5 is scanned against 2 to pick, then the whole case is refused', () => {
    const result = checkPick(lines, [`${glove('GL1')}${GS}305`], today);
    expect(result.verdicts[0]).toMatchObject({ accepted: false, refusal: 'OVER_SCAN', reason: expect.stringMatching(/5 unit\(s\) .* only 2 still to pick/) });
    expect(result.outstanding[0]).toMatchObject({ lotNumber: 'GL1', quantity: 2 });
  });

  it('when a unit of another lot is scanned, then it is refused naming the lots to pick', () => {
    expect(checkPick(lines, [glove('GL9')], today).verdicts[0]).toMatchObject({
      accepted: false,
      refusal: 'WRONG_LOT',
      reason: expect.stringMatching(/lot GL9 was not allocated .* pick lot\(s\) GL1, GL2/),
    });
  });

  it('when the label’s expiry differs from the stock record of the lot, then it is refused for quality to look at', () => {
    expect(checkPick(lines, [glove('GL1', '290131')], today).verdicts[0]).toMatchObject({ accepted: false, refusal: 'EXPIRY_MISMATCH' });
  });

  it('when a product that is not on the order is scanned, then it is refused', () => {
    expect(checkPick(lines, ['(01)03453120000011(10)X'], today).verdicts[0]).toMatchObject({ accepted: false, refusal: 'NOT_ON_ORDER' });
  });

  it('when a stent serial that was not allocated, a repeated serial, or a stent without serial is scanned, then each is refused', () => {
    const result = checkPick(lines, [stent('SN7'), stent('SN1'), stent('SN1'), `]d201${STENT}1728033110ST1`], today);
    expect(result.verdicts.map((verdict) => (verdict.accepted ? 'ok' : verdict.refusal))).toEqual([
      'WRONG_SERIAL',
      'ok',
      'SERIAL_ALREADY_SCANNED',
      'WRONG_SERIAL',
    ]);
  });

  it('when a scan cannot be read, then it is refused with the parser’s reason and the rest go on', () => {
    const result = checkPick(lines, [`]d201${GLOVES.slice(0, 13)}9`, glove('GL1')], today);
    expect(result.verdicts[0]).toMatchObject({ accepted: false, refusal: 'UNREADABLE', reason: expect.stringMatching(/check digit/) });
    expect(result.verdicts[1]?.accepted).toBe(true);
  });

  it('when a label has no lot, then it is refused: the lot must be verified', () => {
    expect(checkPick(lines, [`(01)${GLOVES}`], today).verdicts[0]).toMatchObject({ accepted: false, refusal: 'WRONG_LOT' });
  });
});
