import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../shared/api/openapi.js';

describe('given the published OpenAPI document in docs/', () => {
  it('when compared with the one generated from the zod schemas, then it is current (run `npm run openapi` if not)', () => {
    const published = JSON.parse(readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8')) as unknown;
    expect(published).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
