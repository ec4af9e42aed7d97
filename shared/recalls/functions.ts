import type { FunctionDeclaration } from '../platform/registry.js';

/** The recalls context's functions that are neither routes nor workflow steps: stream consumers, schedules, notifications (see shared/platform/registry.ts). */
export const recallsFunctions: readonly FunctionDeclaration[] = [];
