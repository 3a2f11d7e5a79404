/**
 * kubeadm's preflight checks (cmd/kubeadm/app/preflight): each returns warnings and errors named
 * as the real checks are, so `--ignore-preflight-errors=Swap,NumCPU` (case-insensitive, or `all`)
 * works the same. Version-dependent checks follow the kubeadm release.
 */
import type { Machine } from '../machine/machine';
import { readSwaps } from '../kernel/swap';
import { hostnameWarnings } from './node-name';
import { runningHostname } from '../kubelet/flags';

export interface PreflightEnv {
  machine: Machine;
  minor: number;
  isRoot: boolean;
  runtimeUp: boolean;
  criEnabled: boolean;
  kubeletEnabled: boolean;
  /** Ports already listening on this machine (6443 when an API server runs here). */
  portsInUse: number[];
  mode: 'init' | 'join';
  /** The node name (nodeRegistration.name), for the Hostname check; the check is skipped without one. */
  nodeName?: string;
}

export interface PreflightResult {
  warnings: Array<[string, string]>;
  errors: Array<[string, string]>;
}

function fileContentCheck(m: Machine, path: string): [string, string] | undefined {
  const name = `FileContent-${path.replace(/\//g, '-')}`;
  const fs = m.rootFs;
  if (!fs.stat(path)) return [name, `${path} does not exist`];
  return fs.readFile(path).trim() === '1' ? undefined : [name, `${path} contents are not set to 1`];
}

export function runPreflight(env: PreflightEnv): PreflightResult {
  const r: PreflightResult = { warnings: [], errors: [] };
  const { machine: m } = env;
  if (!env.isRoot) {
    r.errors.push(['IsPrivilegedUser', 'user is not running as root']);
    return r;
  }
  if (!env.runtimeUp || !env.criEnabled) {
    const why = env.runtimeUp
      ? 'rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService'
      : 'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory"';
    r.errors.push(['CRI', `container runtime is not running: output: time="2026-01-15T08:00:00Z" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"unix:///var/run/containerd/containerd.sock\\": ${why.replace(/"/g, '\\"')}"\n, error: exit status 1`]);
  }
  if (env.mode === 'init') {
    if (m.cpus < 2) r.errors.push(['NumCPU', `the number of available CPUs ${m.cpus} is less than the required 2`]);
    const ramMB = Math.floor((m.memoryMiB * 1048576 - 190_000 * 1024) / 1_000_000);
    if (ramMB < 1700) r.errors.push(['Mem', `the system RAM (${ramMB} MB) is less than the minimum 1700 MB`]);
    for (const port of [6443, 10259, 10257]) if (env.portsInUse.includes(port)) r.errors.push([`Port-${port}`, `Port ${port} is in use`]);
    for (const f of ['kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml', 'etcd.yaml']) {
      const p = `/etc/kubernetes/manifests/${f}`;
      if (m.rootFs.stat(p)) r.errors.push([`FileAvailable-${p.replace(/\//g, '-')}`, `${p} already exists`]);
    }
  }
  if (env.portsInUse.includes(10250)) r.errors.push(['Port-10250', 'Port 10250 is in use']);
  if (env.mode === 'init') {
    for (const port of [2379, 2380]) if (env.portsInUse.includes(port)) r.errors.push([`Port-${port}`, `Port ${port} is in use`]);
    try {
      if (m.rootFs.readdir('/var/lib/etcd').length) r.errors.push(['DirAvailable--var-lib-etcd', '/var/lib/etcd is not empty']);
    } catch {
      /* absent: fine */
    }
  } else {
    for (const p of ['/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf', '/etc/kubernetes/pki/ca.crt']) {
      if (m.rootFs.stat(p)) r.errors.push([`FileAvailable-${p.replace(/\//g, '-')}`, `${p} already exists`]);
    }
  }
  if (env.minor <= 29) {
    const bridge = fileContentCheck(m, '/proc/sys/net/bridge/bridge-nf-call-iptables');
    if (bridge) r.errors.push(bridge);
  }
  const fwd = fileContentCheck(m, '/proc/sys/net/ipv4/ip_forward');
  if (fwd) r.errors.push(fwd);
  if (readSwaps(m.rootFs).length) {
    if (env.minor >= 31) r.warnings.push(['Swap', 'swap is supported for cgroup v2 only. The kubelet must be properly configured to use swap. Please refer to https://kubernetes.io/docs/concepts/architecture/nodes/#swap-memory, or disable swap on the node']);
    else if (env.minor >= 28) r.warnings.push(['Swap', 'swap is supported for cgroup v2 only; the NodeSwap feature gate of the kubelet is beta but disabled by default']);
    else r.errors.push(['Swap', 'running with swap on is not supported. Please disable swap']);
  }
  if (env.nodeName) r.warnings.push(...hostnameWarnings(m.rootFs, env.nodeName, runningHostname(m)));
  if (!env.kubeletEnabled) r.warnings.push(['Service-Kubelet', "kubelet service is not enabled, please run 'systemctl enable kubelet.service'"]);
  return r;
}

/** Remove errors named in --ignore-preflight-errors; ignored errors become warnings, as kubeadm prints them. */
export function applyIgnores(r: PreflightResult, ignore: string[]): PreflightResult {
  const set = new Set(ignore.map((s) => s.toLowerCase()));
  const all = set.has('all');
  const kept: Array<[string, string]> = [];
  const warnings = [...r.warnings];
  for (const e of r.errors) {
    if (all || set.has(e[0].toLowerCase())) warnings.push(e);
    else kept.push(e);
  }
  return { warnings, errors: kept };
}

/** The failure block of kubeadm ≤ 1.34. */
export function preflightFailure(errors: Array<[string, string]>): string {
  return (
    'error execution phase preflight: [preflight] Some fatal errors occurred:\n' +
    errors.map(([n, msg]) => `\t[ERROR ${n}]: ${msg}\n`).join('') +
    '[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\n' +
    'To see the stack trace of this error execute with --v=5 or higher\n'
  );
}
