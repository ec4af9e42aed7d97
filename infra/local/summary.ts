import type { UnpaidInvoice } from '../../shared/approvals/domain/credit.js';
import type { WalkthroughForecast, WalkthroughPosition } from './walkthrough.js';
import { WALKTHROUGH } from './walkthrough.js';

/** Everything npm start prints once the stack is up; a pure function of what it read, so the text is checked in tests. */
export interface SummaryInput {
  endpoint: string;
  api: string;
  users: readonly { username: string; password: string; groups: readonly string[] }[];
  /** Every partner's client, in the order printed: the demo partners first. */
  partners: readonly { id: string; channel: string; credentials: { clientId: string; clientSecret: string } }[];
  portalToken: string;
  staffClientId: string;
  position: WalkthroughPosition;
  forecast: WalkthroughForecast;
  /** The near-duplicate window and the approval escalation, as deployed locally. */
  nearDuplicateWindowHours: number;
  escalationMinutes: number;
  readySeconds: number;
  /** What Ctrl-C does, which depends on who started the emulator. */
  stopNote: string;
}

const money = (amount: string) => Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (n: number) => n.toLocaleString('en-US');
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function tokenCommand(endpoint: string, credentials: { clientId: string; clientSecret: string }): string {
  return `curl -s -u ${shellQuote(`${credentials.clientId}:${credentials.clientSecret}`)} -d grant_type=client_credentials -d scope=o2c/orders ${endpoint}/oauth2/token`;
}

/**
 * A staff user's access token, as the README's inventory section signs in
 * (USER_PASSWORD_AUTH on the staff client), with curl alone: the emulator's
 * Cognito answers the AWS JSON protocol without a signature, as AWS does for
 * InitiateAuth.
 */
export function staffSignInCommand(endpoint: string, staffClientId: string, user: { username: string; password: string }, variable: string): string[] {
  const body = JSON.stringify({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: staffClientId,
    AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
  });
  return [
    `${variable}=$(curl -s ${endpoint}/ -H 'x-amz-target: AWSCognitoIdentityProviderService.InitiateAuth' -H 'content-type: application/x-amz-json-1.1' \\`,
    `    -d ${shellQuote(body)} | sed -E 's/.*"AccessToken": *"([^"]+)".*/\\1/'); echo "$${variable}"`,
  ];
}

export function paymentCommand(api: string, invoice: UnpaidInvoice, currency: string, tokenVariable: string): string {
  // The bank reference makes a payment idempotent: pasting this twice applies it once.
  const body = `{"paymentReference":"BANK-${invoice.invoiceNumber}","amount":"${invoice.amount}","currency":"${currency}","receivedOn":"'$(date -u +%F)'","method":"BANK_TRANSFER"}`;
  return `curl -s -X POST ${api}/v1/invoices/${invoice.invoiceNumber}/payments -H "authorization: Bearer $${tokenVariable}" -H 'content-type: application/json' -d '${body}'`;
}

/**
 * The walkthrough order. Its PO and its delivery line (line2) carry the time
 * of the paste, so pasting it again places another order instead of one held
 * as a near duplicate (same lines, same address, another PO); the goods, the
 * total and so the approvals stay exactly what the README promises.
 */
export function orderCommand(api: string, portalToken: string): string[] {
  const order = {
    customerId: WALKTHROUGH.customerId,
    customerPo: "PO-'$(date +%s)'",
    shipTo: {
      name: 'ACME University Hospital',
      line1: '1 Hospital Road',
      line2: "Walkthrough '$(date +%s)'",
      city: 'Springfield',
      postalCode: '12345',
      country: 'US',
    },
    lines: [{ gtin: WALKTHROUGH.gtin, quantity: WALKTHROUGH.quantity }],
  };
  return [
    `curl -s -X POST ${api}/v1/orders \\`,
    `    -H 'authorization: Bearer ${portalToken}' \\`,
    `    -H 'content-type: application/json' -H "idempotency-key: $(date +%s%N)" \\`,
    `    -d '${JSON.stringify(order)}'`,
  ];
}

