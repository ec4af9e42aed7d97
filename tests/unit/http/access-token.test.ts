import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiHandler } from '../../../shared/platform/http/middleware.js';
import { json } from '../../../shared/platform/http/problems.js';

const event = (claims?: Record<string, string>) =>
  ({
    headers: {},
    requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] }, principalId: '', integrationLatency: 0 } : undefined },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const context = { functionName: 'test', awsRequestId: 'r-1' } as unknown as Context;

describe('given a route handler behind the house middleware', () => {
  const calls: unknown[] = [];
  const handler = apiHandler(
    async (request) => {
      calls.push(request);
      return json(200, { ok: true });
    },
    { auth: 'staff' },
  );

  it('when an ID token reaches it (its token_use is "id"), then it answers 401 and the handler (and any idempotency record) is never reached', async () => {
    calls.length = 0;
    const answer = await handler(event({ token_use: 'id', 'cognito:username': 'alice', aud: 'staff-client' }), context);
    expect(answer.statusCode).toBe(401);
    expect(JSON.parse(String(answer.body)).detail).toContain('access token');
    expect(calls).toHaveLength(0);
  });

  it('when a token without token_use reaches it, then it is refused as well', async () => {
    calls.length = 0;
    expect((await handler(event({ username: 'alice' }), context)).statusCode).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it('when an access token reaches it, then the handler answers', async () => {
    calls.length = 0;
    expect((await handler(event({ token_use: 'access', username: 'alice' }), context)).statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('when no token is there (an emailed link or a public route), then the handler answers', async () => {
    const link = apiHandler(async () => json(200, { ok: true }), { auth: 'link' });
    expect((await link(event(), context)).statusCode).toBe(200);
  });

  it('when no token is there on a token route, then it answers 401 and the handler is never reached', async () => {
    calls.length = 0;
    expect((await handler(event(), context)).statusCode).toBe(401);
    expect(calls).toHaveLength(0);
  });
});
