/**
 * What `source <(kubectl completion bash)` completes, without running kubectl: the command tree,
 * flags and static values recorded from the real kubectl 1.33 (kubectl-commands.json, made by
 * test/terminal/oracle/record-kubectl-completion.ts), plus live resource types and names from a
 * source the cluster side provides (the real one asks the API server the same questions).
 * The rules for arguments follow kubectl's completion functions (ResourceTypeAndNameCompletionFunc,
 * SpecifiedResourceTypeAndNameCompletionFunc, ResourceNameCompletionFunc, PodResourceNameCompletionFunc).
 */
import type { Candidate } from '../backend';

export interface KubectlCompletionSource {
  /** `kubectl api-resources -o name --verbs=get`: pods, nodes, deployments.apps, … */
  resourceTypes(): string[];
  /** Names of the objects of a resource as typed (pods, po, pod, deploy, deployments.apps).
   *  namespace undefined: the kubeconfig context's namespace. */
  resourceNames(resource: string, namespace?: string): string[];
  /** Container names of a pod (logs, exec -c). */
  containerNames?(pod: string, namespace?: string): string[];
  /** Contexts, clusters and users of the kubeconfig. */
  contexts?(): string[];
  clusters?(): string[];
  users?(): string[];
}

interface CommandNode {
  subcommands?: [string, string][];
  flags: [string, string][];
  valueFlags: string[];
  args?: [string, string][];
  argsDirective?: number;
  outputFormats?: string[];
}

interface CompletionData {
  globalFlags: [string, string][];
  globalValueFlags: string[];
  commands: Record<string, CommandNode>;
}

/** An empty tree: what completes before the recorded one has loaded (nothing of kubectl's own). */
const NO_TREE: CompletionData = { globalFlags: [], globalValueFlags: [], commands: { '': { flags: [], valueFlags: [] } } };
let TREE = NO_TREE;
let loading: Promise<void> | undefined;

/**
 * Loads the recorded command tree (170 KB of JSON: a chunk of its own, so that a terminal's first
 * prompt does not wait for it). Completion is synchronous; whoever drives it loads this first.
 */
export function loadKubectlCompletion(): Promise<void> {
  return (loading ??= import('./kubectl-commands.json').then((m) => {
    TREE = (m.default ?? m) as unknown as CompletionData;
  }));
}

/** cobra's ShellCompDirective bits. */
const NO_SPACE = 2;

export interface KubectlCompletion {
  candidates: Candidate[];
  /** True when bash falls back to file names (`complete -o default`, or a file flag). */
  files: boolean;
}

type ArgRule = (ctx: ArgContext) => Candidate[];

interface ArgContext {
  args: string[];
  cur: string;
  namespace?: string;
  source?: KubectlCompletionSource;
  node: CommandNode;
}

const plain = (values: string[], suffix?: string): Candidate[] => values.map((value) => ({ value, ...(suffix !== undefined ? { suffix } : {}) }));

function names(ctx: ArgContext, resource: string): string[] {
  try {
    return ctx.source?.resourceNames(resource, ctx.namespace) ?? [];
  } catch {
    return [];
  }
}

/** `type/name` completion for a word that already has a slash. */
function slashNames(ctx: ArgContext): Candidate[] {
  const slash = ctx.cur.indexOf('/');
  const type = ctx.cur.slice(0, slash);
  return plain(names(ctx, type).map((n) => `${type}/${n}`));
}

function typeAndName(allowed?: string[]): ArgRule {
  return (ctx) => {
    if (ctx.args.length === 0) {
      if (ctx.cur.includes('/')) return slashNames(ctx);
      if (allowed) return plain(allowed);
      try {
        return plain(ctx.source?.resourceTypes() ?? []);
      } catch {
        return [];
      }
    }
    if (ctx.args[0].includes('/')) return [];
    if (allowed && ctx.args.length > 1) return [];
    return plain(names(ctx, ctx.args[0]).filter((n) => !ctx.args.slice(1).includes(n)));
  };
}

function nameOf(resource: string): ArgRule {
  return (ctx) => plain(names(ctx, resource).filter((n) => !ctx.args.includes(n)));
}

/** logs, exec, attach, port-forward: pod names first, or type/ prefixes for other owners. */
const podOrOwner: ArgRule = (ctx) => {
  if (ctx.args.length > 0) {
    if (ctx.node === TREE.commands.logs && !ctx.args[0].includes('/')) {
      return plain(ctx.source?.containerNames?.(ctx.args[0], ctx.namespace) ?? []);
    }
    return [];
  }
  if (ctx.cur.includes('/')) return slashNames(ctx);
  const statics = (ctx.node.args ?? []).map(([v]) => ({ value: v, suffix: '' }));
  return [...plain(names(ctx, 'pods')), ...statics];
};

const contexts: ArgRule = (ctx) => (ctx.args.length ? [] : plain(ctx.source?.contexts?.() ?? []));

