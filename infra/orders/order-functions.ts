import { Construct } from 'constructs';
import { STEP_DECLARATIONS } from '../../shared/api/registry.js';
import type { StepDeclaration } from '../../shared/platform/registry.js';
import type { OrderFulfilmentSteps } from '../../workflows/order-fulfilment.js';
import type { HouseFunction } from '../platform/house-function.js';
import { buildFunction, type Bindings } from '../platform/registered-function.js';

/** Every step of the order workflow, by its key in OrderFulfilmentSteps (the compiler keeps the two lists equal). */
const ORDER_STEPS = Object.keys({
  validate: true,
  price: true,
  creditCheck: true,
  requestApproval: true,
  escalateApproval: true,
  concludeApprovals: true,
  allocate: true,
  requestPick: true,
  expirePick: true,
  ship: true,
  invoice: true,
  archive: true,
  close: true,
  acknowledgeOrder: true,
} satisfies Record<keyof OrderFulfilmentSteps, true>) as (keyof OrderFulfilmentSteps)[];

/**
 * The declaration of each order-workflow step (`workflow: 'order'` in a
 * context's steps.ts). Fails when a step has no declaration or two, or when a
 * declaration names a step the workflow does not have.
 */
export function orderStepDeclarations(declarations: readonly StepDeclaration[] = STEP_DECLARATIONS): Record<keyof OrderFulfilmentSteps, StepDeclaration> {
  const order = declarations.filter((declaration) => declaration.workflow === 'order');
  const unknown = order.filter((declaration) => !(ORDER_STEPS as string[]).includes(declaration.step));
  if (unknown.length > 0) {
    throw new Error(
      `Order-workflow steps not in OrderFulfilmentSteps: ${unknown.map((declaration) => `${declaration.id} (step ${declaration.step})`).join(', ')}`,
    );
  }
  const problems: string[] = [];
  const found = Object.fromEntries(
    ORDER_STEPS.map((step) => {
      const declared = order.filter((declaration) => declaration.step === step);
      if (declared.length !== 1)
        problems.push(
          `${step}: ${declared.length === 0 ? 'no declaration' : `declared ${declared.length} times (${declared.map((declaration) => declaration.id).join(', ')})`}`,
        );
      return [step, declared[0]];
    }),
  );
  if (problems.length > 0) throw new Error(`Order-workflow steps need exactly one declaration each: ${problems.join('; ')}`);
  return found as Record<keyof OrderFulfilmentSteps, StepDeclaration>;
}

export interface WorkflowFunctionsProps {
  bindings: Bindings;
}

/**
 * One function per order-workflow step, built from the step declarations.
 * Every step may read and write the whole table (TABLE_READ + TABLE_WRITE);
 * only the steps that query GSI1 get that index. Beyond the table, a step gets
 * only what it declares: Archive writes under orders/ in the audit bucket and
 * signs with the signing key; RequestApproval lists a role's users in the
 * user pool and sends email.
 */
export class WorkflowFunctions extends Construct {
  readonly steps: OrderFulfilmentSteps;

  constructor(scope: Construct, id: string, props: WorkflowFunctionsProps) {
    super(scope, id);
    const declarations = orderStepDeclarations();
    const steps = {} as Record<keyof OrderFulfilmentSteps, HouseFunction>;
    for (const step of ORDER_STEPS) steps[step] = buildFunction(this, declarations[step], props.bindings);
    this.steps = steps;
  }
}
