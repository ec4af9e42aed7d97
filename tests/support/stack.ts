import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StackOutputs } from '../../infra/local/deploy.js';
import { ChannelOrderView, OrderView, type Channel } from '../../shared/orders/schemas/order.js';
import { ProblemDetails } from '../../shared/platform/schemas/common.js';
import type { DeviceClass } from '../../shared/master-data/schemas/values.js';
import { channelToken, localApiBase, partnerCredentials } from '../../infra/local/channel-client.js';
import { TEST_PARTNER_OF } from '../../infra/local/demo-data.js';
import { endpoint, localDir, useLocalAws } from '../../infra/local/settings.js';

/** The stack deployed once for this run by infra/local/with-emulator.ts. */
export function deployedStack(): StackOutputs {
  useLocalAws();
  const outputs = StackOutputs.parse(JSON.parse(readFileSync(path.join(localDir, 'test-stack.json'), 'utf8')));
  process.env.TABLE_NAME = outputs.TableName;
  return outputs;
}

export interface ApiRequestInit {
  body?: unknown;
  headers?: Record<string, string>;
  token?: string | null;
}

/** An answer as received: the body is JSON-parsed when it is JSON (else undefined), and not checked. */
export interface RawResponse {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/**
 * An answer read through the route's published schemas. A 2xx body is parsed
 * with the view schema the route's OpenAPI operation names, a problem+json
 * body (4xx/5xx) with the Problem schema; either failing to parse fails the
 * test at the request, naming the route.
 */
export interface ApiResponse<T> {
  status: number;
  text: string;
  headers: Headers;
  /** The parsed 2xx body. Reading it on any other answer fails the test, naming the route and the answer. */
  readonly body: T;
  /** The parsed problem+json body. Reading it on any other answer fails the test, naming the route and the answer. */
  readonly problem: ProblemDetails;
}

export interface ApiClient {
  base: string;
  /** The raw answer: for routes that do not answer JSON, or tests that inspect a malformed answer. */
  request(method: string, route: string, init?: ApiRequestInit): Promise<RawResponse>;
  /** The answer parsed by `schema` (2xx) or the Problem schema (problem+json); see ApiResponse. */
  json<S extends z.ZodType>(schema: S, method: string, route: string, init?: ApiRequestInit): Promise<ApiResponse<z.output<S>>>;
}

const is2xx = (status: number) => status >= 200 && status < 300;
const excerpt = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);
const schemaName = (schema: z.ZodType) => {
  const id = schema.meta()?.id;
  return typeof id === 'string' ? id : 'its schema';
};

/**
 * Paths of fields the answer carries that the parsed body lost: fields the
 * schema does not declare (zod strips them), so the published contract does not
 * say the API answers them.
 */
export function undeclaredFields(raw: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((item, index) => undeclaredFields(item, parsed[index], `${at}[${index}]`));
  if (!isPlainObject(raw) || !isPlainObject(parsed)) return [];
  return Object.entries(raw).flatMap(([key, value]) =>
    key in parsed ? undeclaredFields(value, parsed[key], at ? `${at}.${key}` : key) : [at ? `${at}.${key}` : key],
  );
}
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a raw answer of `method route` through `schema`: see ApiResponse.
 * Exported for helpers that fetch by themselves (e.g. binary uploads).
 */
