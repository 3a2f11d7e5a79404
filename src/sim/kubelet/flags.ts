/**
 * The kubelet's command-line flags as systemd hands them over: kubeadm's drop-in
 * (10-kubeadm.conf) reads KUBELET_KUBEADM_ARGS from /var/lib/kubelet/kubeadm-flags.env and
 * KUBELET_EXTRA_ARGS from /etc/default/kubelet (/etc/sysconfig/kubelet from the rpm packages), and runs
 * `kubelet ... $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS`; a flag given twice takes the last value.
 * The kubelet reads them when it starts; so does everything here.
 */
import type { FsView } from '../machine';
import { DEFAULT_MAX_PODS } from './node-status';
import { isKubeletLabel, isKubernetesLabel, KUBELET_LABEL_NAMESPACES, KUBELET_LABELS } from '../apiserver/admission/node-restriction';

export const KUBEADM_FLAGS_FILE = '/var/lib/kubelet/kubeadm-flags.env';
export const EXTRA_ARGS_FILE = '/etc/default/kubelet';

/** Where kubeadm's drop-in for the kubelet unit lives (the package's, or an administrator's copy). */
const DROP_INS = ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf'];

/**
 * The EnvironmentFile the drop-in reads KUBELET_EXTRA_ARGS from: /etc/default/kubelet from the
 * deb packages, /etc/sysconfig/kubelet from the rpm ones (a file the unit does not name is not read).
 */
export function extraArgsFile(fs: FsView): string {
  for (const path of DROP_INS) {
    const text = readOr(fs, path);
    if (!text) continue;
    let found: string | undefined;
    for (const m of text.matchAll(/^\s*EnvironmentFile=-?(\S+)\s*$/gm)) if (m[1] !== KUBEADM_FLAGS_FILE) found = m[1];
    return found ?? EXTRA_ARGS_FILE;
  }
  return EXTRA_ARGS_FILE;
}

/** The value of VARIABLE in a systemd EnvironmentFile (quotes removed), or undefined. */
export function environmentFileValue(text: string, variable: string): string | undefined {
  let value: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq < 0 || line.slice(0, eq).trim() !== variable) continue;
    let v = line.slice(eq + 1).trim();
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1);
    value = v;
  }
  return value;
}

function readOr(fs: FsView, path: string): string {
  try {
    return fs.readFile(path);
  } catch {
    return '';
  }
}

/** The value of an `Environment="NAME=value"` line of kubeadm's drop-in (the first drop-in found), or undefined. */
function dropInEnvironment(fs: FsView, variable: string): string | undefined {
  for (const path of DROP_INS) {
    const text = readOr(fs, path);
    if (!text) continue;
    let value: string | undefined;
    for (const m of text.matchAll(/^\s*Environment=(?:"([^"]*)"|(\S+))\s*$/gm)) {
      const assignment = m[1] ?? m[2];
      const eq = assignment.indexOf('=');
      if (eq > 0 && assignment.slice(0, eq) === variable) value = assignment.slice(eq + 1);
    }
    return value;
  }
  return undefined;
}

/**
 * The kubelet's flags in command-line order, as [name, value] pairs (`--a=b`, `--a b`, or a bare
 * `--a`): the drop-in's ExecStart is `kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS
 * $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS`.
 */
export function kubeletArgs(fs: FsView): Array<[string, string]> {
  const words = kubeletArgWords(fs);
  const out: Array<[string, string]> = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-')) continue;
    const name = w.replace(/^-+/, '');
    const eq = name.indexOf('=');
    if (eq >= 0) out.push([name.slice(0, eq), name.slice(eq + 1)]);
    else if (i + 1 < words.length && !words[i + 1].startsWith('-')) out.push([name, words[++i]]);
    else out.push([name, 'true']);
  }
  return out;
}

