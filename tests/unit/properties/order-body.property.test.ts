import type middy from '@middy/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MAX_LINE_QUANTITY } from '../../../shared/orders/domain/order-limits.js';
import { CancelRequest, MergeRequest, PlaceOrderRequest } from '../../../shared/orders/schemas/order.js';
import { gtinCheckDigit } from '../../../shared/platform/domain/gtin.js';
import { HttpProblem, zodBody, type ApiEvent, type ApiResult } from '../../../shared/platform/http/middleware.js';
import { MAX_REPORTED_PROBLEMS } from '../../../shared/platform/http/problems.js';
import { withinTime } from './bounds.js';

/**
 * An order body is whatever a channel posts. The API's one body check
 * (zodBody: JSON parsing, then the route's zod schema) must let a valid body
 * through or answer a 400 whose every error names the field at fault, never
 * throw anything else, and stay fast and small on huge bodies.
 */
type Answer = { ok: true; body: unknown } | { ok: false; status: number; detail: string; errors: { path: string; message: string }[] };

async function check(schema: z.ZodType, body: string | undefined): Promise<Answer> {
  const request = { event: { body, headers: { 'content-type': 'application/json' }, isBase64Encoded: false } as unknown as ApiEvent } as middy.Request<
    ApiEvent,
    ApiResult
  >;
  try {
    await zodBody(schema).before!(request);
    return { ok: true, body: request.event.body };
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    const problem = JSON.parse(String(error.response.body)) as { status: number; detail: string; errors?: { path: string; message: string }[] };
    return { ok: false, status: error.response.statusCode ?? 0, detail: problem.detail, errors: problem.errors ?? [] };
  }
}

const text = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9][A-Za-z0-9 .,'-]{0,${max - 1}}$`));
const gtin = fc.stringMatching(/^\d{13}$/).map((body) => `${body}${gtinCheckDigit(body)}`);
const validOrder = fc.record({
  customerId: text(64),
  customerPo: text(35),
  shipTo: fc.record({ name: text(100), line1: text(100), city: text(60), postalCode: text(20), country: fc.stringMatching(/^[A-Z]{2}$/) }),
  lines: fc.array(fc.record({ gtin, quantity: fc.integer({ min: 1, max: MAX_LINE_QUANTITY }) }), { minLength: 1, maxLength: 3 }),
});

/** A path into the order and what happens there: replaced by any JSON value, removed, or given an unknown sibling. */
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(
    ['customerId'],
    ['customerPo'],
    ['requestedDeliveryDate'],
    ['shipTo'],
    ['shipTo', 'city'],
    ['shipTo', 'country'],
    ['shipTo', 'line2'],
    ['lines'],
    ['lines', 0],
    ['lines', 0, 'gtin'],
    ['lines', 0, 'quantity'],
    ['lines', 0, 'expectedUnitPrice'],
    ['lines', 0, 'unitOfMeasure'],
  ),
  change: fc.oneof(
    fc.record({ kind: fc.constant('set' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({
      kind: fc.constant('set' as const),
      value: fc.constantFrom('', ' ', 'a\nb', '\u2028', 'x'.repeat(101), -1, 0, 1.5, 1e308, null, '2026-02-30', '05012345678901'),
    }),
    fc.constant({ kind: 'delete' as const }),
    fc.constant({ kind: 'unknown-sibling' as const }),
  ),
});

type Mutation = { path: readonly (string | number)[]; change: { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'unknown-sibling' } };

function mutate(order: unknown, { path, change }: Mutation) {
  const copy = structuredClone(order) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (change.kind === 'set') parent[last] = change.value;
  else if (change.kind === 'delete') delete parent[last];
  else parent.unexpectedField = 1;
  return copy;
}

/** Two dotted paths are about the same place when one contains the other (a missing object is reported at the object). */
const related = (a: string, b: string) => a === '(body)' || b === '(body)' || a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

describe('given any body posted to place an order (property-based)', () => {
  it('when a valid order is posted, then it passes the check unchanged but for trimming', async () => {
    await fc.assert(
      fc.asyncProperty(validOrder, async (order) => {
        const answer = await check(PlaceOrderRequest, JSON.stringify(order));
        expect(answer.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('when one field of a valid order is changed, removed or joined by an unknown one, then it passes or every error names that field', async () => {
    await fc.assert(
      fc.asyncProperty(validOrder, mutation, async (order, change) => {
        const answer = await check(PlaceOrderRequest, JSON.stringify(mutate(order, change)));
        if (answer.ok) return;
        expect(answer.status).toBe(400);
        expect(answer.errors.length).toBeGreaterThan(0);
        const at = change.path.slice(0, change.change.kind === 'unknown-sibling' ? -1 : undefined).join('.') || '(body)';
        for (const error of answer.errors) {
          expect(related(error.path, at), `${error.path} is not about ${at}`).toBe(true);
          expect(answer.detail).toContain(`${error.path}: ${error.message}`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('when any text or JSON value is posted to an order route, then the answer is the parsed body or a 400 naming the fields, never another error', async () => {
    const bodies = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<z.ZodType>(PlaceOrderRequest, MergeRequest, CancelRequest), bodies, async (schema, body) => {
        const answer = await check(schema, body);
        if (answer.ok) return;
        expect(answer.status).toBe(400);
        expect(answer.detail.length).toBeGreaterThan(0);
        for (const error of answer.errors) expect(error.path).toMatch(/^(\(body\)|[A-Za-z]+(\.[A-Za-z0-9]+)*)$/);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['50,000 invalid lines', { customerId: 'C', customerPo: 'P', shipTo: {}, lines: Array.from({ length: 50_000 }, () => ({ gtin: 'x', quantity: -1 })) }],
    ['a customer PO of 1,000,000 characters ending in a line break', { customerPo: `${'a'.repeat(1_000_000)}\n` }],
    ['arrays nested 1,000 deep', { lines: JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`) }],
    ['10,000 unknown fields', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i]))],
  ])('when the body holds %s, then the 400 comes within 1 s and names at most the reported maximum', async (_name, body) => {
    const json = JSON.stringify(body);
    const started = performance.now();
    const answer = await check(PlaceOrderRequest, json);
    withinTime(1000 - (performance.now() - started), () => undefined);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.errors.length).toBeLessThanOrEqual(MAX_REPORTED_PROBLEMS);
    expect(answer.detail.length).toBeLessThan(10_000);
  });
});
