import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type middy from '@middy/core';
import { documentClient } from './aws/dynamodb.js';
import { ANY_SUBJECT, faultIsDue, FaultRule, InjectedFault } from './domain/fault-plan.js';
import { FAULT_PARTITION_PREFIX } from './domain/table-layout.js';
import { logger } from './observability.js';

/**
 * Fault injection, for test deployments only (`faultInjection=true`, which the synth refuses for production, see
 * infra/config.ts). CDK then gives every house function FAULT_INJECTION_TABLE and FAULT_INJECTION_TARGET (its
 * declaration id) and a grant on the table's `FAULT#` partitions only; without them the middleware is not installed.
 */
export interface FaultInjectionSettings {
  table: string;
  target: string;
}

export function faultInjectionSettings(env: NodeJS.ProcessEnv = process.env): FaultInjectionSettings | undefined {
  const table = env.FAULT_INJECTION_TABLE;
  const target = env.FAULT_INJECTION_TARGET;
  return table && target ? { table, target } : undefined;
}

/** Where the plan is kept: a read per invocation, and an atomic take when a fault is due. */
export interface FaultStore {
  /** The fault for this subject, else the one for every invocation (ANY), if any. */
  read(target: string, subject: string | undefined): Promise<{ sortKey: string; rule: FaultRule } | undefined>;
  /** Takes one invocation's worth of the fault, atomically: false when another invocation took the last one, or it ended. */
  take(target: string, sortKey: string, rule: FaultRule, now: Date): Promise<boolean>;
}

/** How long the plan for every invocation (ANY) is remembered: one read per few seconds per execution environment. */
const ANY_CACHE_MS = 3_000;

/**
 * The plan in the business table. A subject's fault is read on every invocation (consistently: a plan written just
 * before the order starts is seen); the ANY fault is cached for a few seconds.
 */
export function tableFaultStore(tableName: string): FaultStore {
  let cachedAny: { at: number; rule: FaultRule | undefined } | undefined;
  const get = async (target: string, sortKey: string): Promise<FaultRule | undefined> => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { PK: `${FAULT_PARTITION_PREFIX}${target}`, SK: sortKey }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const parsed = FaultRule.safeParse(Item);
    if (!parsed.success) {
      logger.warn('fault plan ignored: malformed', { target, sortKey, issues: parsed.error.issues.map((issue) => issue.message) });
      return undefined;
    }
    return parsed.data;
  };
  return {
    async read(target, subject) {
      if (subject !== undefined) {
        const specific = await get(target, subject);
        if (specific) return { sortKey: subject, rule: specific };
      }
      if (!cachedAny || Date.now() - cachedAny.at > ANY_CACHE_MS) cachedAny = { at: Date.now(), rule: await get(target, ANY_SUBJECT) };
      return cachedAny.rule ? { sortKey: ANY_SUBJECT, rule: cachedAny.rule } : undefined;
    },
    async take(target, sortKey, rule, now) {
      const conditions = ['attribute_exists(PK)'];
      const values: Record<string, unknown> = { ':one': 1, ':zero': 0 };
      if (rule.remaining !== undefined) conditions.push('remaining > :zero');
      if (rule.until !== undefined) {
        conditions.push('#until > :now');
        values[':now'] = now.toISOString();
      }
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: `${FAULT_PARTITION_PREFIX}${target}`, SK: sortKey },
            UpdateExpression: `SET injected = if_not_exists(injected, :zero) + :one${rule.remaining !== undefined ? ', remaining = remaining - :one' : ''}`,
            ConditionExpression: conditions.join(' AND '),
            ...(rule.until !== undefined ? { ExpressionAttributeNames: { '#until': 'until' } } : {}),
            ExpressionAttributeValues: values,
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}

/**
 * The middleware: before the handler runs, a due fault of this function (for this subject, or for every invocation)
 * is taken and acted out: an error thrown, or a delay. Nothing of the handler has run when it throws, so a retry
 * meets the same state the failed attempt met.
 */
export function faultInjection<E, R>(
  settings: FaultInjectionSettings,
  subjectOf: (event: E) => string | undefined,
  store: FaultStore = tableFaultStore(settings.table),
  clock: () => Date = () => new Date(),
): middy.MiddlewareObj<E, R> {
  return {
    before: async (request) => {
      const subject = subjectOf(request.event);
      const found = await store.read(settings.target, subject);
      if (!found || !faultIsDue(found.rule, clock())) return;
      if (!(await store.take(settings.target, found.sortKey, found.rule, clock()))) return;
      const { rule } = found;
      logger.warn('fault injected', { target: settings.target, subject: found.sortKey, kind: rule.kind, delayMs: rule.delayMs });
      if (rule.kind === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
        return;
      }
      throw new InjectedFault(rule.kind, settings.target);
    },
  };
}
