import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderAccepted, OrderView } from '../../shared/orders/schemas/order.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../infra/local/browser.js';
import {
  approvalLinkFor,
  deployedStack,
  givenCustomer,
  givenProduct,
  idempotencyKey,
  newOrder,
  portalApi,
  waitForOrder,
  type ApiClient,
} from '../support/stack.js';
import { waitForShippedOrder } from '../support/picking.js';
import { user } from '../support/approvals.js';

const finance = user('finance1');

describe('given an approver with the approval email open on a phone', () => {
  const outputs = deployedStack();
  let api: ApiClient;
  let browser: Browser;

  beforeAll(async () => {
    api = await portalApi(outputs);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('when the emailed link is opened in the browser and the form is signed, then the order proceeds to ARCHIVED', async () => {
    const [customerId, gloves] = await Promise.all([
      givenCustomer({ creditLimit: '1000000.00' }),
      givenProduct({ unitPrice: '12.90', deviceClass: 'I', quantity: 100_000 }),
    ]);
    const placed = await api.json(OrderAccepted, 'POST', '/v1/orders', {
      body: newOrder({ customerId, lines: [{ gtin: gloves, quantity: 800 }] }),
      headers: { 'idempotency-key': idempotencyKey() },
    });
    expect(placed.status).toBe(202);
    const { email } = await approvalLinkFor(placed.body.orderId, finance.email);
    // The link exactly as emailed: Chromium resolves *.localhost to this machine itself.
    const link = email.BodyText!.match(/Review and sign: (\S+)/)![1]!;

    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe(`Approve order ${placed.body.orderId}`);
    await page.screenshot({ path: '.local/approval-page.png', fullPage: true });
    // Fits a phone: no sideways scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.selectOption('select[name=meaning]', 'APPROVED');
    await page.fill('textarea[name=comment]', 'approved from my phone');
    await page.fill('input[name=username]', finance.username);
    await page.fill('input[name=password]', finance.password);
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    await page.waitForSelector('h1:has-text("signed")');
    expect(await page.locator('body').textContent()).toContain(`Signed by ${finance.name}`);

    const done = await waitForShippedOrder(api, placed.body.orderId, ['ARCHIVED', 'REJECTED', 'FAILED'], undefined, OrderView);
    expect(done.statusReason).toBeUndefined();
    expect(done.status).toBe('ARCHIVED');
    expect(done.signatures[0]).toMatchObject({ signerUsername: finance.username, comment: 'approved from my phone' });
  });
});
