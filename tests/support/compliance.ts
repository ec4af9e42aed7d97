import type { StackOutputs } from '../../infra/local/deploy.js';
import { localApiBase } from '../../infra/local/channel-client.js';

export interface ComplianceAnswer {
  status: number;
  headers: Headers;
  /** The body as received: CSV and PDF exports are compared as bytes. */
  bytes: Buffer;
  text: string;
  body: any;
}

/** Calls a compliance route with a staff user's token, keeping the raw body beside its JSON reading. */
export async function complianceRequest(outputs: StackOutputs, token: string, method: string, route: string, body?: unknown): Promise<ComplianceAnswer> {
  const response = await fetch(`${localApiBase(outputs)}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, text, body: json };
}
