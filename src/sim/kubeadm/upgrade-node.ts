/**
 * `kubeadm upgrade node` (cmd/kubeadm/app/cmd/upgrade/node.go and phases/upgrade/node, v1.31+):
 * preflight, control-plane, kubeconfig, kubelet-config, addon/coredns, addon/kube-proxy. A node
 * is a control plane node when it has /etc/kubernetes/manifests/kube-apiserver.yaml; there the
 * static pod manifests are rewritten for the cluster's version (the kubernetesVersion that
 * `kubeadm upgrade apply` stored in kubeadm-config) and the kubelet restarts them; the addons
 * are upgraded once no other control plane instance is left on an older API server. A worker
 * only gets the kubelet configuration.
 */
import type { KubeObject } from '../apiserver';
import { ApiClient } from '../apiserver';
import { clusterOf } from '../cluster/attach';
import { kubeadmRelease } from './versions';
import { upgradeAddons } from './upgrade';
import { renewCertificate } from './certs-renew';
import type { PhaseEnv } from './init';
import { nodeNameFromKubeletConf } from './node-name';
import { kubeletNodeName, runningHostname } from '../kubelet/flags';

const MANIFESTS = '/etc/kubernetes/manifests';
const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
/** The certificates kubeadm renews with each component (phases/upgrade/staticpods.go renewCertsByComponent). */
const RENEWED: Record<string, string[]> = {
  etcd: ['etcd-server', 'etcd-peer', 'etcd-healthcheck-client'],
  'kube-apiserver': ['apiserver', 'apiserver-kubelet-client', 'front-proxy-client', 'apiserver-etcd-client'],
  'kube-controller-manager': ['controller-manager.conf'],
  'kube-scheduler': ['scheduler.conf'],
};

function read(env: PhaseEnv, path: string): string | undefined {
  try {
    return env.machine.rootFs.readFile(path);
  } catch {
    return undefined;
  }
}

function imageTag(manifest: string | undefined, component: string): string | undefined {
  return new RegExp(`image:\\s*\\S*${component}:(\\S+)`).exec(manifest ?? '')?.[1];
}

/** A klog warning line as kubeadm writes it (its own PID). */
function klogWarning(at: number, source: string, message: string): string {
  const d = new Date(at).toISOString();
  return `W${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 23)}933    4242 ${source}] ${message}`;
}

/** Go's os.MkdirTemp suffix: a random decimal number. */
function tempSuffix(env: PhaseEnv): string {
  let n = '';
  for (const ch of env.random()) if (n.length < 10) n += String(ch.charCodeAt(0) % 10);
  return n.replace(/^0+/, '') || '7';
}

function backupStamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', '-').replace(/:/g, '-');
}

/** Control plane nodes (other than this one) whose API server is not yet at `target`. */
export function unupgradedControlPlanes(env: PhaseEnv, target: string): string[] {
  const out: string[] = [];
  for (const m of env.world.machines.values()) {
    if (m.hostname === env.machine.hostname) continue;
    let text: string | undefined;
    try {
      text = m.rootFs.readFile(`${MANIFESTS}/kube-apiserver.yaml`);
    } catch {
      continue;
    }
    // kubeadm lists the API server pods' nodes: the names those machines' kubelets registered.
    if (imageTag(text, 'kube-apiserver') !== target) out.push(kubeletNodeName(m));
  }
  return out.sort();
}

/** The static pod manifest of `component` at the target version (etcd: the target's etcd image). */
export function upgradedManifest(current: string, component: string, target: string): string {
  const tag = component === 'etcd' ? kubeadmRelease(target).etcd : target;
  return current.replace(new RegExp(`(image:\\s*\\S*${component}):\\S+`), `$1:${tag}`);
}

export interface StaticPodUpgradeOptions {
  /** kubeadm v1.30 and older: etcd is upgraded before the other manifests are written, and the backup line is in the past tense. */
  etcdFirst?: boolean;
  /** --etcd-upgrade (default true): false leaves the etcd manifest and its certificates alone. */
  etcdUpgrade?: boolean;
  /** --certificate-renewal (default true): false renews no certificate. */
  renewCerts?: boolean;
}

