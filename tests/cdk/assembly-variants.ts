/**
 * The synthesized variants of the app the CDK tests read: tests/cdk/global-setup.ts
 * builds each once per run, from its CDK context (what `cdk synth -c key=value` would give).
 */
export const ASSEMBLY_VARIANTS = {
  /** The app as deployed by default. */
  default: {},
  /** A deployment that asks for 15 years of audit retention. */
  'audit-retention-15-years': { auditRetentionYears: '15' },
  /** A test deployment on the emulator with fault injection switched on (as the emulator tests deploy it). */
  'fault-injection': { local: 'true', faultInjection: 'true' },
} as const satisfies Record<string, Record<string, string>>;

export type AssemblyVariant = keyof typeof ASSEMBLY_VARIANTS;
