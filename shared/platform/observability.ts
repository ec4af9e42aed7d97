import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

// One of each per process: Powertools reads POWERTOOLS_SERVICE_NAME and
// POWERTOOLS_METRICS_NAMESPACE, which the house function construct sets.
export const logger = new Logger();
export const tracer = new Tracer();
export const metrics = new Metrics();

let coldStart = true;

/**
 * Logs, once per execution environment, which Node runs the function: after a
 * runtime upgrade the logs show it took effect (and the emulator tests check it).
 */
export function logRuntimeOnColdStart() {
  return {
    before: () => {
      if (!coldStart) return;
      coldStart = false;
      logger.info('Execution environment started', { node: process.version, runtime: process.env.AWS_EXECUTION_ENV });
    },
  };
}
