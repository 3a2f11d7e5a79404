/**
 * minikube's add-ons: the table `minikube addons list` prints (pkg/minikube/assets/addons.go names
 * and maintainers) and `addons enable`, which applies the add-on's manifests to the cluster through
 * its API server — the same manifests as src/sim/addons serves for the chapters.
 */
import { parseAllDocuments } from 'yaml';
import type { CommandContext } from '../../shell/command';
import { ApiClient } from '../../sim/apiserver';
import type { KubeObject } from '../../sim/apiserver/types';
import { clusterOf } from '../../sim/cluster/attach';
import { metricsServerManifest } from '../../sim/addons/metrics-server';
import { ingressNginxBaremetalManifest } from '../../sim/addons/ingress-nginx';
import { dashboardObjects } from '../../sim/addons/dashboard';
import type { AttachedCluster } from '../../runtime/attached-worlds';
import type { ProfileConfig } from './deps';
import { exitReason, out } from './messages';

export const DEFAULT_ADDONS = ['storage-provisioner', 'default-storageclass'];

/** Every add-on minikube v1.36.0 lists, with its maintainer column. */
export const ADDONS: Array<[string, string]> = [
  ['ambassador', '3rd party (Ambassador)'],
  ['amd-gpu-device-plugin', '3rd party (AMD)'],
  ['auto-pause', 'minikube'],
  ['cloud-spanner', 'Google'],
  ['csi-hostpath-driver', 'Kubernetes'],
  ['dashboard', 'Kubernetes'],
  ['default-storageclass', 'Kubernetes'],
  ['efk', '3rd party (Elastic)'],
  ['freshpod', 'Google'],
  ['gcp-auth', 'Google'],
  ['gvisor', 'minikube'],
  ['headlamp', '3rd party (kinvolk.io)'],
  ['inaccel', '3rd party (InAccel [info@inaccel.com])'],
  ['ingress', 'Kubernetes'],
  ['ingress-dns', 'minikube'],
  ['inspektor-gadget', '3rd party (inspektor-gadget.io)'],
  ['istio', '3rd party (Istio)'],
  ['istio-provisioner', '3rd party (Istio)'],
  ['kong', '3rd party (Kong HQ)'],
  ['kubeflow', '3rd party'],
  ['kubetail', '3rd party (kubetail.com)'],
  ['kubevirt', '3rd party (KubeVirt)'],
  ['logviewer', '3rd party (unknown)'],
  ['metallb', '3rd party (MetalLB)'],
  ['metrics-server', 'Kubernetes'],
  ['nvidia-device-plugin', '3rd party (NVIDIA)'],
  ['nvidia-driver-installer', '3rd party (NVIDIA)'],
  ['nvidia-gpu-device-plugin', '3rd party (NVIDIA)'],
  ['olm', '3rd party (Operator Framework)'],
  ['pod-security-policy', '3rd party (unknown)'],
  ['portainer', '3rd party (Portainer.io)'],
  ['registry', 'minikube'],
  ['registry-aliases', '3rd party (unknown)'],
  ['registry-creds', '3rd party (UPMC Enterprises)'],
  ['storage-provisioner', 'minikube'],
  ['storage-provisioner-gluster', '3rd party (Gluster)'],
  ['storage-provisioner-rancher', '3rd party (Rancher)'],
  ['volcano', 'third-party (volcano)'],
  ['volumesnapshots', 'Kubernetes'],
  ['yakd', '3rd party (marcnuri.com)'],
];

export function enabledAddonsLine(addons: string[]): string {
  return `🌟  Enabled addons: ${addons.join(', ')}`;
}

/** The add-ons this simulator can install, as the objects they create. */
const MANIFESTS: Record<string, () => KubeObject[]> = {
  'metrics-server': () => objectsOf(metricsServerManifest()),
  ingress: () => objectsOf(ingressNginxBaremetalManifest('v1.12.2')),
  dashboard: () => dashboardObjects(),
};

export const INSTALLABLE_ADDONS = Object.keys(MANIFESTS);

function objectsOf(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => !!o && typeof o === 'object' && !!o.kind);
}

