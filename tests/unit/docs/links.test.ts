import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, githubSlug, linksIn } from '../../../scripts/check-doc-links.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('given the README and docs', () => {
  it('when every relative link is followed, then it resolves', () => {
    expect(brokenLinks(repoRoot)).toEqual([]);
  });
});

describe('given a Markdown heading', () => {
  it('when it is turned into an anchor, then it follows GitHub: lower case, punctuation dropped, spaces as hyphens', () => {
    expect(githubSlug('Emulator notes (MiniStack 1.5.33)')).toBe('emulator-notes-ministack-1533');
    expect(githubSlug('Cost per 1,000 orders')).toBe('cost-per-1000-orders');
    expect(githubSlug('Receivables (cash application)')).toBe('receivables-cash-application');
    expect(githubSlug('From clone to an approved, archived order')).toBe('from-clone-to-an-approved-archived-order');
    expect(githubSlug('The `placeOrder` service')).toBe('the-placeorder-service');
  });

  it('when two headings have the same text, then the second anchor gets the suffix -1', () => {
    expect([...anchorsOf('# Notes\n\n## Notes\n')]).toEqual(['notes', 'notes-1']);
  });

  it('when a heading-like line sits in a code block, then it is no heading', () => {
    expect([...anchorsOf('```sh\n# not a heading\n```\n# Real\n')]).toEqual(['real']);
  });
});

describe('given Markdown with links', () => {
  it('when links sit in code spans or code blocks, then they are not followed', () => {
    const markdown = 'See [a](a.md) and `[b](b.md)`.\n\n```\n[c](c.md)\n```\n[d](d.md#x "title")\n';
    expect(linksIn(markdown)).toEqual([
      { line: 1, target: 'a.md' },
      { line: 6, target: 'd.md#x' },
    ]);
  });

  it('when a code span runs over two lines of a paragraph, then a link inside it is not followed', () => {
    expect(linksIn('Run `curl -X POST\n[x](x.md) -d a` and read [y](y.md).\n')).toEqual([{ line: 2, target: 'y.md' }]);
  });
});
