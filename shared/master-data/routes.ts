import type { RouteDeclaration } from '../platform/registry.js';

/** The master-data context's HTTP routes (see shared/platform/registry.ts). */
export const masterDataRoutes: readonly RouteDeclaration[] = [];
