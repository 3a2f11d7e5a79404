/**
 * kubeadm upgrade plan and apply: the version skew rules, the plan tables (with the NODE column
 * from v1.30), and apply rewriting the static pod manifests (the kubelet then runs the new images),
 * the kubeadm-config ConfigMap, kube-proxy and CoreDNS through the API.
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { clusterOf } from '../cluster/attach';
import { ApiClient, type KubeObject } from '../apiserver';
import { compareDebVersions } from '../packages/version';
import { K8S_LATEST_PATCH } from '../packages/catalogue';
import { kubeadmRelease, type KubeadmRelease } from './versions';
import { storedClusterSettings } from './init';

/** Go text/tabwriter as kubeadm configures it for the plan: min width 10, padding 3. */
function tabwrite(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(10, ...rows.map((r) => (r[i] ?? '').length + 3)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') + '\n';
}

function cmp(a: string, b: string): number {
  return compareDebVersions(a.replace(/^v/, ''), b.replace(/^v/, ''));
}

export interface PlanInput {
  clusterVersion: string;
  kubeadm: KubeadmRelease;
  /** node → kubelet version */
  kubelets: Array<[string, string]>;
  controlPlane: string;
  corednsCurrent: string;
  etcdCurrent: string;
}

export function planText(p: PlanInput): string {
  const clusterMinor = Number(p.clusterVersion.split('.')[1]);
  const latestInSeries = `v1.${clusterMinor}.${K8S_LATEST_PATCH[clusterMinor] ?? p.clusterVersion.split('.')[2]}`;
  const target = cmp(p.kubeadm.gitVersion, p.clusterVersion) > 0 ? p.kubeadm.gitVersion : undefined;
  let text =
    '[preflight] Running pre-flight checks.\n' +
    '[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
    "[upgrade/config] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n" +
    '[upgrade] Running cluster health checks\n' +
    '[upgrade] Fetching available versions to upgrade to\n' +
    `[upgrade/versions] Cluster version: ${p.clusterVersion}\n` +
    `[upgrade/versions] kubeadm version: ${p.kubeadm.gitVersion}\n`;
  if (!target) {
    text += `[upgrade/versions] Target version: ${p.kubeadm.gitVersion}\n[upgrade/versions] Latest version in the v1.${clusterMinor} series: ${latestInSeries}\n\n`;
    return text;
  }
  const t = kubeadmRelease(target);
  text += `[upgrade/versions] Target version: ${target}\n[upgrade/versions] Latest version in the v1.${clusterMinor} series: ${latestInSeries}\n\n`;
  const withNode = p.kubeadm.minor >= 30;
  text += "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n";
  if (withNode) text += tabwrite([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ...p.kubelets.map(([n, v]) => ['kubelet', n, v, target])]);
  else {
    const counts = new Map<string, number>();
    for (const [, v] of p.kubelets) counts.set(v, (counts.get(v) ?? 0) + 1);
    text += tabwrite([['COMPONENT', 'CURRENT', 'TARGET'], ...[...counts].map(([v, n]) => ['kubelet', `${n} x ${v}`, target])]);
  }
  text += '\nUpgrade to the latest stable version:\n\n';
  const cp = p.controlPlane;
  const rows = withNode
    ? [
        ['COMPONENT', 'NODE', 'CURRENT', 'TARGET'],
        ['kube-apiserver', cp, p.clusterVersion, target],
        ['kube-controller-manager', cp, p.clusterVersion, target],
        ['kube-scheduler', cp, p.clusterVersion, target],
        ['kube-proxy', '', p.clusterVersion.replace(/^v/, ''), target],
        ['CoreDNS', '', p.corednsCurrent, t.coredns],
        ['etcd', cp, p.etcdCurrent, t.etcd],
      ]
    : [
        ['COMPONENT', 'CURRENT', 'TARGET'],
        ['kube-apiserver', p.clusterVersion, target],
        ['kube-controller-manager', p.clusterVersion, target],
        ['kube-scheduler', p.clusterVersion, target],
        ['kube-proxy', p.clusterVersion, target],
        ['CoreDNS', p.corednsCurrent, t.coredns],
        ['etcd', p.etcdCurrent, t.etcd],
      ];
  text += tabwrite(rows);
  text += `\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${target}\n\n`;
  text += '_____________________________________________________________________\n\n\n';
  text +=
    'The table below shows the current state of component configs as understood by this version of kubeadm.\n' +
    'Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\n' +
    'resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\n' +
    'upgrade to is denoted in the "PREFERRED VERSION" column.\n\n' +
    'API GROUP                 CURRENT VERSION   PREFERRED VERSION   MANUAL UPGRADE REQUIRED\n' +
    'kubeproxy.config.k8s.io   v1alpha1          v1alpha1            no\n' +
    'kubelet.config.k8s.io     v1beta1           v1beta1             no\n' +
    '_____________________________________________________________________\n\n';
  return text;
}

function imageTag(objImage: string | undefined): string | undefined {
  return objImage?.split(':').pop();
}

/** What the plan needs, read from the cluster and the control plane's manifests. */
export function planInput(world: World, release: KubeadmRelease): PlanInput | undefined {
  const cluster = clusterOf(world);
  if (!cluster) return undefined;
  const cp = world.machines.get(cluster.opts.controlPlane);
  const manifest = (name: string) => {
    try {
      return cp?.rootFs.readFile(`/etc/kubernetes/manifests/${name}.yaml`) ?? '';
    } catch {
      return '';
    }
  };
  const apiImage = /image:\s*(\S+)/.exec(manifest('kube-apiserver'))?.[1];
  const etcdImage = /image:\s*(\S+)/.exec(manifest('etcd'))?.[1];
  const admin = new ApiClient(cluster.apiServer, undefined, 'kubeadm');
  const dep = admin.get({ group: 'apps', version: 'v1', resource: 'deployments' }, 'kube-system', 'coredns');
  const corednsImage = dep.code === 200 ? ((dep.body as KubeObject).spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image : undefined;
  return {
    clusterVersion: imageTag(apiImage) ?? cluster.version,
    kubeadm: release,
    kubelets: [...cluster.kubelets].map(([n, k]) => [n, k.version] as [string, string]).sort((a, b) => a[0].localeCompare(b[0])),
    controlPlane: cluster.opts.controlPlane,
    corednsCurrent: imageTag(corednsImage) ?? 'v1.11.3',
    etcdCurrent: imageTag(etcdImage) ?? '3.5.16-0',
  };
}

/** The skew errors of `kubeadm upgrade apply <version>`, or undefined when allowed. */
export function applyError(current: string, target: string, release: KubeadmRelease): string | undefined {
  if (!/^v?\d+\.\d+\.\d+$/.test(target)) return `[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n\t- Specified version to upgrade to "${target}" is an invalid version`;
  const t = target.startsWith('v') ? target : `v${target}`;
  if (cmp(t, release.gitVersion) > 0) return `[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n\t- Specified version to upgrade to "${t}" is higher than the kubeadm version "${release.gitVersion}". Upgrade kubeadm first using the tool you used to install kubeadm`;
  const cm = Number(current.split('.')[1]);
  const tm = Number(t.split('.')[1]);
  if (tm > cm + 1) return `[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n\t- Specified version to upgrade to "${t}" is too high; kubeadm can upgrade only 1 minor version at a time`;
  if (cmp(t, current) < 0) return `[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n\t- Specified version to upgrade to "${t}" is equal to or lower than the cluster version "${current}". Downgrades are not supported yet`;
  return undefined;
}

/** Rewrite the control plane for `target`; returns the lines printed between the prompt and SUCCESS. */
export function applyUpgrade(world: World, machine: Machine, target: string): string[] {
  const cluster = clusterOf(world);
  if (!cluster) return [];
  const t = kubeadmRelease(target);
  const fs = machine.rootFs;
  const lines: string[] = [`[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifests"`];
  const retag = (file: string, image: string, tag: string) => {
    const p = `/etc/kubernetes/manifests/${file}.yaml`;
    try {
      fs.writeFile(p, fs.readFile(p).replace(new RegExp(`(image:\\s*\\S*${image}):\\S+`), `$1:${tag}`));
    } catch {
      /* manifest missing */
    }
  };
  retag('etcd', 'etcd', t.etcd);
  lines.push('[upgrade/staticpods] Preparing for "etcd" upgrade', '[upgrade/staticpods] Component "etcd" upgraded successfully!');
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    retag(c, c, target);
    lines.push(`[upgrade/staticpods] Preparing for "${c}" upgrade`, `[upgrade/staticpods] Component "${c}" upgraded successfully!`);
  }
  const admin = new ApiClient(cluster.apiServer, undefined, 'kubeadm');
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config');
  if (cm.code === 200) {
    const data = ((cm.body as KubeObject).data ?? {}) as Record<string, string>;
    if (data.ClusterConfiguration) admin.patch({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config', { data: { ClusterConfiguration: data.ClusterConfiguration.replace(/kubernetesVersion:\s*\S+/, `kubernetesVersion: ${target}`) } });
  }
  lines.push('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace');
  lines.push('[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster');
  lines.push('[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config.yaml');
  lines.push('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"');
  lines.push(...upgradeAddons(admin, target));
  return lines;
}

/** CoreDNS and kube-proxy at the target's images (the addon phase of apply and node); the lines printed. */
export function upgradeAddons(admin: ApiClient, target: string): string[] {
  const repo = storedClusterSettings(admin).imageRepository;
  const setImage = (resource: string, name: string, image: string) => {
    const r = admin.get({ group: 'apps', version: 'v1', resource }, 'kube-system', name);
    if (r.code !== 200) return;
    const spec = (r.body as KubeObject).spec as { template: { spec: { containers: Array<{ name: string; image: string }> } } };
    const containers = spec.template.spec.containers.map((c) => ({ name: c.name, image }));
    admin.patch({ group: 'apps', version: 'v1', resource }, 'kube-system', name, { spec: { template: { spec: { containers } } } });
  };
  setImage('deployments', 'coredns', `${repo}/coredns/coredns:${kubeadmRelease(target).coredns}`);
  setImage('daemonsets', 'kube-proxy', `${repo}/kube-proxy:${target}`);
  return ['[addons] Applied essential addon: CoreDNS', '[addons] Applied essential addon: kube-proxy'];
}