export function parseAnswer<S extends z.ZodType>(schema: S, method: string, route: string, raw: RawResponse): ApiResponse<z.output<S>> {
  const answer = `${method} ${route} answered ${raw.status}`;
  let body: { value: z.output<S> } | undefined;
  let problem: ProblemDetails | undefined;
  if (is2xx(raw.status)) {
    const parsed = schema.safeParse(raw.body);
    if (!parsed.success) {
      throw new Error(`${answer} with a body that does not match ${schemaName(schema)}:\n${z.prettifyError(parsed.error)}\nbody: ${excerpt(raw.text)}`);
    }
    const undeclared = undeclaredFields(raw.body, parsed.data);
    if (undeclared.length)
      throw new Error(`${answer} with fields ${schemaName(schema)} does not declare: ${undeclared.join(', ')}\nbody: ${excerpt(raw.text)}`);
    body = { value: parsed.data };
  } else if (raw.headers.get('content-type')?.startsWith('application/problem+json')) {
    const parsed = ProblemDetails.safeParse(raw.body);
    if (!parsed.success) throw new Error(`${answer} with a problem that does not match Problem:\n${z.prettifyError(parsed.error)}\nbody: ${excerpt(raw.text)}`);
    const undeclared = undeclaredFields(raw.body, parsed.data);
    if (undeclared.length)
      throw new Error(`${answer} with a problem whose fields Problem does not declare: ${undeclared.join(', ')}\nbody: ${excerpt(raw.text)}`);
    problem = parsed.data;
  }
  const response = { status: raw.status, text: raw.text, headers: raw.headers } as ApiResponse<z.output<S>>;
  // Not enumerable: printing or matching the response in an assertion never reads the side that is absent.
  Object.defineProperties(response, {
    body: {
      get() {
        if (!body) throw new Error(`${answer}, not 2xx, so it has no ${schemaName(schema)} body: ${excerpt(raw.text)}`);
        return body.value;
      },
    },
    problem: {
      get() {
        if (!problem) throw new Error(`${answer}, which is not a problem+json answer: ${excerpt(raw.text)}`);
        return problem;
      },
    },
  });
  return response;
}

export function portalApi(outputs: StackOutputs, partnerId?: string): Promise<ApiClient> {
  return channelApi(outputs, 'portal', partnerId);
}

/**
 * An HTTP client signed in as one partner of a sales channel (its own app
 * client): the channel's test partner (infra/local/demo-data.ts) unless one is named.
 */
export function withToken(api: ApiClient, token: string): ApiClient {
  return { ...api, request: (method, route, init = {}) => api.request(method, route, { ...init, token: init.token === undefined ? token : init.token }) };
}

export async function channelApi(outputs: StackOutputs, channel: Channel, partnerId: string = TEST_PARTNER_OF[channel]): Promise<ApiClient> {
  const token = await channelToken(await partnerCredentials(outputs, partnerId));
  const base = localApiBase(outputs);
  const request = async (method: string, route: string, init: ApiRequestInit = {}): Promise<RawResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    const bearer = init.token === undefined ? token : init.token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (typeof init.body === 'string') body = init.body;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${base}${route}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  };
  const client: ApiClient = {
    base,
    request,
    // Through this.request: a client made as { ...api, request } (another token) reads typed answers with its own request.
    async json(schema, method, route, init) {
      return parseAnswer(schema, method, route, await this.request(method, route, init));
    },
  };
  return client;
}

/**
 * Who reads an order in `view`: the staff view (OrderView) is read by an
 * order-desk user of the test file (tests/support/staff.ts), the channel view
 * by `api` itself (the partner's client that placed the order).
 */
export async function readerFor(api: ApiClient, view: typeof ChannelOrderView | typeof OrderView): Promise<ApiClient> {
  if (view !== OrderView) return api;
  const { orderDeskToken } = await import('./staff.js');
  return withToken(api, await orderDeskToken(deployedStack()));
}

/**
 * Polls an order until it reaches one of `statuses`, read in the channel view
 * by `api`, or in the staff view (OrderView) by the order desk.
 */
