import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiReferenceRoute } from '../../shared/platform/routes.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { referencePage, viewerFile, type VIEWER_FILES } from '../../shared/platform/openapi/reference-page.js';

/** The viewer's files are copied beside this bundle at synth (the declaration's bundledFiles). */
const bundleDirectory = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, string>();
const read = (file: (typeof VIEWER_FILES)[number]) => {
  const cached = cache.get(file) ?? readFileSync(path.join(bundleDirectory, file), 'utf8');
  cache.set(file, cached);
  return cached;
};

/** GET /v1/docs: the browsable API reference; GET /v1/docs/{file}: the viewer's script and style. */
export const handler = apiHandler(
  async (event: ApiEvent) => (event.pathParameters?.file === undefined ? referencePage() : viewerFile(event.pathParameters.file, read)),
  apiReferenceRoute,
);
