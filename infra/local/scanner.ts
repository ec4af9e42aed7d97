import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { dateToYymmdd } from '../../shared/inventory/domain/gs1.js';
import { PickTaskView } from '../../shared/inventory/schemas/shipment.js';
import { localApiBase } from './channel-client.js';
import { DEMO_USERS } from './demo-data.js';
import { readOutputs, type StackOutputs } from './deploy.js';
import { useLocalAws } from './settings.js';

/**
 * A scripted packing station, as a warehouse scanner works: it reads the
 * order's pick task, "scans" the label of every allocated unit (a serial per
 * unit for serial-controlled lots; one case label with its count, AI 30, for
 * the rest) and posts the scans to POST /v1/shipments. Used by the README
 * walkthrough (`npm run scan:ship`), the tests and the bench.
 */
export function labelScans(lines: PickTaskView['lines']): string[] {
  return lines.flatMap((line) =>
    line.picks.flatMap((pick) => {
      const label = `(01)${line.gtin}(17)${dateToYymmdd(pick.expiry)}`;
      if (pick.serials?.length) return pick.serials.map((serial) => `${label}(10)${pick.lotNumber}(21)${serial}`);
      return [`${label}(30)${pick.quantity}(10)${pick.lotNumber}`];
    }),
  );
}

export async function staffUserToken(outputs: StackOutputs, username: string, password: string): Promise<string> {
  const result = await new CognitoIdentityProviderClient({}).send(
    new InitiateAuthCommand({ ClientId: outputs.StaffClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  const token = result.AuthenticationResult?.AccessToken;
  if (!token) throw new Error(`no access token for ${username}`);
  return token;
}

export interface ScanResult {
  status: number;
  body: unknown;
  scans: string[];
}

/**
 * Waits until the order has a pending pick task, scans its allocation and
 * confirms the shipment. Gives up (throws) when no task is pending in time.
 */
export async function scanToShip(outputs: StackOutputs, token: string, orderId: string, timeoutMs = 60_000): Promise<ScanResult> {
  const base = localApiBase(outputs);
  const headers = { authorization: `Bearer ${token}` };
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const response = await fetch(`${base}/v1/warehouse/picks/${orderId}`, { headers });
    const body: unknown = await response.json().catch(() => undefined);
    const task = response.status === 200 ? PickTaskView.safeParse(body) : undefined;
    if (task?.success && task.data.status === 'PENDING') {
      const scans = labelScans(task.data.lines);
      const confirmed = await fetch(`${base}/v1/shipments`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `scan-${orderId}-r${task.data.round}` },
        body: JSON.stringify({ orderId, scans }),
      });
      return { status: confirmed.status, body: await confirmed.json().catch(() => undefined), scans };
    }
    last = task?.success ? `pick task ${task.data.status}` : `HTTP ${response.status}`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`order ${orderId} was not ready to pick in time (last: ${last})`);
}

// npm run scan:ship -- <orderId>: the demo warehouse user scans the order's allocation.
if (import.meta.url === `file://${process.argv[1]}`) {
  const orderId = process.argv[2];
  if (!orderId) throw new Error('usage: npm run scan:ship -- <orderId>');
  useLocalAws();
  const outputs = readOutputs();
  const warehouse = DEMO_USERS.find((user) => user.username === 'warehouse1');
  if (!warehouse) throw new Error('demo user warehouse1 is missing');
  const result = await scanToShip(outputs, await staffUserToken(outputs, warehouse.username, warehouse.password), orderId);
  console.log(
    `scanned as ${warehouse.username}:\n  ${result.scans.join('\n  ')}\nPOST /v1/shipments -> ${result.status}\n${JSON.stringify(result.body, null, 2)}`,
  );
  process.exit(result.status === 202 ? 0 : 1);
}
