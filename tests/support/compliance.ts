import type { z } from 'zod';
import type { StackOutputs } from '../../infra/local/deploy.js';
import { localApiBase } from '../../infra/local/channel-client.js';
import { parseAnswer, type ApiResponse } from './stack.js';

export interface ComplianceAnswer {
  status: number;
  headers: Headers;
  /** The body as received: CSV and PDF exports are compared as bytes. */
  bytes: Buffer;
  text: string;
  /** The JSON reading of the body (undefined when it is not JSON), not checked against any schema. */
  body: unknown;
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, text, body: json };
}

/** A compliance route's JSON answer, read through its view schema (2xx) or the Problem schema: see ApiResponse. */
export async function complianceJson<S extends z.ZodType>(
  outputs: StackOutputs,
  token: string,
  schema: S,
  method: string,
  route: string,
  body?: unknown,
): Promise<ApiResponse<z.output<S>>> {
  return parseAnswer(schema, method, route, await complianceRequest(outputs, token, method, route, body));
}
