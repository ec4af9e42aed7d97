import { beforeEach, describe, expect, it, vi } from 'vitest';
import { letterEventOf } from '../../../shared/recalls/domain/letter-status.js';
import { parseSesMessage } from '../../../shared/recalls/schemas/ses-events.js';
import { sesBounce, sesComplaint, sesDelivery, snsEventOf } from '../../support/ses-events.js';

const recordLetterReport = vi.fn(async (_message: unknown) => ({ result: 'RECORDED' }));
vi.mock('../../../shared/recalls/services/letter-events.js', () => ({ recordLetterReport: (message: unknown) => recordLetterReport(message) }));

const AT = '2026-11-25T10:00:02.000Z';
const TO = 'ward@example.test';

describe('given SES event publishing notifications', () => {
  it('when a delivery is read, then it is a DELIVERY at the delivery time', () => {
    expect(letterEventOf(parseSesMessage(sesDelivery('m-1', TO, AT))!)).toEqual({ kind: 'DELIVERY', at: AT });
  });

  it('when a bounce is read, then it keeps the bounce type and each recipient’s diagnostic', () => {
    expect(letterEventOf(parseSesMessage(sesBounce('m-1', TO, AT))!)).toEqual({
      kind: 'BOUNCE',
      at: AT,
      bounceType: 'Permanent/General',
      detail: `${TO} smtp; 550 5.1.1 user unknown`,
    });
  });

  it('when a complaint is read, then it keeps the feedback type', () => {
    expect(letterEventOf(parseSesMessage(sesComplaint('m-1', TO, AT))!)).toEqual({ kind: 'COMPLAINT', at: AT, detail: 'complaint: abuse' });
  });

  it('when an identity notification names its type notificationType, then it is read the same way', () => {
    const { eventType: _type, ...rest } = sesDelivery('m-1', TO, AT);
    expect(letterEventOf(parseSesMessage({ notificationType: 'Delivery', ...rest })!)).toEqual({ kind: 'DELIVERY', at: AT });
  });

  it('when the event is of a type the recall does not track (Send, Open), then it makes no report', () => {
    const { delivery: _delivery, ...send } = { ...sesDelivery('m-1', TO, AT), eventType: 'Send', send: {} };
    expect(letterEventOf(parseSesMessage(send)!)).toBeUndefined();
  });

  it('when the message is not an SES event, then it does not parse', () => {
    expect(parseSesMessage({ hello: 'world' })).toBeUndefined();
    expect(parseSesMessage({ eventType: 'Delivery', mail: { timestamp: AT } })).toBeUndefined();
  });
});

describe('given the recall letter events handler', () => {
  beforeEach(() => recordLetterReport.mockClear());

  it('when SNS delivers a delivery and a bounce, then each is recorded once, parsed', async () => {
    const { handler } = await import('../../../functions/recalls/recall-letter-events.js');
    await handler(snsEventOf(sesDelivery('m-1', TO, AT), sesBounce('m-2', TO, AT)) as never, {} as never);
    expect(
      recordLetterReport.mock.calls.map(([message]) => [
        (message as { eventType: string }).eventType,
        (message as { mail: { messageId: string } }).mail.messageId,
      ]),
    ).toEqual([
      ['Delivery', 'm-1'],
      ['Bounce', 'm-2'],
    ]);
  });

  it('when a message is not JSON or not an SES event, then it is dropped and the others are still recorded', async () => {
    const { handler } = await import('../../../functions/recalls/recall-letter-events.js');
    await handler(snsEventOf('not json', { hello: 'world' }, sesComplaint('m-3', TO, AT)) as never, {} as never);
    expect(recordLetterReport).toHaveBeenCalledTimes(1);
  });

  it('when the event is not an SNS event, then the handler refuses it', async () => {
    const { handler } = await import('../../../functions/recalls/recall-letter-events.js');
    await expect(handler({ Records: [] } as never, {} as never)).rejects.toThrow();
    expect(recordLetterReport).not.toHaveBeenCalled();
  });
});
