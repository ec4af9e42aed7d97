/**
 * The browsable API reference served next to the OpenAPI document: Swagger UI
 * (swagger-ui-dist, copied into the function's bundle) rendering
 * `openapi.json`. Everything is served from the API itself, so the page works
 * offline on the emulator and its policy allows no other origin and no
 * inline script.
 */

/** The viewer's files, copied from node_modules into the function bundle at synth (see the declaration's bundledFiles). */
export const VIEWER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;
export type ViewerFile = (typeof VIEWER_FILES)[number] | 'init.js';

/** Relative URLs: the page works under any base path (AWS stage or the emulator's /_aws/execute-api/<id>). */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Order-to-cash API reference</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<main id="api-reference"><noscript>The API reference needs JavaScript; the document itself is at <a href="openapi.json">openapi.json</a>.</noscript></main>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;

/** Started from its own file: the page's policy allows no inline script. */
const INIT = `window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#api-reference', deepLinking: true, tryItOutEnabled: false });\n`;

const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface ReferenceResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const headers = (contentType: string, cache: string) => ({
  'content-type': contentType,
  'cache-control': cache,
  'content-security-policy': POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

/** The reference page (`GET /v1/docs`). */
export function referencePage(): ReferenceResponse {
  return { statusCode: 200, headers: headers('text/html; charset=utf-8', 'public, max-age=300'), body: PAGE };
}

/**
 * One of the viewer's files (`GET /v1/docs/{file}`), read by the caller from
 * the bundle; anything else is 404 (the name is never used as a path).
 */
export function viewerFile(name: string | undefined, read: (file: (typeof VIEWER_FILES)[number]) => string): ReferenceResponse {
  if (name === 'init.js') return { statusCode: 200, headers: headers('text/javascript; charset=utf-8', 'public, max-age=300'), body: INIT };
  const file = VIEWER_FILES.find((candidate) => candidate === name);
  if (!file) return { statusCode: 404, headers: headers('text/plain; charset=utf-8', 'no-store'), body: 'Not found' };
  const type = file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
  return { statusCode: 200, headers: headers(type, 'public, max-age=86400'), body: read(file) };
}
