import type { StepDeclaration } from '../platform/registry.js';

/** The recalls context's workflow steps (see shared/platform/registry.ts). */
export const recallsSteps: readonly StepDeclaration[] = [];
