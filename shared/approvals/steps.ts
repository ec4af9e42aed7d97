import type { StepDeclaration } from '../platform/registry.js';

/** The approvals context's workflow steps (see shared/platform/registry.ts). */
export const approvalsSteps: readonly StepDeclaration[] = [];
