import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface Acknowledgement {
  id: string;
  /** Why the finding is acceptable here; required so every exception is explained. */
  reason: string;
}

/** Acknowledges cdk-nag findings on one construct (and its children), each with its reason. */
export function acknowledge(scope: IConstruct, acknowledgements: readonly Acknowledgement[]): void {
  for (const { id, reason } of acknowledgements) {
    // cdk-nag v3 names findings "<pack>::<rule>[<finding>]".
    Validations.of(scope).acknowledge({ id: id.includes('::') ? id : `AwsSolutions::${id}`, reason });
  }
}

/**
 * Writes a resource token the way cdk-nag prints it in a finding id
 * (`<Logical.Attr>` for a GetAtt, the export name for an import), so that an
 * acknowledgement names exactly one wildcard instead of all of them.
 */
export function findingResource(scope: IConstruct, token: string): string {
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      const [fn, args] = Object.entries(value)[0] ?? [];
      if (fn === 'Fn::GetAtt' && Array.isArray(args)) return `<${args.join('.')}>`;
      if (fn === 'Ref') return `<${String(args)}>`;
      if (fn === 'Fn::ImportValue') return render(args);
      if (fn === 'Fn::Join' && Array.isArray(args)) return (args[1] as unknown[]).map(render).join(String(args[0]));
    }
    return JSON.stringify(value);
  };
  return render(Stack.of(scope).resolve(token));
}