/** The walkthrough customer's credit and stock, and what to do when either would change the walkthrough. */
export function walkthroughLines(input: Pick<SummaryInput, 'api' | 'endpoint' | 'staffClientId' | 'users' | 'position' | 'forecast'>): string[] {
  const { position, forecast } = input;
  const unpaid = position.unpaidInvoices;
  const unpaidTotal = unpaid.reduce((total, invoice) => total + Math.round(Number(invoice.amount) * 100), 0) / 100;
  const open = Math.round(Number(position.openOrdersTotal) * 100) / 100 + unpaidTotal;
  const lines = [
    `${WALKTHROUGH.customerId} credit: limit ${money(position.creditLimit)} ${position.currency}; open ${money(open.toFixed(2))} ` +
      `(orders not yet invoiced ${money(position.openOrdersTotal)}, ${unpaid.length} unpaid invoice${unpaid.length === 1 ? '' : 's'} ${money(unpaidTotal.toFixed(2))}).`,
  ];
  if (forecast.credit.status === 'HOLD') {
    lines.push(
      `The next walkthrough order would be held for credit (${forecast.credit.reason}): besides finance1 it would wait for credit1`,
      '(credit-controller, meaning "Released from credit hold"), which the README walkthrough does not show.',
    );
  } else {
    lines.push(
      `Room for ${forecast.ordersThatFit >= 1000 ? 'many' : forecast.ordersThatFit} more walkthrough order${forecast.ordersThatFit === 1 ? '' : 's'} of ${money(forecast.orderTotal)} before one is held for credit ` +
        '(then credit1 must release it too).',
    );
  }
  lines.push('Every walkthrough leaves an unpaid invoice until its payment is applied (README step 6); open orders count until invoiced.');
  if (unpaid.length > 0) {
    const receivables = input.users.find((user) => user.username === 'receivables1');
    const shown = unpaid.slice(0, 10);
    lines.push(`Apply the payment${unpaid.length === 1 ? '' : 's'} as receivables1 to free the limit:`);
    if (receivables) lines.push(...staffSignInCommand(input.endpoint, input.staffClientId, receivables, 'RECEIVABLES_TOKEN').map((line) => `  ${line}`));
    lines.push(...shown.map((invoice) => `  ${paymentCommand(input.api, invoice, position.currency, 'RECEIVABLES_TOKEN')}`));
    if (unpaid.length > shown.length) lines.push(`  (${unpaid.length - shown.length} more; start again after these to see them)`);
  }
  if (forecast.ordersInStock === 0) {
    lines.push(
      `Not enough gloves for another walkthrough order (${count(position.stockAvailable)} boxes can be allocated): it would wait for stock. Receive a lot`,
      'as warehouse1 (POST /v1/inventory/receipts) and release it as quality1: README, Inventory and traceability.',
    );
  } else {
    lines.push(
      `Gloves in stock for ${count(forecast.ordersInStock)} more walkthrough order${forecast.ordersInStock === 1 ? '' : 's'} (${count(position.stockAvailable)} boxes).`,
    );
  }
  return lines;
}

export function renderSummary(input: SummaryInput): string {
  const { endpoint, api } = input;
  const width = Math.max(...input.users.map((user) => `${user.username} / ${user.password}`.length));
  const users = input.users.map((user) => `${`${user.username} / ${user.password}`.padEnd(width)}  (${user.groups.join(', ')})`);
  const warehouse = input.users.find((user) => user.username === 'warehouse1') ?? input.users[0];
  const browserHost = `http://<apiId>.execute-api.localhost:${new URL(endpoint).port || '80'}`;
  return [
    `Order-to-cash is running locally (ready in ${Math.round(input.readySeconds)} s).`,
    '',
    `  API base URL     ${api}`,
    `  OpenAPI          ${api}/v1/openapi.json`,
    `  API reference    ${api}/v1/docs`,
    `  Emails (outbox)  ${endpoint}/_ministack/ses/messages`,
    `  Demo users       ${users.join('\n                   ')}`,
    '',
    'Partner tokens (one app client per partner; OAuth2 client credentials, valid 1 hour; run the command again for a new one):',
    ...input.partners.map((partner) => `  ${`${partner.channel} ${partner.id}`.padEnd(24)} ${tokenCommand(endpoint, partner.credentials)}`),
    '',
    `Staff sign-in (USER_PASSWORD_AUTH, staff client ${input.staffClientId}), here as ${warehouse?.username}; for another user change USERNAME and PASSWORD:`,
    ...(warehouse ? staffSignInCommand(endpoint, input.staffClientId, warehouse, 'WAREHOUSE_TOKEN').map((line) => `  ${line}`) : []),
    '',
    `Place an order (${count(WALKTHROUGH.quantity)} boxes of gloves for ${WALKTHROUGH.customerId}, ${money(input.forecast.orderTotal)} EUR: over the 10,000.00 threshold, so finance must approve):`,
    ...orderCommand(api, input.portalToken).map((line) => `  ${line}`),
    'Each paste is a separate order: its PO and its delivery line (line2 "Walkthrough <time>") differ. The same lines to the',
    `same address under another PO within ${input.nearDuplicateWindowHours} h would be held as POSSIBLE_DUPLICATE of the first (README: Duplicates).`,
    '',
    ...walkthroughLines(input),
    '',
    `Then read the approval email and open its link (if your browser cannot resolve ${browserHost}, use ${api}),`,
    `sign as finance1 with meaning "Approved", and follow GET ${api}/v1/orders/<orderId> to READY_TO_PICK.`,
    'Scan it at the packing station as warehouse1 (ships exactly the allocated lots and serials), then follow it to ARCHIVED:',
    '  npm run scan:ship -- <orderId>',
    `An approval nobody signs escalates after ${input.escalationMinutes} minutes (finance -> finance-director), then expires.`,
    '',
    input.stopNote,
  ].join('\n');
}
