import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseAnswer, undeclaredFields, type RawResponse } from '../../support/stack.js';

const View = z.object({ orderId: z.string(), lines: z.array(z.object({ gtin: z.string() })) }).meta({ id: 'TestView' });

const answer = (status: number, body: unknown, contentType = 'application/json'): RawResponse => ({
  status,
  body,
  text: JSON.stringify(body),
  headers: new Headers({ 'content-type': contentType }),
});

describe('given answers of the API read through a view schema', () => {
  it('when a 2xx body matches, then body is the parsed view and reading problem fails naming the route', () => {
    const read = parseAnswer(View, 'GET', '/v1/x/1', answer(200, { orderId: 'O-1', lines: [{ gtin: '1' }] }));
    expect(read.body).toEqual({ orderId: 'O-1', lines: [{ gtin: '1' }] });
    expect(() => read.problem).toThrow(/GET \/v1\/x\/1 answered 200, which is not a problem\+json answer/);
  });

  it('when a 2xx body does not match, or carries a field the schema does not declare, then reading it fails naming the route and the schema', () => {
    expect(() => parseAnswer(View, 'GET', '/v1/x/1', answer(200, { orderId: 1, lines: [] }))).toThrow(/GET \/v1\/x\/1 answered 200 .*TestView/);
    expect(() => parseAnswer(View, 'GET', '/v1/x/1', answer(200, { orderId: 'O-1', lines: [{ gtin: '1', lot: 'L' }] }))).toThrow(
      /fields TestView does not declare: lines\[0\]\.lot/,
    );
  });

  it('when a problem+json answer comes, then problem is parsed and reading body fails naming the route and the status', () => {
    const read = parseAnswer(View, 'POST', '/v1/x', answer(409, { type: 't', title: 'Conflict', status: 409, detail: 'taken' }, 'application/problem+json'));
    expect(read.problem).toMatchObject({ title: 'Conflict', detail: 'taken' });
    expect(() => read.body).toThrow(/POST \/v1\/x answered 409, not 2xx/);
    expect(read).toMatchObject({ status: 409 });
  });

  it('when a 4xx is not problem+json, then only its status and text are there', () => {
    const read = parseAnswer(View, 'GET', '/v1/x/1', answer(401, { message: 'Unauthorized' }));
    expect(read.status).toBe(401);
    expect(() => read.problem).toThrow(/not a problem\+json answer/);
  });

  it('when records or loose objects keep every key, then nothing is undeclared', () => {
    expect(undeclaredFields({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
    expect(undeclaredFields({ a: [{ b: 1, c: 2 }] }, { a: [{ b: 1 }] })).toEqual(['a[0].c']);
  });
});
