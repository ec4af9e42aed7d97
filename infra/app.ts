import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export function buildApp(app: App = new App()): { app: App; data: StatefulStack; compute: StatelessStack } {
  const config = readConfig(app);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new StatefulStack(app, `${config.prefix}-Data`, { env, config, description: 'Order-to-cash: table, audit archive, keys, users' });
  const compute = new StatelessStack(app, `${config.prefix}-Compute`, { env, config, data, description: 'Order-to-cash: API, workflow, functions' });
  compute.addStackDependency(data);
  // AwsSolutions findings fail the synth unless acknowledged with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, compute };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  buildApp().app.synth();
}
