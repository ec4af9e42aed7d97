import type { StepDeclaration } from '../platform/registry.js';

/** The channels context's workflow steps (see shared/platform/registry.ts). */
export const channelsSteps: readonly StepDeclaration[] = [];
