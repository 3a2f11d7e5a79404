/**
 * Starlight learns a page's language from the file path relative to `src/content/docs/` (asides'
 * default titles, heading anchor labels, Expressive Code's copy button). Our chapters live in the
 * top-level `content/docs/`, so without help every zh-cn page would get English labels and
 * Starlight would skip its Markdown processing altogether. This remark plugin, which runs before
 * Starlight's, presents each chapter to the rest of the pipeline under the path Starlight expects.
 * Nothing downstream reads files through this path: Astro resolves imports from the module id.
 */
import { posix, relative, resolve } from 'node:path';

export interface DocsPathAliasOptions {
  /** Absolute project root. */
  root: string;
  /** Where the chapters really are, relative to root (content/docs). */
  from: string;
  /** Where Starlight looks for them, relative to root (src/content/docs). */
  to: string;
}

/** Pure mapping, exported for tests: the aliased path, or undefined when the file is elsewhere. */
export function aliasDocsPath(filePath: string, { root, from, to }: DocsPathAliasOptions): string | undefined {
  const normalized = filePath.replace(/\\/g, '/');
  const fromAbs = resolve(root, from).replace(/\\/g, '/');
  if (!normalized.startsWith(fromAbs + '/')) return undefined;
  const rest = relative(fromAbs, normalized).replace(/\\/g, '/');
  if (rest.startsWith('..')) return undefined;
  return posix.join(resolve(root, to).replace(/\\/g, '/'), rest);
}

interface PathCarrier {
  path?: string;
}

export function remarkDocsPathAlias(options: DocsPathAliasOptions) {
  return () => (_tree: unknown, file: PathCarrier) => {
    if (typeof file.path !== 'string') return;
    const aliased = aliasDocsPath(file.path, options);
    if (aliased) file.path = aliased;
  };
}
