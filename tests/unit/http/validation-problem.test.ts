import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { validationProblem } from '../../../shared/platform/http/problems.js';

// A body schema that accepts long lists (receipts of serials, master-data imports): each bad entry is an issue.
const Serials = z.object({ serials: z.array(z.string().regex(/^SN\d+$/, 'not a serial number')).max(100_000) });

const problemFor = (body: unknown) => {
  const parsed = Serials.safeParse(body);
  if (parsed.success) throw new Error('expected the body to be refused');
  const answer = validationProblem(parsed.error);
  return {
    issues: parsed.error.issues.length,
    answer,
    body: JSON.parse(answer.body as string) as { errors: unknown[]; detail: string; omittedErrors?: number },
  };
};

describe('given a request body with very many invalid fields', () => {
  it('when it is answered, then the 400 names the first 20 problems and counts the rest, so the answer stays small', () => {
    const { issues, answer, body } = problemFor({ serials: Array.from({ length: 50_000 }, (_, n) => `bad-${n}`) });
    expect(issues).toBe(50_000);
    expect(answer.statusCode).toBe(400);
    expect(body.errors).toHaveLength(20);
    expect(body.errors[0]).toEqual({ path: 'serials.0', message: 'not a serial number' });
    expect(body.omittedErrors).toBe(49_980);
    expect(body.detail).toMatch(/; and 49,980 more problems$/);
    expect((answer.body as string).length).toBeLessThan(3_000);
  });

  it('when there are only a few problems, then every one is named and none is said to be omitted', () => {
    const { issues, body } = problemFor({ serials: ['SN1', 'bad', 'SN2', 'worse'] });
    expect(body.errors).toHaveLength(issues);
    expect(body.omittedErrors).toBeUndefined();
    expect(body.detail).toBe('serials.1: not a serial number; serials.3: not a serial number');
  });
});
