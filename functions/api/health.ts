import { apiHandler } from '../../shared/http/middleware.js';
import { json } from '../../shared/http/problems.js';

export const handler = apiHandler(async () => json(200, { status: 'ok' }));
