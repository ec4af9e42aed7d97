import { openApiRoute } from '../../shared/platform/routes.js';
import { apiHandler } from '../../shared/platform/http/middleware.js';
import { json } from '../../shared/platform/http/problems.js';
import { openApiDocument } from '../../shared/api/openapi.js';

const document = openApiDocument();

export const handler = apiHandler(async () => json(200, document, { 'cache-control': 'public, max-age=300' }), openApiRoute);