const ARG_RULES: Record<string, ArgRule> = {
  get: typeAndName(),
  describe: typeAndName(),
  delete: typeAndName(),
  edit: typeAndName(),
  label: typeAndName(),
  annotate: typeAndName(),
  patch: typeAndName(),
  wait: typeAndName(),
  explain: (ctx) => (ctx.args.length ? [] : typeAndName()(ctx)),
  'set env': typeAndName(),
  'set image': typeAndName(),
  'set resources': typeAndName(),
  'set selector': typeAndName(),
  'set serviceaccount': typeAndName(),
  'set subject': typeAndName(),
  'rollout history': typeAndName(['deployment', 'daemonset', 'statefulset']),
  'rollout pause': typeAndName(['deployment']),
  'rollout restart': typeAndName(['deployment', 'daemonset', 'statefulset']),
  'rollout resume': typeAndName(['deployment']),
  'rollout status': typeAndName(['deployment', 'daemonset', 'statefulset']),
  'rollout undo': typeAndName(['deployment', 'daemonset', 'statefulset']),
  scale: typeAndName(['deployment', 'replicaset', 'replicationcontroller', 'statefulset']),
  autoscale: typeAndName(['deployment', 'replicaset', 'replicationcontroller', 'statefulset']),
  expose: typeAndName(['pod', 'service', 'replicationcontroller', 'deployment', 'replicaset']),
  taint: typeAndName(['node']),
  cordon: nameOf('nodes'),
  uncordon: nameOf('nodes'),
  drain: nameOf('nodes'),
  'top node': nameOf('nodes'),
  'top pod': nameOf('pods'),
  'certificate approve': nameOf('certificatesigningrequests'),
  'certificate deny': nameOf('certificatesigningrequests'),
  logs: podOrOwner,
  exec: podOrOwner,
  attach: podOrOwner,
  'port-forward': podOrOwner,
  'config use-context': contexts,
  'config delete-context': contexts,
  'config rename-context': contexts,
  'config set-context': contexts,
  'config delete-cluster': (ctx) => (ctx.args.length ? [] : plain(ctx.source?.clusters?.() ?? [])),
  'config delete-user': (ctx) => (ctx.args.length ? [] : plain(ctx.source?.users?.() ?? [])),
};

const FILE_FLAGS = new Set(['-f', '--filename', '--kubeconfig', '-k', '--kustomize', '--certificate-authority', '--client-certificate', '--client-key', '--from-file', '--from-env-file', '--env-file', '--cert', '--key', '--profile-output', '--template']);

function flagValues(flag: string, ctx: ArgContext, path: string): KubectlCompletion | undefined {
  const source = ctx.source;
  switch (flag) {
    case '-n':
    case '--namespace':
      return { candidates: plain(names({ ...ctx, namespace: undefined }, 'namespaces')), files: false };
    case '--context':
      return { candidates: plain(source?.contexts?.() ?? []), files: false };
    case '--cluster':
      return { candidates: plain(source?.clusters?.() ?? []), files: false };
    case '--user':
      return { candidates: plain(source?.users?.() ?? []), files: false };
    case '-o':
    case '--output': {
      const formats = TREE.commands[path]?.outputFormats;
      return formats ? { candidates: plain(formats), files: false } : undefined;
    }
    case '-c':
    case '--container':
      if (ctx.args[0] && !ctx.args[0].includes('/')) return { candidates: plain(source?.containerNames?.(ctx.args[0], ctx.namespace) ?? []), files: false };
      return { candidates: [], files: false };
  }
  if (FILE_FLAGS.has(flag)) return { candidates: [], files: true };
  return undefined;
}

/** Complete the last of `words` (the words after `kubectl`). */
export function completeKubectl(words: string[], source?: KubectlCompletionSource): KubectlCompletion {
  const cur = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const path: string[] = [];
  const args: string[] = [];
  let namespace: string | undefined;
  let pendingFlag: string | undefined;
  let node = TREE.commands[''];

  const takesValue = (flag: string) => node.valueFlags.includes(flag) || TREE.globalValueFlags.includes(flag);

  for (const w of before) {
    if (pendingFlag) {
      if (pendingFlag === '-n' || pendingFlag === '--namespace') namespace = w;
      pendingFlag = undefined;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      if (eq > 0) {
        const f = w.slice(0, eq);
        if (f === '--namespace' || f === '-n') namespace = w.slice(eq + 1);
      } else if (/^-n./.test(w)) {
        namespace = w.slice(2);
      } else if (takesValue(w)) pendingFlag = w;
      continue;
    }
    const key = [...path, w].join(' ');
    if (!args.length && node.subcommands?.some(([n]) => n === w) && TREE.commands[key]) {
      path.push(w);
      node = TREE.commands[key];
      continue;
    }
    args.push(w);
  }
  const pathKey = path.join(' ');
  const ctx: ArgContext = { args, cur, namespace, source, node };

  if (pendingFlag) {
    const values = flagValues(pendingFlag, ctx, pathKey);
    if (values) return filter(values, cur);
    return { candidates: [], files: true };
  }
  if (cur.startsWith('-')) {
    const eq = cur.indexOf('=');
    if (eq > 0) {
      const flag = cur.slice(0, eq);
      const values = flagValues(flag, ctx, pathKey);
      if (!values) return { candidates: [], files: false };
      const prefixed = values.candidates.map((c) => ({ ...c, value: `${flag}=${c.value}` }));
      return filter({ candidates: prefixed, files: values.files }, cur);
    }
    const flags = [...node.flags, ...TREE.globalFlags];
    return filter({ candidates: flags.map(([value, description]) => ({ value, description })), files: false }, cur);
  }
  if (node.subcommands && !args.length) {
    return filter({ candidates: node.subcommands.map(([value, description]) => ({ value, description })), files: false }, cur);
  }
  const rule = ARG_RULES[pathKey];
  if (rule) {
    return filter({ candidates: rule(ctx), files: false }, cur);
  }
  if (node.args && !args.length) {
    const suffix = (node.argsDirective ?? 0) & NO_SPACE ? '' : undefined;
    return filter({ candidates: node.args.map(([value, description]) => ({ value, ...(description ? { description } : {}), ...(suffix !== undefined ? { suffix } : {}) })), files: false }, cur);
  }
  // A command that takes files or nothing more: cobra's default directive lets bash complete files.
  return { candidates: [], files: (node.argsDirective ?? 0) === 0 };
}

function filter(result: KubectlCompletion, cur: string): KubectlCompletion {
  return { ...result, candidates: result.candidates.filter((c) => c.value.startsWith(cur)) };
}
