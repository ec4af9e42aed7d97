import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { fieldErrors } from '../schemas/field-errors.js';
import type { ProblemDetails } from '../schemas/common.js';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function problem(status: number, title: string, detail: string, extra: Partial<ProblemDetails> = {}): APIGatewayProxyStructuredResultV2 {
  const body: ProblemDetails = { type: `https://o2c.example/problems/${title.toLowerCase().replace(/\W+/g, '-')}`, title, status, detail, ...extra };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

export { fieldErrors };

/** Problems named in one 400: enough to fix a request, while a body with thousands of bad entries gets a small answer. */
export const MAX_REPORTED_PROBLEMS = 20;

export function validationProblem(error: z.ZodError): APIGatewayProxyStructuredResultV2 {
  const all = fieldErrors(error);
  const errors = all.slice(0, MAX_REPORTED_PROBLEMS);
  const omitted = all.length - errors.length;
  const named = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  if (omitted === 0) return problem(400, 'Invalid request', named, { errors });
  return problem(400, 'Invalid request', `${named}; and ${omitted.toLocaleString('en-US')} more problems`, { errors, omittedErrors: omitted });
}
