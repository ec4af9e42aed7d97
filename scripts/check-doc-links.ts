/**
 * Checks every relative link in README.md and docs/**\/*.md: the target file must exist in the repository and,
 * for a `#anchor` into a Markdown file, a heading with that GitHub-style slug must exist there.
 * External links (http:, https:, mailto:, ...) are not followed. Links inside code blocks and code spans are not links.
 *
 *   npx tsx scripts/check-doc-links.ts     exits 1 listing the broken links
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface DocLinkReport {
  /** Markdown files checked, relative to the repository root. */
  files: string[];
  /** Relative links found in them. */
  links: number;
  /** One line per broken link: `file:line: target: reason`. */
  broken: string[];
}

/** The broken relative links of README.md and docs/**\/*.md under `repoRoot`, one line each; empty when all resolve. */
export function brokenLinks(repoRoot: string): string[] {
  return checkDocLinks(repoRoot).broken;
}

export function checkDocLinks(repoRoot: string): DocLinkReport {
  const root = resolve(repoRoot);
  const files = documentationFiles(root);
  const anchorCache = new Map<string, Set<string>>();
  const broken: string[] = [];
  let links = 0;

  for (const file of files) {
    const absolute = join(root, file);
    for (const { line, target } of linksIn(readFileSync(absolute, 'utf8'))) {
      if (isExternal(target)) continue;
      links += 1;
      const problem = resolveLink(root, absolute, target, anchorCache);
      if (problem !== undefined) broken.push(`${toPosix(file)}:${line}: ${target}: ${problem}`);
    }
  }
  return { files: files.map(toPosix), links, broken };
}

/** README.md and every Markdown file under docs/, relative to the root, sorted. */
function documentationFiles(root: string): string[] {
  const found: string[] = [];
  if (existsSync(join(root, 'README.md'))) found.push('README.md');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) found.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return found.sort((a, b) => (a === 'README.md' ? -1 : b === 'README.md' ? 1 : a.localeCompare(b)));
}

interface FoundLink {
  line: number;
  target: string;
}

const INLINE_LINK = /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;
const HTML_LINK = /\b(?:href|src)\s*=\s*["']([^"']+)["']/gi;

/** Every link target outside code blocks and code spans, with its 1-based line number. */
export function linksIn(markdown: string): FoundLink[] {
  const found: FoundLink[] = [];
  proseLines(markdown).forEach(({ text, line }) => {
    for (const match of text.matchAll(INLINE_LINK)) found.push({ line, target: unwrap(match[1] ?? '') });
    const definition = REFERENCE_DEFINITION.exec(text);
    if (definition) found.push({ line, target: unwrap(definition[1] ?? '') });
    for (const match of text.matchAll(HTML_LINK)) found.push({ line, target: match[1] ?? '' });
  });
  return found.filter(({ target }) => target !== '');
}

/**
 * The lines that are not inside a fenced code block, with code spans blanked out. A code span may run over several
 * lines of one paragraph, so spans are matched per block of consecutive lines, not per line.
 */
function proseLines(markdown: string): { text: string; line: number }[] {
  const prose: { text: string; line: number }[] = [];
  let block: { text: string; line: number }[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    const blanked = block
      .map(({ text }) => text)
      .join('\n')
      .replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (span) => span.replace(/[^\n]/g, ' '))
      .split('\n');
    block.forEach(({ line }, index) => {
      prose.push({ text: blanked[index] ?? '', line });
    });
    block = [];
  };
  for (const { text, line } of proseLinesKeepingCode(markdown)) {
    if (text.trim() === '' || (block.length > 0 && block[block.length - 1]!.line !== line - 1)) flush();
    if (text.trim() !== '') block.push({ text, line });
  }
  flush();
  return prose;
}

