import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../shared/api/openapi.js';
import { ROUTE_DECLARATIONS } from '../../../shared/api/registry.js';

type Json = unknown;

function collectRefs(value: Json, refs: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, refs);
  else if (value && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (key === '$ref' && typeof member === 'string') refs.push(member);
      else collectRefs(member, refs);
    }
  }
  return refs;
}

function resolvePointer(document: Json, ref: string): Json {
  expect(ref.startsWith('#/'), `${ref} is a local reference`).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json>((node, segment) => (node && typeof node === 'object' ? (node as Record<string, Json>)[segment] : undefined), document);
}

describe('given the published OpenAPI document', () => {
  const document = openApiDocument();

  it('when it is read, then it is OpenAPI 3.1 with a title and version', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBeTruthy();
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('when its paths are listed, then they are exactly the paths of the declared routes', () => {
    expect(Object.keys(document.paths).sort()).toEqual(
      [...new Set(ROUTE_DECLARATIONS.flatMap((declaration) => declaration.routes.map((route) => route.path)))].sort(),
    );
    expect(document.paths['/v1/orders']).toHaveProperty('post');
    expect(document.paths['/v1/orders/{orderId}']).toHaveProperty('get');
    expect(document.paths['/v1/approvals/{approvalId}']).toHaveProperty('get');
    expect(document.paths['/v1/approvals/{approvalId}']).toHaveProperty('post');
  });

  it('when every $ref is followed, then each one resolves to a component schema', () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9_.-]+$/);
      expect(resolvePointer(document, ref), `${ref} resolves`).toBeTypeOf('object');
    }
  });

  it('when the components are listed, then the request, response and problem schemas are present', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'PlaceOrderRequest',
        'OrderAccepted',
        'Order',
        'Problem',
        'ApprovalDecisionForm',
        'ApprovalDecisionResult',
        'Address',
        'OrderLineRequest',
      ]),
    );
  });

  it('when a component schema is read, then it carries no $schema or $id of its own', () => {
    for (const [id, schema] of Object.entries(document.components.schemas)) {
      expect(schema, id).not.toHaveProperty('$schema');
      expect(schema, id).not.toHaveProperty('$id');
    }
  });

  it('when the order request schema is read, then it forbids unknown fields and requires the core fields', () => {
    const schema = document.components.schemas.PlaceOrderRequest as Record<string, unknown>;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(expect.arrayContaining(['customerId', 'customerPo', 'shipTo', 'lines']));
    expect((schema.properties as Record<string, Record<string, unknown>>).lines).toMatchObject({ minItems: 1, maxItems: 20 });
  });

  it('when the order line schema is read, then quantities are integers and GTINs are 14-digit strings', () => {
    const line = document.components.schemas.OrderLineRequest as { properties: Record<string, Record<string, unknown>> };
    expect(line.properties.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 100000 });
    expect(line.properties.gtin).toMatchObject({ type: 'string', pattern: '^\\d{14}$' });
  });

  it('when placing an order is described, then it needs an Idempotency-Key header and a channel token', () => {
    // Declared routes' paths are typed by string (shared/api/declared-paths.ts): the operation is looked up, not known to the compiler.
    const post = document.paths['/v1/orders']!.post!;
    expect(post.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })]);
    expect(post.security).toEqual([{ channelToken: [] }]);
    expect(document.components.securitySchemes).toHaveProperty('channelToken');
    expect(Object.keys(post.responses as object)).toEqual(expect.arrayContaining(['202', '400', '401', '409', '422']));
  });

  it('when operation ids are listed, then each is unique', () => {
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => (operation as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when the document is serialized, then it survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});
