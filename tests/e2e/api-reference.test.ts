import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localApiBase } from '../../infra/local/channel-client.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../infra/local/browser.js';
import { ROUTE_DECLARATIONS } from '../../shared/api/registry.js';
import { deployedStack } from '../support/stack.js';

describe('given the deployed API reference', () => {
  const outputs = deployedStack();
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = localApiBase(outputs);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('when the viewer’s script is fetched, then the function serves the file copied into its bundle', async () => {
    const response = await fetch(`${base}/v1/docs/swagger-ui-bundle.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await response.text()).length).toBeGreaterThan(1_000_000);
    expect((await fetch(`${base}/v1/docs/package.json`)).status).toBe(404);
  });

  it('when the page is opened in a browser, then every declared operation is listed, with no policy violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(`${base}/v1/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const operations = await page.locator('.opblock').count();
    expect(operations).toBe(ROUTE_DECLARATIONS.flatMap((declaration) => declaration.routes).length);
    await page.screenshot({ path: '.local/api-reference.png' });
    expect(refused).toEqual([]);
  });
});
