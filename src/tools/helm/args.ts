/**
 * Helm's command line as cobra/pflag parses it: `--flag value`, `--flag=value`, `-n value`,
 * booleans without a value, and the errors for unknown flags and missing values.
 */
export interface FlagSpec {
  /** Long names of flags that take a value (repeatable ones collect every value). */
  values: string[];
  /** Long names of boolean flags. */
  bools: string[];
  /** Short name → long name. */
  shorts?: Record<string, string>;
}

export const GLOBAL_FLAGS: FlagSpec = {
  values: ['namespace', 'kube-context', 'kubeconfig', 'repository-config', 'repository-cache', 'registry-config', 'kube-apiserver', 'kube-token', 'burst-limit'],
  bools: ['debug', 'help'],
  shorts: { n: 'namespace', h: 'help' },
};

export class HelmUsageError extends Error {}

export interface ParsedArgs {
  args: string[];
  values: Map<string, string[]>;
  bools: Set<string>;
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  const args: string[] = [];
  const takesValue = new Set([...spec.values, ...GLOBAL_FLAGS.values]);
  const isBool = new Set([...spec.bools, ...GLOBAL_FLAGS.bools]);
  const shorts = { ...GLOBAL_FLAGS.shorts, ...(spec.shorts ?? {}) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq > 0 ? a.slice(eq + 1) : undefined;
      if (!takesValue.has(name) && !isBool.has(name)) throw new HelmUsageError(`unknown flag: --${name}`);
    } else if (a.startsWith('-') && a.length > 1) {
      const short = a[1];
      const long = shorts[short];
      if (!long) throw new HelmUsageError(`unknown shorthand flag: '${short}' in ${a}`);
      name = long;
      inline = a.length > 2 ? a.slice(a[2] === '=' ? 3 : 2) : undefined;
    } else {
      args.push(a);
      continue;
    }
    if (isBool.has(name)) {
      if (inline === undefined || inline === 'true') bools.add(name);
      else bools.delete(name);
      continue;
    }
    let v = inline;
    if (v === undefined) {
      if (i + 1 >= argv.length) throw new HelmUsageError(`flag needs an argument: ${a.startsWith('--') ? `--${name}` : `'${a[1]}' in ${a}`}`);
      v = argv[++i];
    }
    values.set(name, [...(values.get(name) ?? []), v]);
  }
  return { args, values, bools };
}

export const str = (p: ParsedArgs, name: string): string | undefined => p.values.get(name)?.at(-1);
export const list = (p: ParsedArgs, name: string): string[] => p.values.get(name) ?? [];
