import type { StepDeclaration } from '../platform/registry.js';

/** The master-data context's workflow steps (see shared/platform/registry.ts). */
export const masterDataSteps: readonly StepDeclaration[] = [];
