import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../shared/api/openapi.js';
import { ROUTE_DECLARATIONS } from '../../../shared/api/registry.js';
import { IdempotencyKey } from '../../../shared/platform/schemas/common.js';

/**
 * The document says exactly what the API does (the fuzzer of tests/e2e/api-fuzz.test.ts checks the running API
 * against it): every refusal a route can answer is documented, and every parameter is as strict as its check.
 */
type Operation = { responses: Record<string, unknown>; parameters?: { name: string; in: string; schema: Record<string, unknown> }[] };
const document = openApiDocument();
const operation = (method: string, path: string) => (document.paths as unknown as Record<string, Record<string, Operation>>)[path]![method]!;
const routes = ROUTE_DECLARATIONS.flatMap((declaration) => declaration.routes.map((route) => ({ ...route, auth: declaration.auth })));

describe('given the published OpenAPI document and the route registry', () => {
  it.each(routes.filter((route) => route.auth !== 'link' && route.auth !== 'public').map((route) => [`${route.method} ${route.path}`, route]))(
    'when the token route %s is read, then it documents the gateway’s 401 and the handler’s 403',
    (_name, route) => {
      const { responses } = operation(route.method.toLowerCase(), route.path);
      expect(responses['401']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } } });
      expect(responses['403']).toMatchObject({ content: { 'application/problem+json': {} } });
    },
  );

  it('when an order is read by id, then the id is documented with the order id pattern and a malformed one answers 400', () => {
    const read = operation('get', '/v1/orders/{orderId}');
    expect(read.parameters?.find((parameter) => parameter.name === 'orderId')?.schema.pattern).toBe('^ORD-[0-9A-Z]{26,}$');
    expect(Object.keys(read.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
  });

  it('when the master-data and approval routes are read, then their refusals and unknown links are documented', () => {
    for (const [method, path] of [
      ['get', '/v1/master/{kind}'],
      ['get', '/v1/master/{kind}/{id}'],
      ['post', '/v1/master/{kind}'],
      ['put', '/v1/master/{kind}/{id}'],
      ['get', '/v1/approvals'],
    ] as const)
      expect(Object.keys(operation(method, path).responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
    expect(Object.keys(operation('get', '/v1/approvals/{approvalId}').responses)).toContain('404');
    expect(operation('get', '/v1/approvals/{approvalId}').parameters?.[0]?.schema.pattern).toBe('^[A-Za-z0-9_-]{27}$');
  });

  it('when every Idempotency-Key header is read, then it is the one schema the handlers check: 1 to 128 printable characters', () => {
    const headers = Object.values(document.paths as unknown as Record<string, Record<string, Operation>>)
      .flatMap((methods) => Object.values(methods))
      .flatMap((op) => op.parameters ?? [])
      .filter((parameter) => parameter.name === 'Idempotency-Key');
    expect(headers).toHaveLength(4);
    for (const header of headers) expect(header.schema).toEqual({ type: 'string', maxLength: 128, pattern: expect.any(String) });
    expect(IdempotencyKey.safeParse('k'.repeat(128)).success).toBe(true);
    expect(IdempotencyKey.safeParse('k'.repeat(129)).success).toBe(false);
    expect(IdempotencyKey.safeParse('').success).toBe(false);
    expect(IdempotencyKey.safeParse(' padded ').success).toBe(false);
  });

  it('when a calendar date field is read, then it carries the date format', () => {
    const schemas = document.components.schemas as Record<string, { properties?: Record<string, Record<string, unknown>> }>;
    expect(schemas.PlaceOrderRequest?.properties?.requestedDeliveryDate).toMatchObject({ type: 'string', format: 'date' });
  });
});

describe('given the decimal amounts of the published document', () => {
  it('when an amount or a unit price is read, then it carries the pattern its check refuses others with', () => {
    const schemas = openApiDocument().components.schemas as Record<string, { properties?: Record<string, Record<string, unknown>> }>;
    const price = JSON.stringify(schemas.OrderLineRequest?.properties?.expectedUnitPrice);
    expect(price).toContain('^-?\\\\d{1,12}(\\\\.\\\\d{1,4})?$');
    expect(price).toContain('^(?!-)');
  });
});
