import { Aws } from 'aws-cdk-lib';
import { FUNCTION_DECLARATIONS } from '../../shared/api/registry.js';
import type { FunctionDeclaration } from '../../shared/platform/registry.js';

/** Whether a declaration may sign with the signing key (its grants name kms:Sign). */
export const signs = (declaration: FunctionDeclaration): boolean =>
  declaration.grants.some((grant) => grant.kind === 'signingKey' && grant.actions.includes('kms:Sign'));

/** The declared signing functions: the only principals the signing key's policy lets sign. */
export const signingDeclarations = (): readonly FunctionDeclaration[] => FUNCTION_DECLARATIONS.filter(signs);

/**
 * The fixed role name of a signing function. The key policy (data stack)
 * names these roles before the compute stack creates them, so the names are
 * fixed rather than generated; the region keeps copies in several regions of
 * one account apart (role names are account-wide).
 */
export const signerRoleName = (prefix: string, declarationId: string): string => `${prefix}-${declarationId}-signer-${Aws.REGION}`;
