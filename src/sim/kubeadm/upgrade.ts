/**
 * kubeadm upgrade plan and apply: the version skew rules, the plan tables (with the NODE column
 * from v1.30), and apply rewriting the static pod manifests (the kubelet then runs the new images),
 * the kubeadm-config ConfigMap, kube-proxy and CoreDNS through the API.
 */
import type { World } from '../world';
import { clusterOf } from '../cluster/attach';
import { ApiClient, type KubeObject } from '../apiserver';
import { compareDebVersions } from '../packages/version';
import { K8S_LATEST_PATCH } from '../packages/catalogue';
import { kubeadmRelease, type KubeadmRelease } from './versions';
import { storedClusterSettings } from './init';
import { tabwrite as goTabwrite } from '../go-tabwriter';

/** Go text/tabwriter as kubeadm configures it for the plan: min width 10, padding 3. */
function tabwrite(rows: string[][]): string {
  return goTabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', 10, 3);
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

/** How plan (and apply before v1.32) says where it read its configuration from. */
function planConfigLines(minor: number): string {
  if (minor <= 31) return "[upgrade/config] Reading configuration from the cluster...\n[upgrade/config] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n";
  const file = minor >= 33 ? 'your-config-file' : 'your-config.yaml';
  return `[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade/config] Use 'kubeadm init phase upload-config --config ${file}' to re-upload it.\n`;
}

/**
 * The upgrades plan offers (phases/upgrade/compute.go GetAvailableUpgrades): the latest patch of the
 * cluster's minor when newer, and the stable version (stable-1.<kubeadm's minor>, where kubeadm
 * falls back when dl.k8s.io names a much newer release) when it is newer still.
 */
function availableUpgrades(clusterVersion: string, stable: string, latestInSeries: string): Array<{ description: string; target: string }> {
  const clusterMinor = Number(clusterVersion.split('.')[1]);
  const out: Array<{ description: string; target: string }> = [];
  if (cmp(latestInSeries, clusterVersion) > 0) out.push({ description: `version in the v1.${clusterMinor} series`, target: latestInSeries });
  if (cmp(stable, clusterVersion) > 0 && stable !== latestInSeries) out.push({ description: 'stable version', target: stable });
  return out;
}

/** One upgrade's tables and command (cmd/upgrade/plan.go printUpgradePlan). */
function upgradeSection(p: PlanInput, description: string, target: string): string {
  const t = kubeadmRelease(target);
  const withNode = p.kubeadm.minor >= 30;
  let text = "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n";
  if (withNode) text += tabwrite([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ...p.kubelets.map(([n, v]) => ['kubelet', n, v, target])]);
  else {
    const counts = new Map<string, number>();
    for (const [, v] of p.kubelets) counts.set(v, (counts.get(v) ?? 0) + 1);
    text += tabwrite([['COMPONENT', 'CURRENT', 'TARGET'], ...[...counts].map(([v, n]) => ['kubelet', `${n} x ${v}`, target])]);
  }
  text += `\nUpgrade to the latest ${description}:\n\n`;
  const cp = p.controlPlane;
  // CoreDNS's target is the installed kubeadm's own CoreDNS version, whatever the target.
  const rows = withNode
    ? [
        ['COMPONENT', 'NODE', 'CURRENT', 'TARGET'],
        ['kube-apiserver', cp, p.clusterVersion, target],
        ['kube-controller-manager', cp, p.clusterVersion, target],
        ['kube-scheduler', cp, p.clusterVersion, target],
        ['kube-proxy', '', p.clusterVersion.replace(/^v/, ''), target],
        ['CoreDNS', '', p.corednsCurrent, p.kubeadm.coredns],
        ['etcd', cp, p.etcdCurrent, t.etcd],
      ]
    : [
        ['COMPONENT', 'CURRENT', 'TARGET'],
        ['kube-apiserver', p.clusterVersion, target],
        ['kube-controller-manager', p.clusterVersion, target],
        ['kube-scheduler', p.clusterVersion, target],
        ['kube-proxy', p.clusterVersion, target],
        ['CoreDNS', p.corednsCurrent, p.kubeadm.coredns],
        ['etcd', p.etcdCurrent, t.etcd],
      ];
  text += tabwrite(rows);
  text += `\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${target}\n\n`;
  if (cmp(p.kubeadm.gitVersion, target) < 0) text += `Note: Before you can perform this upgrade, you have to update kubeadm to ${target}.\n\n`;
  return text + '_____________________________________________________________________\n\n';
}

/** Where plan's klog notice about dl.k8s.io falls between its stdout lines. */
const PLAN_NOTICE_MARK = '\u0000notice\u0000';

/**
 * kubeadm asks dl.k8s.io for stable.txt; when that names a newer minor than its own it falls back
 * to stable-1.<its minor> and says so on stderr (app/util/version.go, klog Info).
 */
function remoteVersionNotice(kubeadm: KubeadmRelease): { source: string; message: string } | undefined {
  const newestMinor = Math.max(...Object.keys(K8S_LATEST_PATCH).map(Number));
  if (newestMinor <= kubeadm.minor) return undefined;
  return { source: kubeadm.minor >= 31 ? 'version.go:261' : 'version.go:256', message: `remote version is much newer: v1.${newestMinor}.${K8S_LATEST_PATCH[newestMinor]}; falling back to: stable-1.${kubeadm.minor}` };
}

/** The plan as kubeadm writes it: stdout before the klog notice, the notice (stderr), stdout after. */
export function planParts(p: PlanInput): { before: string; notice?: { source: string; message: string }; after: string } {
  const [before, after] = planTextWithMark(p).split(PLAN_NOTICE_MARK);
  return { before, notice: remoteVersionNotice(p.kubeadm), after };
}

export function planText(p: PlanInput): string {
  return planTextWithMark(p).replace(PLAN_NOTICE_MARK, '');
}

function planTextWithMark(p: PlanInput): string {
  const clusterMinor = Number(p.clusterVersion.split('.')[1]);
  const latestInSeries = `v1.${clusterMinor}.${K8S_LATEST_PATCH[clusterMinor] ?? p.clusterVersion.split('.')[2]}`;
  const stablePatch = K8S_LATEST_PATCH[p.kubeadm.minor];
  const stable = stablePatch === undefined || cmp(p.kubeadm.gitVersion, `v1.${p.kubeadm.minor}.${stablePatch}`) > 0 ? p.kubeadm.gitVersion : `v1.${p.kubeadm.minor}.${stablePatch}`;
  let text = '[preflight] Running pre-flight checks.\n' + planConfigLines(p.kubeadm.minor) + '[upgrade] Running cluster health checks\n' + '[upgrade] Fetching available versions to upgrade to\n';
  // From v1.30 the plan prints the cluster version as kubeadm-config stores it, without the "v".
  text += `[upgrade/versions] Cluster version: ${p.kubeadm.minor >= 30 ? p.clusterVersion.replace(/^v/, '') : p.clusterVersion}\n` + `[upgrade/versions] kubeadm version: ${p.kubeadm.gitVersion}\n`;
  text += PLAN_NOTICE_MARK;
  text += `[upgrade/versions] Target version: ${stable}\n[upgrade/versions] Latest version in the v1.${clusterMinor} series: ${latestInSeries}\n\n`;
  const upgrades = availableUpgrades(p.clusterVersion, stable, latestInSeries);
  // Up to date: nothing more (kubeadm says "Awesome, you're up-to-date! Enjoy!" only at -v=1).
  if (!upgrades.length) return text;
  for (const u of upgrades) text += upgradeSection(p, u.description, u.target);
  text +=
    '\nThe table below shows the current state of component configs as understood by this version of kubeadm.\n' +
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
    // By Node name (what each kubelet registered), as kubeadm reads them from the Nodes.
    kubelets: [...cluster.kubelets.values()].map((k) => [k.nodeName, k.version] as [string, string]).sort((a, b) => a[0].localeCompare(b[0])),
    controlPlane: cluster.kubelets.get(cluster.opts.controlPlane)?.nodeName ?? cluster.opts.controlPlane,
    corednsCurrent: imageTag(corednsImage) ?? 'v1.11.3',
    etcdCurrent: imageTag(etcdImage) ?? '3.5.16-0',
  };
}

/** The upload-config phase of apply: kubeadm-config's ClusterConfiguration gets the new kubernetesVersion. */
export function storeKubernetesVersion(admin: ApiClient, target: string): void {
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config');
  if (cm.code !== 200) return;
  const data = ((cm.body as KubeObject).data ?? {}) as Record<string, string>;
  if (data.ClusterConfiguration) admin.patch({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config', { data: { ClusterConfiguration: data.ClusterConfiguration.replace(/kubernetesVersion:\s*\S+/, `kubernetesVersion: ${target}`) } });
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
