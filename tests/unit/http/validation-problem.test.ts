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

describe('given a request body with very many unknown fields or a very long unknown field name', () => {
  const Strict = z.object({ customerPo: z.string() }).strict();
  const answerFor = (body: unknown) => {
    const parsed = Strict.safeParse(body);
    if (parsed.success) throw new Error('expected the body to be refused');
    return validationProblem(parsed.error);
  };

  it('when 10,000 unknown fields are sent, then the 400 names the first five and counts the rest, so the answer stays small', () => {
    const answer = answerFor({ customerPo: 'PO-1', ...Object.fromEntries(Array.from({ length: 10_000 }, (_, n) => [`f${n}`, n])) });
    const body = JSON.parse(answer.body as string) as { errors: { path: string; message: string }[] };
    expect(body.errors).toEqual([{ path: '(body)', message: 'Unrecognized keys: "f0", "f1", "f2", "f3", "f4" and 9,995 more' }]);
    expect((answer.body as string).length).toBeLessThan(1_000);
  });

  it('when an unknown field name is 100,000 characters long, then the 400 shows its start only', () => {
    const answer = answerFor({ customerPo: 'PO-1', ['x'.repeat(100_000)]: 1 });
    const body = JSON.parse(answer.body as string) as { errors: { path: string; message: string }[] };
    expect(body.errors[0]!.message).toBe(`Unrecognized key: "${'x'.repeat(64)}…"`);
  });
});