export async function waitForOrder<S extends typeof ChannelOrderView | typeof OrderView = typeof ChannelOrderView>(
  api: ApiClient,
  orderId: string,
  statuses: string[],
  timeoutMs = 60_000,
  view: S = ChannelOrderView as S,
): Promise<z.output<S>> {
  const deadline = Date.now() + timeoutMs;
  let last: z.output<S> | undefined;
  const reader = await readerFor(api, view);
  while (Date.now() < deadline) {
    const response = await reader.json(view, 'GET', `/v1/orders/${orderId}`);
    if (response.status === 200) {
      const body = response.body as z.output<S>;
      last = body;
      if (statuses.includes(body.status)) return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`order ${orderId} did not reach ${statuses.join('/')} (last: ${last?.status} ${last?.statusReason ?? ''})`);
}

export interface SentEmail {
  To: string[];
  Subject: string;
  BodyText?: string;
  Source: string;
}

export async function sentEmails(): Promise<SentEmail[]> {
  const response = await fetch(`${endpoint}/_ministack/ses/messages`);
  const { messages } = (await response.json()) as { messages: Record<string, SentEmail[]> | SentEmail[] };
  return Array.isArray(messages) ? messages : Object.values(messages).flat();
}

/**
 * Reads the emulator's SES outbox for an approval email of an order (sent to
 * the given address, if one is named) and returns its link's path.
 */
export async function approvalLinkFor(orderId: string, to?: string, timeoutMs = 30_000): Promise<{ email: SentEmail; approvalPath: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const email = (await sentEmails()).find(
      (message) => message.Subject.includes(orderId) && message.Subject.startsWith('Approval needed') && (!to || message.To.includes(to)),
    );
    const match = email?.BodyText?.match(/(\/v1\/approvals\/[A-Za-z0-9_-]+)/);
    if (email && match?.[1]) return { email, approvalPath: match[1] };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no approval email for ${orderId}${to ? ` to ${to}` : ''}`);
}

let poCounter = 0;
export function newOrder(overrides: Record<string, unknown> = {}) {
  poCounter += 1;
  return {
    customerId: 'CUST-ACME',
    customerPo: `PO-${Date.now()}-${poCounter}`,
    // A dock of its own per order: two orders of one customer for the same goods to the same place
    // within the window are held as possible duplicates, so tests that mean it say so with a shared ship-to.
    shipTo: {
      name: 'ACME University Hospital',
      line1: '1 Hospital Road',
      line2: `Dock ${Date.now()}-${poCounter}`,
      city: 'Springfield',
      postalCode: '12345',
      country: 'US',
    },
    lines: [{ gtin: '05012345678917', quantity: 2 }],
    ...overrides,
  };
}

export const idempotencyKey = () => `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** A customer of its own for a test, so credit exposure from other tests never leaks in. */
export async function givenCustomer(
  overrides: {
    creditLimit?: string;
    status?: 'ACTIVE' | 'BLOCKED';
    contactEmail?: string;
    /** A currency no price list is in (e.g. USD) makes the workflow reject the order at pricing: intake-only tests. */
    currency?: string;
    shipTo?: { name: string; line1: string; city: string; postalCode: string; country: string }[];
    licences?: { deviceClass: DeviceClass; number: string; expiry: string }[];
    /** The channels the customer orders through (default: all three, as the demo customer). */
    channels?: Channel[];
  } = {},
): Promise<string> {
  const { seedMasterData } = await import('../../infra/local/master-data.js');
  const { DEMO_CUSTOMERS, DEMO_PRICE_LIST } = await import('../../infra/local/demo-data.js');
  const customerId = `CUST-T-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
  await seedMasterData({
    priceList: DEMO_PRICE_LIST,
    customers: [{ ...DEMO_CUSTOMERS[0]!, customerId, legalName: `Test customer ${customerId}`, ...overrides }],
    products: [],
    lots: [],
  });
  return customerId;
}

/**
 * A product of its own for a test, priced on a base list of its own. With a quantity it
 * also gets one released lot, so tests that ship large quantities never drain
 * each other's stock; without one, stock comes in through the receiving API.
 */
export async function givenProduct(
  options: { gtin?: string; unitPrice?: string; deviceClass?: DeviceClass; serialControlled?: boolean; quantity?: number } = {},
): Promise<string> {
  const { seedMasterData } = await import('../../infra/local/master-data.js');
  const { uniqueGtin } = await import('./fixtures.js');
  const gtin = options.gtin ?? uniqueGtin();
  await seedMasterData({
    // A base price list of its own: seeding never rewrites an existing list, so the demo list cannot take the price.
    priceList: { priceListId: `PL-TEST-${gtin}`, name: `Test prices for ${gtin}`, currency: 'EUR' },
    customers: [],
    products: [
      {
        gtin,
        name: `Test device ${gtin}`,
        deviceClass: options.deviceClass ?? 'IIb',
        unitPrice: options.unitPrice ?? '10.00',
        shelfLifeDays: 730,
        retentionYears: 15,
        serialControlled: options.serialControlled ?? false,
      },
    ],
    lots: options.quantity ? [{ gtin, lotNumber: 'T1', expiry: '2029-12-31', quantity: options.quantity, status: 'RELEASED' }] : [],
  });
  return gtin;
}
