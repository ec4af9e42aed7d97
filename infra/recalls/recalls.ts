import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RecallDefinition, type RecallSteps } from '../../workflows/recall.js';
import { recallsRoutes } from '../../shared/recalls/routes.js';
import { recallsSteps } from '../../shared/recalls/steps.js';
import { recallAckArchiveFunction } from '../../shared/recalls/functions.js';
import { EVENT_SOURCE } from '../../shared/orders/domain/domain-events.js';
import { streamDeadLetters } from '../platform/dead-letters.js';
import type { HouseFunction } from '../platform/house-function.js';
import { acknowledge, findingResource } from '../platform/nag.js';
import { watchExecutions } from '../platform/operational-alarms.js';
import { buildFunction, buildRoute, type Bindings, type RouteTarget } from '../platform/registered-function.js';
import { RecallLetterEvents } from './recall-letter-events.js';

export interface RecallsProps {
  /** Must bind the order workflow: containment stops order executions. */
  bindings: Bindings;
  api: RouteTarget;
}

/** The keys of the recall definition's steps, each built from the recall step declared for it. */
const RECALL_STEP_KEYS = ['contain', 'notify', 'archive', 'fail'] as const satisfies readonly (keyof RecallSteps)[];

/**
 * Recalls: the recall workflow with its step functions, the letters' delivery
 * reports, and the recall and acknowledgement routes (all declared in
 * shared/recalls/{steps,routes,functions}.ts).
 */
export class Recalls extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** Where SES publishes the letters' delivery reports. */
  readonly letterTopic: ITopic;
  readonly functions: Record<string, HouseFunction> = {};

  constructor(scope: Construct, id: string, props: RecallsProps) {
    super(scope, id);
    const letters = new RecallLetterEvents(this, 'LetterEvents', { bindings: props.bindings });
    this.functions.RecallLetterEvents = letters.handler;
    this.letterTopic = letters.topic;
    // The letters go out through the letters' configuration set, which this construct owns.
    const stepBindings: Bindings = {
      ...props.bindings,
      letterConfigurationSetArn: letters.configurationSetArn,
      local: { ...props.bindings.local, LETTER_CONFIGURATION_SET: letters.configurationSet.configurationSetName },
    };

    const built: Partial<Record<string, HouseFunction>> = {};
    for (const declaration of recallsSteps) {
      if (declaration.workflow !== 'recall') throw new Error(`${declaration.id} is not a recall step`);
      built[declaration.step] = this.functions[declaration.id] = buildFunction(this, declaration, stepBindings);
    }
    const steps = Object.fromEntries(
      RECALL_STEP_KEYS.map((key) => {
        const fn = built[key];
        if (!fn) throw new Error(`No recall step is declared for the recall workflow's step "${key}"`);
        return [key, fn];
      }),
    ) as unknown as RecallSteps;

    const workflow = new RecallDefinition(this, 'Workflow', { steps });
    this.stateMachine = new sfn.StateMachine(this, 'RecallWorkflow', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(workflow.definition),
      timeout: Duration.hours(1),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'RecallWorkflowLogs', { retention: logs.RetentionDays.THREE_MONTHS }),
        level: sfn.LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    watchExecutions(this, 'RecallWorkflow', this.stateMachine, 'recall workflow');
    acknowledge(
      this.stateMachine,
      RECALL_STEP_KEYS.map((key) => ({
        id: `AwsSolutions-IAM5[Resource::${findingResource(this, steps[key].functionArn)}:*]`,
        reason: 'CDK grants invoking each step function and its versions (<arn>:*); nothing beyond the workflow’s own functions.',
      })),
    );

    const routeBindings: Bindings = { ...props.bindings, recallWorkflow: this.stateMachine };
    for (const declaration of recallsRoutes) this.functions[declaration.id] = buildRoute(this, declaration, routeBindings, props.api);

    // The acknowledgement link signs nothing; this archiver (no route) signs the package again after each acknowledgement.
    this.functions[recallAckArchiveFunction.id] = buildFunction(this, recallAckArchiveFunction, props.bindings);
  }

  /**
   * Every RecallAcknowledged on the bus (published from the acknowledged
   * consignee's table change) invokes the recall archiver; an invocation that
   * still fails after its retries lands in a dead-letter queue with an alarm.
   */
  archiveOnAcknowledgements(bus: events.IEventBus): void {
    const archiver = this.functions[recallAckArchiveFunction.id]!;
    const deadLetters = streamDeadLetters(this, 'AckArchiveDlq', {
      consumer: 'recall acknowledgement archiver (RecallAcknowledged events)',
      alarmDescription:
        'A recall acknowledgement was recorded but its package was not signed again after retries; re-drive the event (the package is archived again at close in any case).',
    });
    new events.Rule(this, 'RecallAcknowledged', {
      eventBus: bus,
      description: 'A recall consignee acknowledged: archive the package again',
      eventPattern: { source: [EVENT_SOURCE], detailType: ['RecallAcknowledged'] },
      targets: [new targets.LambdaFunction(archiver, { retryAttempts: 8, maxEventAge: Duration.hours(6), deadLetterQueue: deadLetters })],
    });
  }
}
