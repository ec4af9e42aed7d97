import { OrderIdParam } from '../schemas/compliance.js';
import { HttpProblem } from '../../platform/http/middleware.js';
import { problem } from '../../platform/http/problems.js';

/** The order id from the path, refused with a 400 before anything is read when it cannot be one. */
export function orderIdParam(event: { pathParameters?: Record<string, string | undefined> }): string {
  const parsed = OrderIdParam.safeParse(event.pathParameters?.orderId ?? '');
  if (!parsed.success) throw new HttpProblem(problem(400, 'Invalid request', `orderId: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
  return parsed.data;
}