/** The words after `kubelet` on its command line, as systemd expands the drop-in's ExecStart (what `ps` shows). */
export function kubeletArgWords(fs: FsView): string[] {
  return [
    dropInEnvironment(fs, 'KUBELET_KUBECONFIG_ARGS'),
    dropInEnvironment(fs, 'KUBELET_CONFIG_ARGS'),
    environmentFileValue(readOr(fs, KUBEADM_FLAGS_FILE), 'KUBELET_KUBEADM_ARGS'),
    environmentFileValue(readOr(fs, extraArgsFile(fs)), 'KUBELET_EXTRA_ARGS'),
  ]
    .filter((s): s is string => !!s)
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The pods the kubelet accepts (its Node's `pods` capacity): `--max-pods`, else `maxPods:` of
 * /var/lib/kubelet/config.yaml, else 110. Read when the kubelet starts.
 */
export function kubeletMaxPods(fs: FsView): number {
  const flag = kubeletFlag(fs, 'max-pods');
  if (flag !== undefined && /^\d+$/.test(flag)) return Number(flag);
  const m = /^maxPods:\s*(\d+)\s*$/m.exec(readOr(fs, '/var/lib/kubelet/config.yaml'));
  return m ? Number(m[1]) : DEFAULT_MAX_PODS;
}

/** The last value of one kubelet flag, or undefined. */
export function kubeletFlag(fs: FsView, name: string): string | undefined {
  let value: string | undefined;
  for (const [n, v] of kubeletArgs(fs)) if (n === name) value = v;
  return value;
}

/**
 * The running hostname, as os.Hostname() reads it (the kernel's, which `hostnamectl set-hostname`
 * changes); the machine's own name when the kernel has none.
 */
export function runningHostname(machine: { hostname: string; rootFs: FsView }): string {
  return readOr(machine.rootFs, '/proc/sys/kernel/hostname').trim() || machine.hostname;
}

/**
 * The Node name the kubelet registers: --hostname-override, else the running hostname, trimmed
 * and lowercased (k8s.io/component-helpers/node/util GetHostname).
 */
export function kubeletNodeName(machine: { hostname: string; rootFs: FsView }): string {
  const override = kubeletFlag(machine.rootFs, 'hostname-override')?.trim();
  return (override || runningHostname(machine)).trim().toLowerCase();
}

/**
 * --node-labels: `key=value` pairs separated by commas (cliflag.MapStringString: every occurrence
 * adds to the map, keys and values trimmed). A pair without `=` fails the flag parse, with the
 * kubelet's wrapping. Returns the labels, or the error the kubelet exits with.
 */
export function kubeletNodeLabels(fs: FsView): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {};
  for (const [name, value] of kubeletArgs(fs)) {
    if (name !== 'node-labels' || value === '') continue;
    for (const raw of value.split(',')) {
      const pair = raw.trim();
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0) return { error: `failed to parse kubelet flag: invalid argument "${value}" for "--node-labels" flag: malformed pair, expect string=string` };
      labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return { labels };
}

/**
 * Why the kubelet refuses its flags before it reads its config file (ValidateKubeletFlags of
 * cmd/kubelet/app/options, v1.33): --node-labels in the kubernetes.io and k8s.io namespaces must be
 * ones a kubelet may set on its Node, the very rule the NodeRestriction admission plugin applies.
 */
export function kubeletFlagsError(fs: FsView): string | undefined {
  const parsed = kubeletNodeLabels(fs);
  if ('error' in parsed) return parsed.error;
  const unknown = Object.keys(parsed.labels).filter((k) => isKubernetesLabel(k) && !isKubeletLabel(k)).sort();
  if (!unknown.length) return undefined;
  return (
    `failed to validate kubelet flags: unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels: [${unknown.join(' ')}]\n` +
    `--node-labels in the 'kubernetes.io' namespace must begin with an allowed prefix (${KUBELET_LABEL_NAMESPACES.join(', ')}) or be in the specifically allowed set (${KUBELET_LABELS.join(', ')})`
  );
}
