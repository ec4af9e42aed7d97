import type { StepDeclaration } from '../platform/registry.js';

/** The compliance context's workflow steps (see shared/platform/registry.ts). */
export const complianceSteps: readonly StepDeclaration[] = [];
