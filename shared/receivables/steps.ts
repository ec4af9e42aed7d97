import type { StepDeclaration } from '../platform/registry.js';

/** The receivables context's workflow steps (see shared/platform/registry.ts). */
export const receivablesSteps: readonly StepDeclaration[] = [];
