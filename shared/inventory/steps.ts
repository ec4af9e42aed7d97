import type { StepDeclaration } from '../platform/registry.js';

/** The inventory context's workflow steps (see shared/platform/registry.ts). */
export const inventorySteps: readonly StepDeclaration[] = [];
