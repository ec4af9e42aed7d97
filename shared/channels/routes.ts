import type { RouteDeclaration } from '../platform/registry.js';

/** The channels context's HTTP routes (see shared/platform/registry.ts). */
export const channelsRoutes: readonly RouteDeclaration[] = [];
