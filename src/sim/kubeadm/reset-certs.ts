/** kubeadm reset (what it removes and the reminders it prints) and certs check-expiration (read from the files). */
import { tabwrite } from '../go-tabwriter';
import { toYaml } from '../go-yaml/emit';
import { removeEtcdMember } from './etcd-members';
import { nodeNameFromKubeletConf } from './node-name';
import { kubeletNodeName } from '../kubelet/flags';
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { clusterOf } from '../cluster/attach';
import { decodeCertificate } from '../pki/cert';
import { Systemd } from '../systemd/manager';
import { klogPrefix } from '../systemd/journal';

const RESET_FILES = ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/scheduler.conf'];
const RESET_DIRS = ['/etc/kubernetes/manifests', '/var/lib/kubelet', '/etc/kubernetes/pki'];

function clearDir(machine: Machine, dir: string): void {
  const fs = machine.rootFs;
  let entries: string[] = [];
  try {
    entries = fs.readdir(dir);
  } catch {
    return;
  }
  for (const e of entries) fs.remove(`${dir}/${e}`, { recursive: true });
}

/** A line kubeadm reset prints: on stdout, or a klog warning on stderr (kept in order with the rest). */
export interface ResetLine {
  text: string;
  stderr?: true;
}

/** Revert what init/join did on this machine; returns the lines kubeadm prints after the prompt. */
export function resetNode(machine: Machine, world: World | undefined, now: () => number): ResetLine[] {
  const out: ResetLine[] = [];
  const lines = { push: (...texts: string[]) => void out.push(...texts.map((text) => ({ text }))) };
  lines.push('[preflight] Running pre-flight checks');
  const fs = machine.rootFs;
  // Without admin.conf kubeadm cannot read the kubeadm-config ConfigMap, so the remove-etcd-member phase
  // looks for the data directory in etcd's manifest and warns that it does.
  if (!fs.stat('/etc/kubernetes/admin.conf'))
    out.push({ text: `${klogPrefix('W', now(), 4321, 'removeetcdmember.go:106', 482)}[reset] No kubeadm config, using etcd pod spec to get data directory`, stderr: true });
  if (fs.stat('/etc/kubernetes/manifests/etcd.yaml') || (fs.stat('/var/lib/etcd') && safeList(machine, '/var/lib/etcd').length)) {
    // A control plane that joined a stacked etcd leaves it (the remove-etcd-member phase).
    // The member is named after the node, which kubelet.conf's identity tells (the hostname when it cannot).
    if (world && clusterOf(world)?.opts.controlPlane !== machine.hostname) removeEtcdMember(world, nodeNameFromKubeletConf(fs) ?? kubeletNodeName(machine));
    clearDir(machine, '/var/lib/etcd');
    delete machine.ext.etcdLearner;
    lines.push('[reset] Deleted contents of the etcd data directory: /var/lib/etcd');
  } else {
    // No etcd manifest: since kubeadm 1.25 the phase falls back to the default data directory and
    // "cleans" it even when it does not exist (phases/reset/removeetcdmember.go, kubernetes#110972).
    lines.push('[reset] Deleted contents of the etcd data directory: /var/lib/etcd');
  }
  lines.push('[reset] Stopping the kubelet service');
  new Systemd(machine, world, now).stop('kubelet.service');
  // The node's Kubernetes containers go too (kubeadm removes them through the CRI).
  const runtime = world ? clusterOf(world)?.runtimes.get(machine.hostname) : undefined;
  if (runtime) {
    for (const c of [...runtime.containers.values()]) runtime.removeContainer(c.id);
    for (const s of [...runtime.sandboxes.values()]) runtime.removeSandbox(s.id);
  }
  lines.push('[reset] Unmounting mounted directories in "/var/lib/kubelet"');
  for (const d of RESET_DIRS) clearDir(machine, d);
  lines.push(`[reset] Deleting contents of directories: [${RESET_DIRS.join(' ')}]`);
  for (const f of RESET_FILES) if (fs.stat(f)) fs.remove(f);
  lines.push(`[reset] Deleting files: [${RESET_FILES.join(' ')}]`);
  // kubeadm >= 1.29 prints one paragraph pointing at the docs (reset.go's manualCleanupInstructions),
  // not the older CNI / iptables / kubeconfig paragraphs.
  lines.push(
    '',
    'The reset process does not perform cleanup of CNI plugin configuration,',
    'network filtering rules and kubeconfig files.',
    '',
    'For information on how to perform this cleanup manually, please see:',
    '    https://k8s.io/docs/reference/setup-tools/kubeadm/kubeadm-reset/',
    '',
  );
  return out;
}

