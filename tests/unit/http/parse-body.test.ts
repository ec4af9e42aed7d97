import { describe, expect, it } from 'vitest';
import { HttpProblem, parseBody, type ApiEvent } from '../../../shared/platform/http/middleware.js';

const eventWith = (body: string | undefined, extra: Partial<ApiEvent> = {}) => ({ body, headers: {}, isBase64Encoded: false, ...extra }) as ApiEvent;

/** The problem detail a body is refused with. */
const refusal = (event: ApiEvent) => {
  try {
    parseBody(event);
  } catch (error) {
    if (error instanceof HttpProblem) return { status: error.response.statusCode, body: JSON.parse(String(error.response.body)) as { detail: string } };
    throw error;
  }
  return undefined;
};

describe('given the one body parser of the API (zodBody and the compliance handler)', () => {
  it('when the body is JSON, plain or base64-encoded, then it is parsed', () => {
    expect(parseBody(eventWith('{"orderId":"ORD-1"}'))).toEqual({ orderId: 'ORD-1' });
    expect(parseBody(eventWith(Buffer.from('{"chain":"CHECKPOINTS"}').toString('base64'), { isBase64Encoded: true }))).toEqual({ chain: 'CHECKPOINTS' });
  });

  it('when the body is a form, then its fields are the data', () => {
    expect(parseBody(eventWith('a=1&b=2&b=3', { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } }))).toEqual({
      a: '1',
      b: ['2', '3'],
    });
  });

  it.each([
    [undefined, 'The request body is empty; send a JSON document.'],
    ['   ', 'The request body is empty; send a JSON document.'],
    ['{"chain":', 'The request body is not valid JSON.'],
  ])('when the body is %j, then it is a 400 saying why', (body, detail) => {
    expect(refusal(eventWith(body))).toMatchObject({ status: 400, body: { detail } });
  });
});
