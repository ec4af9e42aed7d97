import { describe, expect, it } from 'vitest';
import { formAnswer, invalidLinkPage, linkPage } from '../../../shared/platform/http/link-pages.js';

describe('given a page behind an emailed link', () => {
  const pages = {
    'a rendered page': linkPage({ status: 200, html: '<p>x</p>' }),
    'the invalid-link page': invalidLinkPage('approval'),
    'a form answer to a browser': formAnswer('text/html', 200, 'Done', 'Recorded', undefined),
  };

  for (const [name, page] of Object.entries(pages)) {
    it(`when ${name} is answered, then the browser may not sniff it, frame it, rebase it, or reach it over plain HTTP`, () => {
      const headers = page.headers as Record<string, string>;
      expect(headers['x-content-type-options']).toBe('nosniff');
      const csp = headers['content-security-policy']!.split(';').map((directive) => directive.trim());
      expect(csp).toEqual(expect.arrayContaining(["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]));
      expect(headers['strict-transport-security']).toMatch(/^max-age=(\d+); includeSubDomains$/);
      expect(Number(/max-age=(\d+)/.exec(headers['strict-transport-security']!)![1])).toBeGreaterThanOrEqual(31536000);
    });
  }
});
