import type { RouteDeclaration } from '../platform/registry.js';

/** The approvals context's HTTP routes (see shared/platform/registry.ts). */
export const approvalsRoutes: readonly RouteDeclaration[] = [];
