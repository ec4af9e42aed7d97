import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import type { Channel } from '../../shared/orders/schemas/order.js';
import type { StackOutputs } from './deploy.js';
import { DEMO_PARTNER_OF } from './demo-data.js';
import { endpoint } from './settings.js';

/** Partner id -> app client id, from the stack output. */
export function partnerClientIds(outputs: StackOutputs): Record<string, string> {
  return z.record(z.string(), z.string()).parse(JSON.parse(outputs.PartnerClientIds));
}

/** A partner's client credentials: the secret is read from the user pool, never stored in outputs. */
export async function partnerCredentials(outputs: StackOutputs, partnerId: string): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = partnerClientIds(outputs)[partnerId];
  if (!clientId) throw new Error(`partner ${partnerId} has no app client in this stack (see the partners setting)`);
  const cognito = new CognitoIdentityProviderClient({});
  const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: outputs.UserPoolId, ClientId: clientId }));
  if (!UserPoolClient?.ClientSecret) throw new Error(`partner ${partnerId}'s client has no secret`);
  return { clientId, clientSecret: UserPoolClient.ClientSecret };
}

/** The credentials of a channel's demo partner (npm start's walkthrough), or of the partner named. */
export function channelCredentials(
  outputs: StackOutputs,
  channel: Channel = 'portal',
  partnerId: string = DEMO_PARTNER_OF[channel],
): Promise<{ clientId: string; clientSecret: string }> {
  return partnerCredentials(outputs, partnerId);
}

/** OAuth2 client-credentials token for a channel, from the emulator's token endpoint. */
export async function channelToken(credentials: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await fetch(`${endpoint}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'o2c/orders' }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token) throw new Error(`token request failed: HTTP ${response.status} ${body.error ?? ''}`);
  return body.access_token;
}

/** Node's fetch cannot resolve {apiId}.execute-api.localhost; the emulator serves the same API under this path. */
export function localApiBase(outputs: StackOutputs): string {
  return `${endpoint}/_aws/execute-api/${outputs.ApiId}`;
}
