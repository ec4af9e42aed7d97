import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../shared/api/openapi.js';

/** Writes docs/openapi.json from the zod schemas; a unit test fails when it is stale. */
writeFileSync(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
