import type { RouteDeclaration } from '../platform/registry.js';

/** The inventory context's HTTP routes (see shared/platform/registry.ts). */
export const inventoryRoutes: readonly RouteDeclaration[] = [];
