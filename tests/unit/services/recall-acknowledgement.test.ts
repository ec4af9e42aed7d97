import { describe, expect, it } from 'vitest';
import { formFields } from '../../../shared/platform/http/middleware.js';
import { serialsOnHandProblem } from '../../../shared/recalls/domain/recall.js';
import { RecallAckForm } from '../../../shared/recalls/schemas/recall.js';

describe('given an acknowledgement form of a serial recall', () => {
  it('when several serials are ticked, then the form gives every one of them', () => {
    const fields = formFields(new URLSearchParams('contactName=Ann&quantityOnHand=2&serialsOnHand=S1&serialsOnHand=S3'));
    expect(RecallAckForm.parse(fields)).toEqual({ contactName: 'Ann', quantityOnHand: 2, serialsOnHand: ['S1', 'S3'] });
  });

  it('when one serial is ticked, then it is still a list', () => {
    expect(RecallAckForm.parse(formFields(new URLSearchParams('contactName=Ann&quantityOnHand=1&serialsOnHand=S1')))).toMatchObject({ serialsOnHand: ['S1'] });
  });

  it('when no serial is ticked, then there is no list (a lot recall’s form)', () => {
    expect(RecallAckForm.parse(formFields(new URLSearchParams('contactName=Ann&quantityOnHand=0')))).toEqual({ contactName: 'Ann', quantityOnHand: 0 });
  });
});

describe('given the serials a consignee received', () => {
  const received = ['S1', 'S2', 'S3'];

  it('when the ticked serials are among them and as many as the units reported, then the acknowledgement is fine', () => {
    expect(serialsOnHandProblem({ quantityOnHand: 2, serialsOnHand: ['S1', 'S3'] }, received)).toBeUndefined();
    expect(serialsOnHandProblem({ quantityOnHand: 5 }, received)).toBeUndefined();
  });

  it('when a ticked serial was not recalled from the consignee, then it is named', () => {
    expect(serialsOnHandProblem({ quantityOnHand: 1, serialsOnHand: ['S9'] }, received)).toBe('serialsOnHand: S9 were not recalled from you');
  });

  it('when the count differs from the units reported, then it says both', () => {
    expect(serialsOnHandProblem({ quantityOnHand: 3, serialsOnHand: ['S1'] }, received)).toContain('3 unit(s) reported but 1 serial(s) ticked');
  });
});
