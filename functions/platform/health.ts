import { healthRoute } from '../../shared/platform/routes.js';
import { apiHandler } from '../../shared/platform/http/middleware.js';
import { json } from '../../shared/platform/http/problems.js';

export const handler = apiHandler(async () => json(200, { status: 'ok' }), healthRoute);
