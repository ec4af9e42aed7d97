import { z } from 'zod';

/**
 * Reads a function's configuration once, at cold start. A missing or malformed
 * value stops the function before it serves anything, instead of failing on
 * the first request that happens to need it.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

export const tableConfig = z.object({ TABLE_NAME: z.string().min(1) });

/** An environment variable holding JSON, validated against a schema. */
export function jsonOf<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** A comma-separated list of user-pool groups (ALLOWED_GROUPS, STAFF_GROUPS), set by CDK from a route's declared groups. */
export const groupList = z.string().transform((text) => text.split(',').filter(Boolean));
