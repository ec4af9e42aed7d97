import { apiHandler } from '../../shared/http/middleware.js';
import { json } from '../../shared/http/problems.js';
import { openApiDocument } from '../../shared/schemas/openapi.js';

const document = openApiDocument();

export const handler = apiHandler(async () => json(200, document, { 'cache-control': 'public, max-age=300' }));
