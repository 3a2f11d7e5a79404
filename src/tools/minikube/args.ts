/** minikube's command line: a subcommand path, flags as --name=value or --name value, and args. */

/** Flags that take a value (the rest are booleans). */
const VALUE_FLAGS = new Set([
  'driver', 'vm-driver', 'kubernetes-version', 'nodes', 'n', 'cpus', 'memory', 'profile', 'p', 'image-mirror-country', 'registry-mirror',
  'container-runtime', 'c', 'addons', 'node', 'output', 'o', 'format', 'f', 'disk-size', 'base-image', 'image-repository', 'cni', 'network',
]);

const SHORT: Record<string, string> = { n: 'nodes', p: 'profile', o: 'output', f: 'format', c: 'container-runtime' };

export interface ParsedArgs {
  args: string[];
  flags: Map<string, string>;
  /** Words after a bare `--` (minikube kubectl -- get pods). */
  rest: string[];
  /** The first flag minikube does not know, for cobra's error. */
  unknown?: string;
}

export function parseArgs(argv: string[], known: Set<string> = VALUE_FLAGS): ParsedArgs {
  const out: ParsedArgs = { args: [], flags: new Map(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.rest = argv.slice(i + 1);
      break;
    }
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(a);
    if (!m || a === '-') {
      out.args.push(a);
      continue;
    }
    const name = SHORT[m[1]] ?? m[1];
    if (m[2] !== undefined) out.flags.set(name, m[2]);
    else if (known.has(m[1]) || known.has(name)) out.flags.set(name, argv[++i] ?? '');
    else out.flags.set(name, 'true');
  }
  return out;
}

export function flagBool(p: ParsedArgs, name: string): boolean {
  const v = p.flags.get(name);
  return v !== undefined && v !== 'false';
}

/** minikube's --memory: "4096", "4g", "4096mb", "4GiB" → MiB. */
export function parseMemoryMiB(value: string): number | undefined {
  const m = /^(\d+)\s*([kmgt]?)i?b?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  return unit === 'g' ? n * 1024 : unit === 't' ? n * 1024 * 1024 : unit === 'k' ? Math.floor(n / 1024) : n;
}
