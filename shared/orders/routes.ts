import type { RouteDeclaration } from '../platform/registry.js';

/** The orders context's HTTP routes (see shared/platform/registry.ts). */
export const ordersRoutes: readonly RouteDeclaration[] = [];
