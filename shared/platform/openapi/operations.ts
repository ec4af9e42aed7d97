import { z } from 'zod';
import { IdempotencyKey } from '../schemas/common.js';

/** Building blocks of OpenAPI operations, shared by every context's route declarations. */

/**
 * A reference to a component schema. Pass the zod schema itself (it must carry
 * `.meta({ id })`): the reference cannot name a schema that does not exist, and
 * importing it loads it into zod's registry, which the document is built from.
 */
export const schemaRef = (schema: z.ZodType | string) => {
  const id = typeof schema === 'string' ? schema : schema.meta()?.id;
  if (typeof id !== 'string') throw new Error('An OpenAPI schema reference needs a zod schema with .meta({ id })');
  return { $ref: `#/components/schemas/${id}` };
};

/** The JSON Schema of a zod schema as requests must satisfy it (pattern, lengths, enum, format), inline. */
export function inlineSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _schema, id: _id, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

export const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: schemaRef('Problem') } } });
export const jsonResponse = (description: string, schema: z.ZodType | string) => ({
  description,
  content: { 'application/json': { schema: schemaRef(schema) } },
});
/** A JSON answer that is one of several documented shapes (e.g. a staff view and a channel view of the same resource). */
export const jsonOneOfResponse = (description: string, schemas: readonly (z.ZodType | string)[]) => ({
  description,
  content: { 'application/json': { schema: { oneOf: schemas.map(schemaRef) } } },
});
export const jsonBody = (schema: z.ZodType | string) => ({ required: true, content: { 'application/json': { schema: schemaRef(schema) } } });
/**
 * A path parameter, documented with the zod schema its handler checks it with (an id's pattern, a kind's values),
 * so the document refuses exactly what the handler refuses. The route documents what a value outside it answers
 * (400, or 404 for the links and kinds that answer a wrong value as an unknown one): declaredPaths checks it does.
 */
export const pathParameter = (name: string, schema: z.ZodType = z.string(), description?: string) => ({
  name,
  in: 'path',
  required: true,
  schema: inlineSchema(schema),
  ...(description ? { description } : {}),
});
/** The Idempotency-Key header of the routes that take one, as the handlers check it (requireHeader). */
export const idempotencyKeyParameter = (description: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  schema: inlineSchema(IdempotencyKey),
  description,
});
/** An answer of API Gateway itself (its authorizer, its throttle): a JSON body with a message. */
export const gatewayRefusal = (description: string) => ({ description, content: { 'application/json': { schema: schemaRef('GatewayMessage') } } });
