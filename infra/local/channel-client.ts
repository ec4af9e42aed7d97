import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Channel } from '../../shared/orders/schemas/order.js';
import type { StackOutputs } from './deploy.js';
import { endpoint } from './settings.js';

const clientIdOutput = { portal: 'PortalClientId', edi: 'EdiClientId', batch: 'BatchClientId' } as const satisfies Record<Channel, keyof StackOutputs>;

/** A channel's client credentials: the secret is read from the user pool, never stored in outputs. */
export async function channelCredentials(outputs: StackOutputs, channel: Channel = 'portal'): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = outputs[clientIdOutput[channel]];
  const cognito = new CognitoIdentityProviderClient({});
  const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: outputs.UserPoolId, ClientId: clientId }));
  if (!UserPoolClient?.ClientSecret) throw new Error(`${channel} client has no secret`);
  return { clientId, clientSecret: UserPoolClient.ClientSecret };
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
