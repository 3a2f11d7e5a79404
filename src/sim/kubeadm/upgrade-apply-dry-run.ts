/**
 * What `kubeadm upgrade apply --dry-run` prints instead of acting: the files it would write
 * (util/dryrun PrintDryRunFiles: `[dryrun] Would write file "<path>" with content:` then the file,
 * each line tab-indented up to v1.30) and the add-on manifests it would apply. Nothing here writes
 * to a machine or to the API.
 */
import { stringify } from 'yaml';
import type { ApiClient, KubeObject } from '../apiserver';
import type { PhaseEnv } from './init';
import { upgradedManifest } from './upgrade-node';
import { kubeadmRelease } from './versions';
import { storedClusterSettings } from './init';

/** DryRunStaticPodUpgrade writes the control plane components only (constants.ControlPlaneComponents: no etcd). */
const CONTROL_PLANE_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

function read(env: PhaseEnv, path: string): string | undefined {
  try {
    return env.machine.rootFs.readFile(path);
  } catch {
    return undefined;
  }
}

/** One `[dryrun] Would write file` block (without a trailing newline after the content's own). */
export function dryRunFile(path: string, content: string, minor: number): string {
  const body = minor <= 30 ? content.replace(/\n$/, '').split('\n').map((l) => `\t${l}`).join('\n') + '\n' : content;
  return `[dryrun] Would write file "${path}" with content:\n${body}`;
}

/** The upgraded static pod manifests as they would be written to /etc/kubernetes/manifests. */
export function dryRunStaticPods(env: PhaseEnv, target: string): string {
  let out = '';
  for (const component of CONTROL_PLANE_COMPONENTS) {
    const path = `/etc/kubernetes/manifests/${component}.yaml`;
    const current = read(env, path);
    if (current === undefined) continue;
    out += dryRunFile(path, upgradedManifest(current, component, target), env.release.minor);
  }
  return out;
}

/** The kubelet configuration from the kubelet-config ConfigMap, as it would be written. */
export function dryRunKubeletConfig(env: PhaseEnv, admin: ApiClient): string {
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubelet-config');
  const kubelet = cm.code === 200 ? ((cm.body as KubeObject).data as Record<string, string> | undefined)?.kubelet : undefined;
  return kubelet ? dryRunFile('/var/lib/kubelet/config.yaml', kubelet.endsWith('\n') ? kubelet : `${kubelet}\n`, env.release.minor) : '';
}

/** An object as a manifest: what kubeadm's add-on templates hold (no server-set fields). */
function manifest(o: KubeObject): string {
  const { metadata, status: _status, ...rest } = o as KubeObject & { status?: unknown };
  void _status;
  const md = metadata as { name?: string; namespace?: string; labels?: Record<string, string> };
  return stringify({ apiVersion: rest.apiVersion, kind: rest.kind, metadata: { labels: md.labels, name: md.name, namespace: md.namespace }, ...rest });
}

/** CoreDNS and kube-proxy at the target's images, printed instead of applied (EnsureDNSAddon/EnsureProxyAddon with dry-run). */
export function dryRunAddons(admin: ApiClient, target: string): string {
  const repo = storedClusterSettings(admin).imageRepository;
  const images: Array<[string, string, string]> = [
    ['deployments', 'coredns', `${repo}/coredns/coredns:${kubeadmRelease(target).coredns}`],
    ['daemonsets', 'kube-proxy', `${repo}/kube-proxy:${target}`],
  ];
  let out = '';
  for (const [resource, name, image] of images) {
    const r = admin.get({ group: 'apps', version: 'v1', resource }, 'kube-system', name);
    if (r.code !== 200) continue;
    const o = structuredClone(r.body as KubeObject);
    const spec = o.spec as { template: { spec: { containers: Array<{ image: string }> } } };
    for (const c of spec.template.spec.containers) c.image = image;
    out += `---\n${manifest(o)}`;
  }
  return out;
}
