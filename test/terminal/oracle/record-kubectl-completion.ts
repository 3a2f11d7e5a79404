/**
 * Records what `source <(kubectl completion bash)` offers without a cluster, from the real
 * kubectl 1.33 (its hidden `__complete` command and its --help): the command tree with
 * descriptions, every command's flags (and whether they take a value), static argument values
 * and the values of -o. Writes src/terminal/completion/kubectl-commands.json.
 * Run: npx tsx test/terminal/oracle/record-kubectl-completion.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'terminal', 'completion', 'kubectl-commands.json');

function run(args: string[]): string {
  const r = spawnSync(KUBECTL, args, { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', KUBECONFIG: '/nonexistent' } });
  return r.stdout ?? '';
}

/** `__complete` lines: [value, description] pairs and the directive number. */
function complete(path: string[], word: string): { items: [string, string][]; directive: number } {
  const lines = run(['__complete', ...path, word]).split('\n').filter(Boolean);
  let directive = 0;
  const items: [string, string][] = [];
  for (const line of lines) {
    const m = /^:(\d+)$/.exec(line);
    if (m) directive = Number(m[1]);
    else if (!line.startsWith('Completion ended')) {
      const [value, desc = ''] = line.split('\t');
      items.push([value, desc]);
    }
  }
  return { items, directive };
}

/** Flags that take a value, from --help (`--namespace='':` vs `--watch=false:`). */
function valueFlags(path: string[]): string[] {
  const help = run([...path, '--help']) + run(['options']);
  const flags = new Set<string>();
  for (const m of help.matchAll(/^\s+(?:(-\w), )?(--[\w-]+)=(\S*?):\s*$/gm)) {
    const value = m[3];
    if (value === 'false' || value === 'true') continue;
    flags.add(m[2]);
    if (m[1]) flags.add(m[1]);
  }
  return [...flags].sort();
}

function subcommandsOf(path: string[]): string[] {
  const help = run([...path, '--help']);
  const names: string[] = [];
  let inList = false;
  for (const line of help.split('\n')) {
    if (/^(Available Commands|Basic Commands|Intermediate|Deploy Commands|Cluster Management|Troubleshooting|Advanced Commands|Settings Commands|Other Commands|Subcommands provided by plugins)/.test(line)) {
      inList = true;
      continue;
    }
    if (inList) {
      const m = /^\s{2}(\S+)\s{2,}/.exec(line);
      if (m) names.push(m[1]);
      else if (!line.trim()) inList = false;
    }
  }
  return names;
}

interface Node {
  description?: string;
  subcommands?: [string, string][];
  flags: [string, string][];
  valueFlags: string[];
  args?: [string, string][];
  argsDirective?: number;
  outputFormats?: string[];
}

const tree: Record<string, Node> = {};

function walk(path: string[]): void {
  const subs = subcommandsOf(path);
  const node: Node = {
    flags: complete(path, '-').items,
    valueFlags: valueFlags(path),
  };
  if (subs.length) {
    // cobra lists every available subcommand (also those the help groups leave out, like `options`).
    node.subcommands = complete(path, '').items;
    for (const [v] of node.subcommands) if (!subs.includes(v)) subs.push(v);
  } else {
    const { items, directive } = complete(path, '');
    if (items.length) node.args = items;
    node.argsDirective = directive;
  }
  if (node.valueFlags.includes('--output')) {
    const formats = complete([...path, '-o'], '').items.map(([v]) => v);
    if (formats.length) node.outputFormats = formats;
  }
  tree[path.join(' ')] = node;
  console.log(path.join(' ') || '(root)');
  for (const s of subs) if (s !== 'help') walk([...path, s]);
}

walk([]);
// Inherited (global) flags are the same for every command: keep them once.
const globalFlags = tree[''].flags.filter(([f]) => f !== '--help' && f !== '-h');
const globalNames = new Set(globalFlags.map(([f]) => f));
const globalValueFlags = tree[''].valueFlags;
for (const node of Object.values(tree)) {
  node.flags = node.flags.filter(([f]) => !globalNames.has(f));
  node.valueFlags = node.valueFlags.filter((f) => !globalValueFlags.includes(f));
}
writeFileSync(out, JSON.stringify({ version: 'v1.33', globalFlags, globalValueFlags, commands: tree }) + '\n');
