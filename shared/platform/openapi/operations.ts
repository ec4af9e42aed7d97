import type { z } from 'zod';

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
export const pathParameter = (name: string, schema: Record<string, unknown> = { type: 'string' }, description?: string) => ({
  name,
  in: 'path',
  required: true,
  schema,
  ...(description ? { description } : {}),
});
/** The answers of a staff-only route to a missing token or a caller outside its groups. */
export const staffRefusals = {
  '401': { description: 'No or invalid bearer token' },
  '403': problemResponse('Not a staff user token, or not in a group allowed on this route'),
};
