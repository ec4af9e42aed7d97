import type { RouteDeclaration } from '../platform/registry.js';

/** The recalls context's HTTP routes (see shared/platform/registry.ts). */
export const recallsRoutes: readonly RouteDeclaration[] = [];
