import type { RouteDeclaration } from '../platform/registry.js';

/** The compliance context's HTTP routes (see shared/platform/registry.ts). */
export const complianceRoutes: readonly RouteDeclaration[] = [];
