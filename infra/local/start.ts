import { deployLocal } from './deploy.js';
import { ensureEmulator } from './emulator.js';
import { channelToken, localApiBase, channelCredentials } from './channel-client.js';
import { seedDemoData } from './seed.js';
import { DEMO_USERS } from './demo-data.js';
import { endpoint, useLocalAws } from './settings.js';

/**
 * `npm start`: the whole system on this machine. Starts the emulator unless
 * one is already running, deploys the CDK app to it, seeds demo data, prints
 * where to go, and stays in the foreground; Ctrl-C stops what it started.
 */
useLocalAws();
const emulator = await ensureEmulator();
console.log(emulator.startedHere ? `MiniStack started on ${endpoint}` : `Using the emulator already running on ${endpoint}`);
const outputs = await deployLocal();
await seedDemoData(outputs);
const api = localApiBase(outputs);
const credentials = await channelCredentials(outputs);
const token = await channelToken(credentials);
const logins = DEMO_USERS.map((user) => `${user.username} / ${user.password}  (${user.groups.join(', ')})`).join('\n                   ');

console.log(`
Order-to-cash is running locally.

  API base URL     ${api}
  OpenAPI          ${api}/v1/openapi.json
  Emails (outbox)  ${endpoint}/_ministack/ses/messages
  Demo users       ${logins}

Portal channel token (valid 1 hour; get a new one with the same request):
  curl -s -u '${credentials.clientId}:${credentials.clientSecret}' -d grant_type=client_credentials -d scope=o2c/orders ${endpoint}/oauth2/token

Place an order (800 boxes of gloves, 10,320.00 EUR: over the 10,000.00 threshold, so finance must approve):
  curl -s -X POST ${api}/v1/orders \\
    -H 'authorization: Bearer ${token}' \\
    -H 'content-type: application/json' -H "idempotency-key: $(date +%s%N)" \\
    -d '{"customerId":"CUST-ACME","customerPo":"PO-'$(date +%s)'","shipTo":{"name":"ACME University Hospital","line1":"1 Hospital Road","city":"Springfield","postalCode":"12345","country":"US"},"lines":[{"gtin":"05012345678917","quantity":800}]}'

Then read the approval email, open its link (replace http://<apiId>.execute-api.localhost:4566 with ${api} if your
browser cannot resolve it), sign as finance1 with meaning "Approved", and follow GET ${api}/v1/orders/<orderId> to READY_TO_PICK.
Then scan it at the packing station as warehouse1 (ships exactly the allocated lots and serials):
  npm run scan:ship -- <orderId>
and follow the order to ARCHIVED.
An approval nobody signs escalates after 10 minutes (finance -> finance-director), then expires.

Press Ctrl-C to stop${emulator.startedHere ? ' (the emulator keeps its data under .local/)' : ''}.`);

const stop = async () => {
  await emulator.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 1 << 30);