/** The static pod upgrade of this node's control plane instance; returns when the kubelet runs the new pods. */
export async function upgradeStaticPods(env: PhaseEnv, admin: ApiClient, target: string, opts: StaticPodUpgradeOptions = {}): Promise<void> {
  const fs = env.machine.rootFs;
  const now = env.now();
  const etcdUpgrade = opts.etcdUpgrade ?? true;
  const renewCerts = opts.renewCerts ?? true;
  const writing = () => env.out(`[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifests${tempSuffix(env)}"`);
  if (opts.etcdFirst && etcdUpgrade) env.out('[upgrade/etcd] Upgrading to TLS for etcd');
  if (!opts.etcdFirst) writing();
  const backupDir = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${backupStamp(now)}`;
  // The kubeconfig of kubeadm itself is renewed with the control plane (silently).
  if (renewCerts) for (const conf of ['admin.conf', 'super-admin.conf']) renewCertificate(env.machine, conf, now);
  for (const component of COMPONENTS) {
    if (component === 'etcd' && !etcdUpgrade) continue;
    if (opts.etcdFirst && component === 'kube-apiserver') writing();
    const path = `${MANIFESTS}/${component}.yaml`;
    const current = read(env, path);
    if (current === undefined) continue;
    const upgraded = upgradedManifest(current, component, target);
    env.out(`[upgrade/staticpods] Preparing for "${component}" upgrade`);
    // From v1.32 an unchanged etcd manifest still gets its renewed certificates: kubeadm restarts
    // the static pod instead of skipping it (other components, or no renewal, are skipped as before).
    const restartEtcd = upgraded === current && component === 'etcd' && env.release.minor >= 32 && renewCerts;
    if (upgraded === current && !restartEtcd) {
      env.out(`[upgrade/staticpods] Current and new manifests of ${component} are equal, skipping upgrade`);
      if (component === 'etcd') env.out('[upgrade/etcd] Waiting for etcd to become available');
      continue;
    }
    if (renewCerts)
      for (const cert of RENEWED[component]) {
        env.out(`[upgrade/staticpods] Renewing ${cert} certificate`);
        renewCertificate(env.machine, cert, env.now());
      }
    fs.mkdir(backupDir, { recursive: true });
    fs.writeFile(`${backupDir}/${component}.yaml`, current);
    fs.writeFile(path, upgraded);
    if (restartEtcd) env.out(`[upgrade/staticpods] Restarting the etcd static pod and backing up its manifest to "${backupDir}/etcd.yaml"`);
    else env.out(opts.etcdFirst ? `[upgrade/staticpods] Moved new manifest to "${path}" and backed up old manifest to "${backupDir}/${component}.yaml"` : `[upgrade/staticpods] Moving new manifest to "${path}" and backing up old manifest to "${backupDir}/${component}.yaml"`);
    env.out('[upgrade/staticpods] Waiting for the kubelet to restart the component');
    env.out('[upgrade/staticpods] This can take up to 5m0s');
    // The kubelet re-reads its manifest directory every 20 s and starts the new pod.
    await env.sleep(20_000);
    const pods = admin.list({ group: '', version: 'v1', resource: 'pods' }, 'kube-system', { labelSelector: `component=${component}` });
    const count = pods.code === 200 ? (pods.body as { items: KubeObject[] }).items.length : 0;
    env.out(`[apiclient] Found ${count} Pods for label selector component=${component}`);
    env.out(`[upgrade/staticpods] Component "${component}" upgraded successfully!`);
    if (component === 'etcd') env.out('[upgrade/etcd] Waiting for etcd to become available');
  }
}

/**
 * The kubelet-config phase: back up the node's configuration and write the cluster's. kubeadm v1.31
 * and older print neither the klog warning nor the closing line (`phased: false`).
 */
export function writeKubeletConfig(env: PhaseEnv, admin: ApiClient, opts: { phased?: boolean } = { phased: true }): void {
  const dir = `/etc/kubernetes/tmp/kubeadm-kubelet-config${tempSuffix(env)}`;
  if (opts.phased) env.err?.(klogWarning(env.now(), 'postupgrade.go:117', `Using temporary directory ${dir} for kubelet config. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR`));
  const fs = env.machine.rootFs;
  const current = read(env, '/var/lib/kubelet/config.yaml');
  fs.mkdir(dir, { recursive: true });
  if (current !== undefined) fs.writeFile(`${dir}/config.yaml`, current);
  env.out(`[upgrade] Backing up kubelet config file to ${dir}/config.yaml`);
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubelet-config');
  const kubelet = cm.code === 200 ? ((cm.body as KubeObject).data as Record<string, string> | undefined)?.kubelet : undefined;
  if (kubelet) fs.writeFile('/var/lib/kubelet/config.yaml', kubelet);
  env.out('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"');
  if (opts.phased) env.out('[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!');
}

/** `kubeadm upgrade node` after its flags (--etcd-upgrade, --certificate-renewal): the exit status (errors on stderr). */
export async function runUpgradeNode(env: PhaseEnv, opts: Pick<StaticPodUpgradeOptions, 'etcdUpgrade' | 'renewCerts'> = {}): Promise<number> {
  const cluster = clusterOf(env.world);
  const fs = env.machine.rootFs;
  const useLine = env.release.minor >= 33 ? "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it." : "[upgrade] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.";
  const server = /server:\s*https:\/\/(\S+)/.exec(read(env, '/etc/kubernetes/admin.conf') ?? read(env, '/etc/kubernetes/kubelet.conf') ?? '')?.[1];
  if (!server) {
    env.err?.("couldn't create a Kubernetes client from file \"/etc/kubernetes/kubelet.conf\": failed to load admin kubeconfig: open /etc/kubernetes/kubelet.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher");
    return 1;
  }
  if (!cluster?.connect(`https://${server}`, env.machine.hostname)) {
    env.err?.(`unable to fetch the kubeadm-config ConfigMap: failed to get config map: Get "https://${server}/api/v1/namespaces/kube-system/configmaps/kubeadm-config?timeout=10s": dial tcp ${server}: connect: connection refused\nTo see the stack trace of this error execute with --v=5 or higher`);
    return 1;
  }
  const admin = new ApiClient(cluster.apiServer, undefined, 'kubeadm');
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config');
  const clusterConfig = cm.code === 200 ? String(((cm.body as KubeObject).data as Record<string, string> | undefined)?.ClusterConfiguration ?? '') : '';
  const target = /kubernetesVersion:\s*(\S+)/.exec(clusterConfig)?.[1] ?? cluster.version;
  const controlPlane = !!fs.stat(`${MANIFESTS}/kube-apiserver.yaml`);
  env.out('[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...');
  env.out(useLine);
  // The node registration: the Node named by kubelet.conf's identity (GetNodeRegistration).
  const nodeName = nodeNameFromKubeletConf(fs) ?? runningHostname(env.machine).trim().toLowerCase();
  if (admin.get({ group: '', version: 'v1', resource: 'nodes' }, undefined, nodeName).code === 404) {
    env.err?.(`unable to fetch the kubeadm-config ConfigMap: failed to get node registration: failed to get corresponding node: nodes "${nodeName}" not found\nTo see the stack trace of this error execute with --v=5 or higher`);
    return 1;
  }
  env.out('[upgrade/preflight] Running pre-flight checks');
  if (!controlPlane) {
    env.out('[upgrade/preflight] Skipping prepull. Not a control plane node.');
    env.out('[upgrade/control-plane] Skipping phase. Not a control plane node.');
    env.out('[upgrade/kubeconfig] Skipping phase. Not a control plane node.');
    writeKubeletConfig(env, admin);
    env.out('[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.');
    env.out('[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.');
    return 0;
  }
  env.out('[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster');
  env.out('[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection');
  env.out("[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'");
  await env.sleep(8_000);
  env.out(`[upgrade/control-plane] Upgrading your Static Pod-hosted control plane instance to version "${target}"...`);
  await upgradeStaticPods(env, admin, target, opts);
  env.out('[upgrade/control-plane] The control plane instance for this node was successfully upgraded!');
  env.out('[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!');
  writeKubeletConfig(env, admin);
  const behind = unupgradedControlPlanes(env, target);
  if (behind.length) {
    for (let i = 0; i < 2; i++) env.out(`[upgrade/addon] Skipping upgrade of addons because control plane instances [${behind.join(' ')}] have not been upgraded`);
  } else for (const line of upgradeAddons(admin, target)) env.out(line);
  return 0;
}
