import { describe, expect, it } from 'vitest';
import { referencePage, viewerFile } from '../../../shared/platform/openapi/reference-page.js';

const read = (file: string) => `/* ${file} */`;

describe('given the browsable API reference', () => {
  it('when the page is requested, then it is HTML loading the viewer and the document by relative URLs, under a policy without inline script', () => {
    const page = referencePage();
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('src="docs/swagger-ui-bundle.js"');
    expect(page.body).toContain('src="docs/init.js"');
    expect(page.body).not.toMatch(/<script>(?!<)/);
    const policy = page.headers['content-security-policy']!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('when the viewer’s script and style are requested, then each is served from the bundle with its content type', () => {
    expect(viewerFile('swagger-ui-bundle.js', read)).toMatchObject({
      statusCode: 200,
      body: '/* swagger-ui-bundle.js */',
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    });
    expect(viewerFile('swagger-ui.css', read)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/css; charset=utf-8' } });
  });

  it('when the start script is requested, then it points the viewer at the document next to the page', () => {
    const init = viewerFile('init.js', read);
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain("url: 'openapi.json'");
  });

  it('when any other name is requested, then it is 404 and nothing is read (the name is never used as a path)', () => {
    const reads: string[] = [];
    for (const name of ['../../etc/passwd', 'package.json', 'swagger-ui-bundle.js.map', undefined]) {
      expect(viewerFile(name, (file) => (reads.push(file), '')).statusCode, String(name)).toBe(404);
    }
    expect(reads).toEqual([]);
  });
});
