import type { StepDeclaration } from '../platform/registry.js';

/** The orders context's workflow steps (see shared/platform/registry.ts). */
export const ordersSteps: readonly StepDeclaration[] = [];
