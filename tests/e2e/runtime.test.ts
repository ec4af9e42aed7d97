import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, PublishVersionCommand, paginateListFunctions } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedStack } from '../support/stack.js';

const lambda = new LambdaClient({});
let functionName: string;

beforeAll(async () => {
  deployedStack();
  for await (const page of paginateListFunctions({ client: lambda }, {})) {
    functionName ??= page.Functions?.find((fn) => fn.FunctionName?.includes('GetOrder'))?.FunctionName ?? functionName;
  }
  expect(functionName, 'the deployed GetOrder function').toBeDefined();
});

describe('given the deployed functions', () => {
  it('when a function’s configuration is read, then it runs on nodejs24.x', async () => {
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    expect(configuration.Runtime).toBe('nodejs24.x');
  });

  it('when a new version starts its execution environment, then the function logs that it runs on Node 24', async () => {
    // A published version gets an execution environment of its own, so this invocation is a cold start.
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: functionName }));
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        Qualifier: Version,
        LogType: 'Tail',
        Payload: Buffer.from(JSON.stringify({ rawPath: '/', headers: {} })),
      }),
    );
    const logLines = Buffer.from(invoked.LogResult ?? '', 'base64')
      .toString('utf8')
      .split('\n');
    const started = logLines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { message?: string; node?: string })
      .find((entry) => entry.message === 'Execution environment started');
    expect(started?.node).toMatch(/^v24\./);
  });
});
