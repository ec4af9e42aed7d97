import type { FunctionDeclaration } from '../platform/registry.js';

/** The orders context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const ordersFunctions: readonly FunctionDeclaration[] = [];
