/**
 * The listing flags of `crictl ps` and `crictl pods` (cri-tools v1.33, cmd/crictl/container.go and
 * sandbox.go) and the filters they make: --name and --namespace are regular expressions on the
 * name and the pod's namespace; --id and --pod match an ID or its prefix (containerd resolves a
 * truncated ID); --state one state; --label key=value (repeatable) on the CRI labels; --latest/-l
 * and --last/-n N keep the newest; -a/--all, -q/--quiet, --no-trunc. urfave/cli takes
 * `--flag value` and `--flag=value`, one dash or two.
 */
import type { Container, Sandbox } from '../../sim/runtime/containerd';

export interface ListingFlags {
  all: boolean;
  quiet: boolean;
  noTrunc: boolean;
  latest: boolean;
  last: number;
  name?: RegExp;
  namespace?: RegExp;
  id?: string;
  pod?: string;
  state?: string;
  labels: [string, string][];
}

const BOOLEAN: Record<string, keyof ListingFlags> = { a: 'all', all: 'all', q: 'quiet', quiet: 'quiet', 'no-trunc': 'noTrunc', l: 'latest', latest: 'latest' };
const VALUED = new Set(['name', 'namespace', 'id', 'p', 'pod', 's', 'state', 'label', 'n', 'last', 'o', 'output', 'image']);

/** The flags of a listing, or the error crictl stops with (logged at FATA). */
export function parseListingFlags(args: readonly string[], kind: 'ps' | 'pods'): ListingFlags | { error: string } {
  const f: ListingFlags = { all: false, quiet: false, noTrunc: false, latest: false, last: 0, labels: [] };
  for (let i = 0; i < args.length; i++) {
    const m = /^--?([\w-]+)(?:=(.*))?$/s.exec(args[i]);
    if (!m) continue;
    const [, flag, inline] = m;
    const bool = BOOLEAN[flag];
    if (bool) {
      (f as unknown as Record<string, unknown>)[bool] = inline === undefined ? true : inline === 'true';
      continue;
    }
    if (!VALUED.has(flag)) continue;
    const value = inline ?? args[++i] ?? '';
    switch (flag) {
      case 'name':
        f.name = new RegExp(value);
        break;
      case 'namespace':
        f.namespace = new RegExp(value);
        break;
      case 'id':
        f.id = value;
        break;
      case 'p':
      case 'pod':
        f.pod = value;
        break;
      case 's':
      case 'state':
        f.state = value.toLowerCase();
        break;
      case 'label': {
        const eq = value.indexOf('=');
        // parseLabelStringSlice: strings.Split on "=" must give two parts
        if (eq < 0 || value.indexOf('=', eq + 1) >= 0) return { error: `incorrectly specified label: ${value}` };
        f.labels.push([value.slice(0, eq), value.slice(eq + 1)]);
        break;
      }
      case 'n':
      case 'last':
        f.last = Number(value) || 0;
        break;
    }
  }
  const states = kind === 'ps' ? ['created', 'running', 'exited', 'unknown'] : ['ready', 'notready'];
  if (f.state !== undefined && !states.includes(f.state))
    return { error: kind === 'ps' ? '--state should be one of created, running, exited or unknown' : '--state should be ready or notready' };
  // "Do not filter by state if latest/last is specified."
  if (f.latest || f.last > 0) f.state = undefined;
  return f;
}

/** The CRI labels the kubelet gives a container (kuberuntime_labels.go). */
function containerLabels(c: Container): Record<string, string> {
  return { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.namespace, 'io.kubernetes.pod.uid': c.podUid };
}

/** A sandbox's labels: the pod's, and the kubelet's own. */
function sandboxLabels(s: Sandbox): Record<string, string> {
  return { ...s.labels, 'io.kubernetes.pod.name': s.podName, 'io.kubernetes.pod.namespace': s.namespace, 'io.kubernetes.pod.uid': s.podUid };
}

/** The CRI state each --state names (no container of ours is ever CONTAINER_UNKNOWN). */
const CONTAINER_STATES: Record<string, Container['state'] | undefined> = { created: 'CONTAINER_CREATED', running: 'CONTAINER_RUNNING', exited: 'CONTAINER_EXITED', unknown: undefined };

/** Newest first, then --latest / --last. */
function newest<T extends { createdAt: number }>(items: T[], f: ListingFlags): T[] {
  const sorted = items.sort((a, b) => b.createdAt - a.createdAt);
  if (f.latest) return sorted.slice(0, 1);
  return f.last > 0 ? sorted.slice(0, f.last) : sorted;
}

export function filterContainers(containers: Iterable<Container>, f: ListingFlags): Container[] {
  const labelsMatch = (c: Container) => f.labels.every(([k, v]) => containerLabels(c)[k] === v);
  const wanted = [...containers].filter(
    (c) =>
      (f.state ? c.state === CONTAINER_STATES[f.state] : f.all || f.latest || f.last > 0 || c.state === 'CONTAINER_RUNNING') &&
      (!f.id || c.id.startsWith(f.id)) &&
      (!f.pod || c.sandboxId.startsWith(f.pod)) &&
      (!f.name || f.name.test(c.name)) &&
      (!f.namespace || f.namespace.test(c.namespace)) &&
      labelsMatch(c),
  );
  return newest(wanted, f);
}

export function filterSandboxes(sandboxes: Iterable<Sandbox>, f: ListingFlags): Sandbox[] {
  const wanted = [...sandboxes].filter(
    (s) =>
      (!f.state || (f.state === 'ready') === (s.state === 'SANDBOX_READY')) &&
      (!f.id || s.id.startsWith(f.id)) &&
      (!f.name || f.name.test(s.podName)) &&
      (!f.namespace || f.namespace.test(s.namespace)) &&
      f.labels.every(([k, v]) => sandboxLabels(s)[k] === v),
  );
  return newest(wanted, f);
}
