import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config.js';
import { FAULT_PARTITION_PREFIX } from '../../shared/platform/domain/table-layout.js';
import { identityStatements, joinWithPlaceholders, synthesizedApp, type AttachedStatement } from './synthesized-app.js';
import { taskStatesOf, type Definition, type State } from './state-machine-definition.js';

const configWith = (context: Record<string, string>) => () => readConfig(new App({ context }));

describe('given the faultInjection switch in the deployment configuration', () => {
  it('when it is not set, then fault injection is off', () => {
    expect(configWith({})().faultInjection).toBe(false);
  });

  it.each([
    ['a deployment with no stage (production by default)', {}],
    ['a production deployment', { stage: 'production' }],
    ['a staging deployment (where production is rehearsed)', { stage: 'staging' }],
    ['a deployment that says local=false', { local: 'false', stage: 'production' }],
  ])('when it is switched on for %s, then the synth refuses it', (_, context) => {
    expect(configWith({ ...context, faultInjection: 'true' })).toThrow(/faultInjection=true is refused for a production deployment/);
  });

  it.each([
    ['the emulator (local=true)', { local: 'true' }],
    ['a test stage', { stage: 'test' }],
    ['a dev stage', { stage: 'dev' }],
  ])('when it is switched on for %s, then it is on', (_, context) => {
    expect(configWith({ ...context, faultInjection: 'true' })().faultInjection).toBe(true);
  });

  it('when a stage the configuration does not know is named, then the synth refuses it (a typo must not pass for non-production)', () => {
    expect(configWith({ stage: 'prod', faultInjection: 'true' })).toThrow(/context stage must be one of/);
  });
});

const faultGrants = (statements: AttachedStatement[]) =>
  statements.filter(({ statement }) => JSON.stringify(statement.Condition ?? {}).includes(`${FAULT_PARTITION_PREFIX}*`));

const environmentOf = (template: ReturnType<typeof synthesizedApp>['computeTemplate'], logicalId: string): Record<string, unknown> =>
  ((template.toJSON().Resources[logicalId].Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<
    string,
    unknown
  >;

describe('given the app as deployed by default (fault injection off)', () => {
  it('when every function is inspected, then none has the fault settings, so the middleware is not even installed', () => {
    const { computeTemplate, functions } = synthesizedApp();
    expect(functions.length).toBeGreaterThan(30);
    for (const fn of functions) {
      const variables = Object.keys(environmentOf(computeTemplate, fn.logicalId));
      expect(
        variables.filter((name) => name.startsWith('FAULT_INJECTION')),
        fn.name,
      ).toEqual([]);
    }
  });

  it('when every identity policy is inspected, then no role may read a fault plan', () => {
    const { computeTemplate, dataTemplate } = synthesizedApp();
    expect(faultGrants([...identityStatements(computeTemplate), ...identityStatements(dataTemplate)])).toEqual([]);
  });
});

describe('given a test deployment with fault injection on', () => {
  it('when every function is inspected, then it knows the plan table and its own id (its declaration id) as the fault target', () => {
    const { computeTemplate, functions } = synthesizedApp('fault-injection');
    expect(functions.length).toBeGreaterThan(30);
    for (const fn of functions) {
      const variables = environmentOf(computeTemplate, fn.logicalId);
      expect(variables.FAULT_INJECTION_TARGET, fn.name).toBe(fn.name);
      expect(JSON.stringify(variables.FAULT_INJECTION_TABLE), fn.name).toMatch(/TableName|Fn::ImportValue|Ref/);
    }
  });

  it('when every function role is inspected, then it may read and count down the FAULT# partitions of the table, and nothing more through that grant', () => {
    const { computeTemplate, functions } = synthesizedApp('fault-injection');
    const grants = faultGrants(identityStatements(computeTemplate));
    for (const fn of functions) {
      const own = grants.filter(({ roles }) => roles.includes(fn.roleLogicalId));
      expect(own, fn.name).toHaveLength(1);
      expect(own[0]!.statement).toMatchObject({
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${FAULT_PARTITION_PREFIX}*`] } },
      });
      expect(JSON.stringify(own[0]!.statement.Resource)).not.toContain('*');
    }
  });
});

/** Every state machine of the app, by logical id, with its parsed definition. */
function stateMachines(): [string, Definition][] {
  const { computeTemplate } = synthesizedApp();
  return Object.entries(computeTemplate.findResources('AWS::StepFunctions::StateMachine')).map(([id, resource]) => [
    id,
    JSON.parse(joinWithPlaceholders((resource.Properties as Record<string, unknown>).DefinitionString)) as Definition,
  ]);
}

/** Every state of a definition, those inside Map iterations and Parallel branches included. */
function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]): [string, State][] => [
    [name, state],
    ...(state.ItemProcessor ? allStates(state.ItemProcessor.States) : []),
    ...((state as { Branches?: { States: Record<string, State> }[] }).Branches ?? []).flatMap((branch) => allStates(branch.States)),
  ]);
}

describe('given every state machine of the app: nothing waits without a bound', () => {
  it('when each machine is inspected, then it has an execution timeout', () => {
    const machines = stateMachines();
    expect(machines.length).toBeGreaterThanOrEqual(2);
    for (const [id, definition] of machines) expect(definition.TimeoutSeconds, id).toBeGreaterThan(0);
  });

  it('when every task that waits for a token (a human, the warehouse) is inspected, then it has a timeout, and a heartbeat, if any, inside it', () => {
    let waiting = 0;
    for (const [id, definition] of stateMachines()) {
      for (const [name, state] of taskStatesOf(definition.States).filter(([, task]) => /\.waitForTaskToken$/.test(task.Resource ?? ''))) {
        waiting += 1;
        expect(state.TimeoutSeconds, `${id}.${name}`).toBeGreaterThan(0);
        expect(state.TimeoutSeconds!, `${id}.${name}`).toBeLessThanOrEqual(definition.TimeoutSeconds!);
        if (state.HeartbeatSeconds !== undefined) expect(state.HeartbeatSeconds, `${id}.${name}`).toBeLessThan(state.TimeoutSeconds!);
      }
    }
    expect(waiting).toBeGreaterThanOrEqual(2);
  });

  it('when every other task is inspected, then it has a timeout or is a synchronous Lambda invoke (bounded by the function timeout)', () => {
    for (const [id, definition] of stateMachines()) {
      for (const [name, state] of taskStatesOf(definition.States)) {
        if (state.TimeoutSeconds !== undefined) continue;
        // lambda:invoke, or the function's ARN itself (payloadResponseOnly): both wait for the function's answer.
        expect(state.Resource, `${id}.${name}`).toMatch(/:states:::lambda:invoke$|^<Steps\w+\.Arn>$/);
      }
    }
  });

  it('when every Wait state is inspected, then it waits a fixed number of seconds, shorter than the execution timeout (never a time taken from the input)', () => {
    for (const [id, definition] of stateMachines()) {
      for (const [name, state] of allStates(definition.States).filter(([, s]) => s.Type === 'Wait')) {
        expect(state.Seconds, `${id}.${name}`).toBeGreaterThan(0);
        expect(state.Seconds!, `${id}.${name}`).toBeLessThan(definition.TimeoutSeconds!);
      }
    }
  });
});
