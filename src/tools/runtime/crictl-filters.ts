/**
 * The listing flags of `crictl ps` and `crictl pods` (cri-tools v1.33, cmd/crictl/container.go and
 * sandbox.go) and the filters they make: --name and --namespace are regular expressions on the
 * name and the pod's namespace; --id and --pod match an ID or its prefix (containerd resolves a
 * truncated ID); --state one state; --label key=value (repeatable) on the CRI labels; --latest/-l
 * and --last/-n N keep the newest; -a/--all, -q/--quiet, --no-trunc. The flags come parsed as
 * urfave/cli parses them (crictl-cli.ts).
 */
import type { Container, Sandbox } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';

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

/** The listing's options from its parsed flags, or the error crictl stops with (logged at FATA). */
export function listingFlags(parsed: ParsedFlags, kind: 'ps' | 'pods'): ListingFlags | { error: string } {
  const v = parsed.values;
  const text = (name: string) => (parsed.set.has(name) ? String(v.get(name)) : undefined);
  const f: ListingFlags = { all: v.get('all') === true, quiet: v.get('quiet') === true, noTrunc: v.get('no-trunc') === true, latest: v.get('latest') === true, last: Number(v.get('last') ?? 0), labels: [] };
  const name = text('name');
  const namespace = text('namespace');
  if (name) f.name = new RegExp(name);
  if (namespace) f.namespace = new RegExp(namespace);
  f.id = text('id') || undefined;
  f.pod = text('pod') || undefined;
  f.state = text('state')?.toLowerCase() || undefined;
  for (const label of (v.get('label') as string[] | undefined) ?? []) {
    const eq = label.indexOf('=');
    // parseLabelStringSlice: strings.Split on "=" must give two parts
    if (eq < 0 || label.indexOf('=', eq + 1) >= 0) return { error: `incorrectly specified label: ${label}` };
    f.labels.push([label.slice(0, eq), label.slice(eq + 1)]);
  }
  const states = kind === 'ps' ? ['created', 'running', 'exited', 'unknown'] : ['ready', 'notready'];
  if (f.state !== undefined && !states.includes(f.state))
    return { error: kind === 'ps' ? '--state should be one of created, running, exited or unknown' : '--state should be ready or notready' };
  // "Do not filter by state if latest/last is specified."
  if (f.latest || f.last > 0) f.state = undefined;
  return f;
}

/** The CRI labels the kubelet gives a container (kuberuntime_labels.go). */
export function containerLabels(c: Container): Record<string, string> {
  return { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.namespace, 'io.kubernetes.pod.uid': c.podUid };
}

/** A sandbox's labels: the pod's, and the kubelet's own. */
export function sandboxLabels(s: Sandbox): Record<string, string> {
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