/** The table of `minikube addons list` (go-pretty's ASCII style, as minikube prints it). */
export function addonsTable(profile: string, enabled: string[]): string {
  const rows = ADDONS.map(([name, maintainer]) => [name, profile, enabled.includes(name) ? 'enabled ✅' : 'disabled', maintainer]);
  const header = ['ADDON NAME', 'PROFILE', 'STATUS', 'MAINTAINER'];
  // The check mark is one column wide but counts as a wide rune in go-pretty's width.
  const width = (s: string) => [...s].length + (s.includes('✅') ? 1 : 0);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => width(r[i]))));
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const centre = (s: string, w: number) => {
    const left = Math.floor((w - s.length) / 2);
    return `${' '.repeat(left)}${s}${' '.repeat(w - s.length - left)}`;
  };
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' | ')} |`;
  return [rule, `| ${header.map((h, i) => centre(h, widths[i])).join(' | ')} |`, rule, ...rows.map(line), rule].join('\n') + '\n';
}

const PLURAL_EXCEPTIONS: Record<string, string> = { Ingress: 'ingresses', IngressClass: 'ingressclasses', NetworkPolicy: 'networkpolicies', Endpoints: 'endpoints' };

function resourceOf(kind: string): string {
  if (PLURAL_EXCEPTIONS[kind]) return PLURAL_EXCEPTIONS[kind];
  const lower = kind.toLowerCase();
  return lower.endsWith('s') ? `${lower}es` : lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : `${lower}s`;
}

/** Creates the add-on's objects through the cluster's API (what minikube's `kubectl apply` does). */
export function applyAddon(cluster: AttachedCluster, name: string): KubeObject[] {
  const c = clusterOf(cluster.world);
  const produce = MANIFESTS[name];
  if (!c || !produce) return [];
  const client = new ApiClient(c.apiServer, undefined, 'kubectl-client-side-apply');
  const objects = produce();
  for (const obj of objects) {
    const [group, version] = obj.apiVersion!.includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion!];
    client.request({ verb: 'create', group, version, resource: resourceOf(obj.kind!), namespace: obj.metadata?.namespace, body: obj });
  }
  return objects;
}

function imagesOf(objects: KubeObject[]): string[] {
  const images: string[] = [];
  for (const o of objects) {
    const spec = (o.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec;
    for (const c of spec?.containers ?? []) if (c.image && !images.includes(c.image)) images.push(c.image.replace(/@sha256:.*$/, ''));
  }
  return images;
}

export async function enableAddon(ctx: CommandContext, cluster: AttachedCluster, name: string): Promise<number> {
  const cfg = cluster.config as unknown as ProfileConfig;
  const maintainer = ADDONS.find(([n]) => n === name)?.[1];
  if (!maintainer) {
    exitReason(ctx, '❌', 'MK_ADDON_ENABLE', `run callbacks: ${name} is not a valid addon`);
    return 10;
  }
  if (cfg.addons.includes(name)) {
    out(ctx, `🌟  The '${name}' addon is enabled`);
    return 0;
  }
  if (!MANIFESTS[name] && !DEFAULT_ADDONS.includes(name)) {
    exitReason(ctx, '❌', 'MK_ADDON_ENABLE', `the ${name} addon is not available in this simulator`);
    return 10;
  }
  out(ctx, `💡  ${name} is an addon maintained by ${maintainer}. For any concerns contact minikube on GitHub.`);
  out(ctx, 'You can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS');
  const objects = applyAddon(cluster, name);
  for (const image of imagesOf(objects)) out(ctx, `    ▪ Using image ${image}`);
  if (name === 'ingress') {
    out(ctx, '🔎  Verifying ingress addon...');
    await ctx.clock.sleep(20_000, ctx.signal);
  }
  if (name === 'dashboard') {
    out(ctx, '💡  Some dashboard features require the metrics-server addon. To enable all features please run:');
    out(ctx, '');
    out(ctx, `\tminikube${cluster.name === 'minikube' ? '' : ` -p ${cluster.name}`} addons enable metrics-server`);
    out(ctx, '');
  }
  cfg.addons = [...cfg.addons, name];
  out(ctx, `🌟  The '${name}' addon is enabled`);
  return 0;
}
