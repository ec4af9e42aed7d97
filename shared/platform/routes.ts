import type { RouteDeclaration } from './registry.js';

/** The platform context's HTTP routes (see shared/platform/registry.ts). */
export const platformRoutes: readonly RouteDeclaration[] = [];
