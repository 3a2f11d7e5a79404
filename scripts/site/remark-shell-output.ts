/**
 * Chapters show two kinds of shell blocks: commands to type (```bash, ```sh, ```shell) and what
 * they print. Output should say so with ```text or ```console, but a transcript highlighted as
 * shell is marked with the meta word `output` (```bash output). Expressive Code does not pass
 * meta words to the HTML, so this plugin wraps such blocks in <div data-cka-output>, which the run
 * buttons skip.
 */
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['bash', 'sh', 'shell']);

interface MdNode {
  type: string;
  lang?: string | null;
  meta?: string | null;
  children?: MdNode[];
  data?: Record<string, unknown>;
}

/** True when a fenced block is a shell block marked as output by its meta words. */
export function isShellOutput(lang: string | null | undefined, meta: string | null | undefined): boolean {
  if (!lang || !SHELL_LANGUAGES.has(lang)) return false;
  return (meta ?? '').split(/\s+/).includes('output');
}

function wrap(node: MdNode): MdNode {
  return {
    type: 'ckaShellOutput',
    data: { hName: 'div', hProperties: { dataCkaOutput: '' } },
    children: [node],
  };
}

function visit(parent: MdNode): void {
  const children = parent.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'code' && isShellOutput(child.lang, child.meta)) children[i] = wrap(child);
    else visit(child);
  }
}

export function remarkShellOutput() {
  return (tree: unknown) => visit(tree as MdNode);
}