function unwrap(target: string): string {
  return target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1).trim() : target.trim();
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** Undefined when the link resolves, else why not. */
function resolveLink(root: string, fromFile: string, target: string, anchorCache: Map<string, Set<string>>): string | undefined {
  const hashAt = target.indexOf('#');
  const rawPath = hashAt === -1 ? target : target.slice(0, hashAt);
  const rawAnchor = hashAt === -1 ? undefined : target.slice(hashAt + 1);
  let path: string;
  let anchor: string | undefined;
  try {
    path = decodeURIComponent(rawPath.split('?')[0] ?? '');
    anchor = rawAnchor === undefined ? undefined : decodeURIComponent(rawAnchor);
  } catch {
    return 'not a valid URL';
  }

  const resolved = path === '' ? fromFile : path.startsWith('/') ? join(root, path) : resolve(dirname(fromFile), path);
  const inside = relative(root, resolved);
  if (inside.startsWith('..') || isAbsolute(inside)) return 'points outside the repository';
  if (!existsSync(resolved)) return `no such file: ${toPosix(inside) || '.'}`;
  if (anchor === undefined || anchor === '') return undefined;
  if (statSync(resolved).isDirectory() || extname(resolved).toLowerCase() !== '.md') return undefined;

  let anchors = anchorCache.get(resolved);
  if (anchors === undefined) {
    anchors = anchorsOf(readFileSync(resolved, 'utf8'));
    anchorCache.set(resolved, anchors);
  }
  return anchors.has(anchor.toLowerCase()) ? undefined : `no heading #${anchor} in ${toPosix(inside)}`;
}

/** The anchors GitHub gives a Markdown file: one per heading (slug, de-duplicated with -1, -2, ...) and explicit ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const add = (slug: string): void => {
    const seen = counts.get(slug);
    counts.set(slug, (seen ?? -1) + 1);
    anchors.add(seen === undefined ? slug : `${slug}-${seen + 1}`);
  };
  const lines = proseLinesKeepingCode(markdown);
  lines.forEach(({ text }, index) => {
    const atx = /^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(text);
    if (atx) {
      add(githubSlug(atx[1] ?? ''));
    } else {
      const next = lines[index + 1];
      const setext = next !== undefined && next.line === lines[index]!.line + 1 && /^ {0,3}(=+|-+)\s*$/.test(next.text);
      if (setext && text.trim() !== '' && !/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(text) && !/^\s*[-*+>|]/.test(text)) add(githubSlug(text));
    }
    for (const match of text.matchAll(/<a\s+(?:[^>]*?\s)?(?:id|name)\s*=\s*["']([^"']+)["']/gi)) anchors.add((match[1] ?? '').toLowerCase());
  });
  return anchors;
}

/** Lines outside fenced code blocks, code spans kept (heading text includes them). */
function proseLinesKeepingCode(markdown: string): { text: string; line: number }[] {
  const lines = markdown.split(/\r?\n/);
  const prose: { text: string; line: number }[] = [];
  let fence: string | undefined;
  lines.forEach((text, index) => {
    if (fence === undefined) {
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(text);
      if (opening) fence = opening[1];
      else prose.push({ text, line: index + 1 });
      return;
    }
    const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
    if (closing && closing[1]![0] === fence[0] && closing[1]!.length >= fence.length) fence = undefined;
  });
  return prose;
}

/** GitHub's heading slug: the heading's text, lower-cased, punctuation removed, each space a hyphen. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: their alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: their text
    .replace(/<[^>]+>/g, '') // HTML tags
    .replace(/`/g, '')
    .replace(/(^|[^\p{L}\p{N}])__?(?=\S)(.*?\S)__?(?=[^\p{L}\p{N}]|$)/gu, '$1$2') // _emphasis_, __strong__
    .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const report = checkDocLinks(repoRoot);
  if (report.broken.length > 0) {
    console.error(`${report.broken.length} broken link(s) in ${report.files.length} files:`);
    for (const line of report.broken) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log(`${report.links} relative links in ${report.files.length} files: all resolve.`);
}