function safeList(machine: Machine, dir: string): string[] {
  try {
    return machine.rootFs.readdir(dir);
  } catch {
    return [];
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function expiresText(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')}, ${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

/** apimachinery ShortHumanDuration: 364d, 9y, 23h. */
function residual(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 0) return '<invalid>';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  if (s < 86400 * 365) return `${Math.floor(s / 86400)}d`;
  return `${Math.floor(s / (86400 * 365))}y`;
}

function certOfKubeconfig(text: string): string | undefined {
  const m = /client-certificate-data:\s*(\S+)/.exec(text);
  if (!m) return undefined;
  try {
    return atob(m[1]);
  } catch {
    return undefined;
  }
}

/** One certificate or CA as check-expiration reports it (output.kubeadm.k8s.io/v1alpha3 Certificate). */
interface ExpirationEntry {
  name: string;
  /** notAfter in ms; undefined when the certificate is missing. */
  notAfter?: number;
  caName?: string;
}

/** What `kubeadm certs check-expiration` finds on this machine, or undefined when there is no PKI here. */
function expirationEntries(machine: Machine): { certificates: ExpirationEntry[]; authorities: ExpirationEntry[] } | undefined {
  const fs = machine.rootFs;
  const read = (p: string) => {
    try {
      return fs.readFile(p);
    } catch {
      return undefined;
    }
  };
  if (!read('/etc/kubernetes/pki/ca.crt')) return undefined;
  const leaf: Array<[string, string | undefined, string]> = [
    ['admin.conf', certOfKubeconfig(read('/etc/kubernetes/admin.conf') ?? ''), 'ca'],
    ['apiserver', read('/etc/kubernetes/pki/apiserver.crt'), 'ca'],
    ['apiserver-etcd-client', read('/etc/kubernetes/pki/apiserver-etcd-client.crt'), 'etcd-ca'],
    ['apiserver-kubelet-client', read('/etc/kubernetes/pki/apiserver-kubelet-client.crt'), 'ca'],
    ['controller-manager.conf', certOfKubeconfig(read('/etc/kubernetes/controller-manager.conf') ?? ''), 'ca'],
    ['etcd-healthcheck-client', read('/etc/kubernetes/pki/etcd/healthcheck-client.crt'), 'etcd-ca'],
    ['etcd-peer', read('/etc/kubernetes/pki/etcd/peer.crt'), 'etcd-ca'],
    ['etcd-server', read('/etc/kubernetes/pki/etcd/server.crt'), 'etcd-ca'],
    ['front-proxy-client', read('/etc/kubernetes/pki/front-proxy-client.crt'), 'front-proxy-ca'],
    ['scheduler.conf', certOfKubeconfig(read('/etc/kubernetes/scheduler.conf') ?? ''), 'ca'],
    ['super-admin.conf', certOfKubeconfig(read('/etc/kubernetes/super-admin.conf') ?? ''), 'ca'],
  ];
  const certificates = leaf.map(([name, pem, caName]): ExpirationEntry => {
    const c = pem ? decodeCertificate(pem) : undefined;
    return c ? { name, notAfter: c.notAfter, caName } : { name };
  });
  const authorities = (
    [
      ['ca', '/etc/kubernetes/pki/ca.crt'],
      ['etcd-ca', '/etc/kubernetes/pki/etcd/ca.crt'],
      ['front-proxy-ca', '/etc/kubernetes/pki/front-proxy-ca.crt'],
    ] as const
  ).map(([name, path]): ExpirationEntry => {
    const pem = read(path);
    const c = pem ? decodeCertificate(pem) : undefined;
    return c ? { name, notAfter: c.notAfter } : { name };
  });
  return { certificates, authorities };
}

export type ExpirationOutput = 'text' | 'json' | 'yaml';

/**
 * `kubeadm certs check-expiration [-o json|yaml]`, or undefined when there is no PKI here. Text:
 * the two tables of kubeadm's printer (Go tabwriter, minwidth 10, padding 3; a missing file as
 * `!MISSING! name`), after the lines about the kubeadm-config ConfigMap, which structured output
 * leaves out. JSON and YAML: a CertificateExpirationInfo of output.kubeadm.k8s.io/v1alpha3.
 */
export function checkExpiration(machine: Machine, nowMs: number, output: ExpirationOutput = 'text'): string | undefined {
  const found = expirationEntries(machine);
  if (!found) return undefined;
  const residualSeconds = (e: ExpirationEntry) => (e.notAfter === undefined ? 0 : Math.trunc((e.notAfter - nowMs) / 1000));
  if (output !== 'text') {
    const entry = (e: ExpirationEntry) => ({
      name: e.name,
      expirationDate: e.notAfter === undefined ? null : new Date(e.notAfter).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      residualTime: residualSeconds(e),
      externallyManaged: false,
      ...(e.caName && e.notAfter !== undefined ? { caName: e.caName } : {}),
      missing: e.notAfter === undefined,
    });
    const info = { kind: 'CertificateExpirationInfo', apiVersion: 'output.kubeadm.k8s.io/v1alpha3', certificates: found.certificates.map(entry), certificateAuthorities: found.authorities.map(entry) };
    return output === 'json' ? `${JSON.stringify(info, null, 4)}\n` : toYaml(info);
  }
  const lines = ['CERTIFICATE\tEXPIRES\tRESIDUAL TIME\tCERTIFICATE AUTHORITY\tEXTERNALLY MANAGED'];
  for (const e of found.certificates) {
    lines.push(e.notAfter === undefined ? `!MISSING! ${e.name}\t\t\t\t` : `${e.name}\t${expiresText(e.notAfter)}\t${residual(residualSeconds(e) * 1000)}\t${e.caName}\t${'no'.padEnd(8)}`);
  }
  lines.push('', 'CERTIFICATE AUTHORITY\tEXPIRES\tRESIDUAL TIME\tEXTERNALLY MANAGED');
  for (const e of found.authorities) {
    lines.push(e.notAfter === undefined ? `!MISSING! ${e.name}\t\t\t` : `${e.name}\t${expiresText(e.notAfter)}\t${residual(residualSeconds(e) * 1000)}\t${'no'.padEnd(8)}`);
  }
  return (
    '[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
    "[check-expiration] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n\n" +
    tabwrite(`${lines.join('\n')}\n`, 10, 3)
  );
}
