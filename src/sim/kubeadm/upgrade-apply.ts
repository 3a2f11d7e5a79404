/**
 * `kubeadm upgrade apply <version>` after its preconditions (root, admin.conf, a reachable API server):
 * what it prints and in which order, keyed by the installed kubeadm's minor.
 *
 * - v1.32+ runs apply as workflow phases (cmd/kubeadm/app/cmd/phases/upgrade/apply): preflight
 *   (version skew, the prompt, the image pull), control-plane, upload-config, kubeconfig,
 *   kubelet-config, bootstrap-token, addon/coredns, addon/kube-proxy, post-upgrade; a failing
 *   phase ends as "error execution phase <name>: ...". v1.32 and v1.33 differ in the upload-config
 *   hint (your-config.yaml / your-config-file) and v1.32's misspelt "[upgrad/kubeconfig]".
 * - v1.31 and older run one function (cmd/upgrade/apply.go runApply) with "[upgrade/version] FATAL"
 *   errors, [upgrade/prepull] and [upgrade/apply] prefixes and the "[upgrade/successful] ... Enjoy!"
 *   ending; up to v1.30 etcd is upgraded before the other manifests are written and the backup
 *   line reads "Moved new manifest ... backed up".
 * - --dry-run changes nothing: it pulls no image, prints the manifests and kubelet configuration
 *   it would write and the add-ons it would apply ([dryrun] lines), and ends with
 *   "[upgrade/successful] Finished dryrunning successfully!". --etcd-upgrade=false leaves etcd's
 *   manifest alone; --certificate-renewal=false renews no certificate.
 */
import { ApiClient } from '../apiserver';
import { clusterOf } from '../cluster/attach';
import { compareDebVersions } from '../packages/version';
import type { PhaseEnv } from './init';
import { storeKubernetesVersion, upgradeAddons } from './upgrade';
import { unupgradedControlPlanes, upgradeStaticPods, writeKubeletConfig } from './upgrade-node';
import { dryRunAddons, dryRunKubeletConfig, dryRunStaticPods } from './upgrade-apply-dry-run';

export interface ApplyRequest {
  /** The version argument as typed (v prefix optional); undefined when missing. */
  target: string | undefined;
  clusterVersion: string;
  /** -y/--yes, -f/--force or --dry-run: no prompt. */
  nonInteractive: boolean;
  /** -f/--force: skippable version skew errors become a notice. */
  force: boolean;
  /** --dry-run: print what would be done, change nothing. */
  dryRun?: boolean;
  /** --etcd-upgrade (default true). */
  etcdUpgrade?: boolean;
  /** --certificate-renewal (default true). */
  certificateRenewal?: boolean;
  /** Writes the prompt and reads the answer; null on end of input. */
  confirm(prompt: string): Promise<string | null>;
}

/** kubeadm's MinimumControlPlaneVersion: one minor below its own. */
const MIN_CONTROL_PLANE_MINOR_SKEW = 1;
/** MaximumAllowedMinorVersionKubeletSkew (n-3 since v1.28). */
const KUBELET_SKEW = 3;

function cmp(a: string, b: string): number {
  return compareDebVersions(a.replace(/^v/, ''), b.replace(/^v/, ''));
}

function minorOf(v: string): number {
  return Number(v.replace(/^v/, '').split('.')[1]);
}

export interface SkewErrors {
  mandatory: string[];
  skippable: string[];
}

/** phases/upgrade/policy.go EnforceVersionPolicies: the version skew errors of an upgrade to `target`. */
export function versionSkewErrors(target: string, clusterVersion: string, kubeadmVersion: string, kubeletVersions: string[]): SkewErrors {
  const mandatory: string[] = [];
  const skippable: string[] = [];
  const tm = minorOf(target);
  const cm = minorOf(clusterVersion);
  const km = minorOf(kubeadmVersion);
  if (tm < km - MIN_CONTROL_PLANE_MINOR_SKEW) mandatory.push(`Specified version to upgrade to "${target}" is equal to or lower than the minimum supported version "${clusterVersion}". Please specify a higher version to upgrade to`);
  if (tm > cm + 1) mandatory.push(`Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (tm < cm - 1) mandatory.push(`Specified version to downgrade to "${target}" is too low; kubeadm can downgrade only 1 minor version at a time`);
  if (cmp(kubeadmVersion, target) < 0) {
    if (tm > km) mandatory.push(`Specified version to upgrade to "${target}" is at least one minor release higher than the kubeadm minor release (${tm} > ${km}). Such an upgrade is not supported`);
    else skippable.push(`Specified version to upgrade to "${target}" is higher than the kubeadm version "${kubeadmVersion}". Upgrade kubeadm first using the tool you used to install kubeadm`);
  }
  if (km > tm) skippable.push(`Kubeadm version ${kubeadmVersion} can only be used to upgrade to Kubernetes version 1.${km}`);
  const tooOld = [...new Set(kubeletVersions)].filter((v) => tm > minorOf(v) + KUBELET_SKEW);
  if (tooOld.length) skippable.push(`There are kubelets in this cluster that are too old that have these versions [${tooOld.join(' ')}]`);
  return { mandatory, skippable };
}

function formatErrors(errs: string[]): string {
  return errs.map((e) => `\t- ${e}\n`).join('');
}

function kubeletVersions(env: PhaseEnv): string[] {
  const cluster = clusterOf(env.world);
  return cluster ? [...cluster.kubelets.values()].map((k) => k.version) : [];
}

const BOOTSTRAP_TOKEN_RBAC = [
  '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes',
  '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials',
  '[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token',
  '[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster',
];

/** The addon phases' notice while other control plane instances are behind (v1.32+: once per addon). */
function addonSkipLines(behind: string[], phased: boolean): string[] {
  const list = behind.join(' ');
  return phased ? Array(2).fill(`[upgrade/addon] Skipping upgrade of addons because control plane instances [${list}] have not been upgraded`) : [`[upgrade/addons] skip upgrade addons because control plane instances [${list}] have not been upgraded`];
}

/** Runs the upgrade; returns the exit status (errors on env.err). */
export async function runUpgradeApply(env: PhaseEnv, req: ApplyRequest): Promise<number> {
  const minor = env.release.minor;
  const phased = minor >= 32;
  // The caller has checked that the cluster's API server answers (kubeadm-config was read).
  const cluster = clusterOf(env.world);
  if (!cluster) return 1;
  const fail = (message: string): number => {
    env.err?.(`${message}\nTo see the stack trace of this error execute with --v=5 or higher`);
    return 1;
  };
  const missing = 'missing one or more required arguments. Required arguments: [version]';
  // v1.32+ checks its arguments before any phase runs; older releases after the health checks.
  if (req.target === undefined && phased) return fail(missing);
  if (phased) {
    env.out('[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...');
    env.out(`[upgrade] Use 'kubeadm init phase upload-config --config ${minor >= 33 ? 'your-config-file' : 'your-config.yaml'}' to re-upload it.`);
    env.out('[upgrade/preflight] Running preflight checks');
    env.out('[upgrade] Running cluster health checks');
  } else {
    env.out('[preflight] Running pre-flight checks.');
    env.out('[upgrade/config] Reading configuration from the cluster...');
    env.out("[upgrade/config] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'");
    env.out('[upgrade] Running cluster health checks');
  }
  if (req.target === undefined) return fail(missing);
  const t = req.target.startsWith('v') ? req.target : `v${req.target}`;
  if (!/^v?\d+\.\d+\.\d+$/.test(req.target)) {
    const message = `the version argument is invalid due to these errors:\n\n\t- Specified version to upgrade to "${req.target}" is an invalid version`;
    return fail(phased ? `error execution phase preflight: ${message}` : `[upgrade/version] FATAL: ${message.replace('the version', 'the --version')}`);
  }
  env.out(phased ? `[upgrade/preflight] You have chosen to upgrade the cluster version to "${t}"` : `[upgrade/version] You have chosen to change the cluster version to "${t}"`);
  env.out(`[upgrade/versions] Cluster version: ${req.clusterVersion}`);
  env.out(`[upgrade/versions] kubeadm version: ${env.release.gitVersion}`);
  const skew = versionSkewErrors(t, req.clusterVersion, env.release.gitVersion, kubeletVersions(env));
  const arg = phased ? 'the version argument' : 'the --version argument';
  const wrap = (m: string) => (phased ? `error execution phase preflight: ${m}` : `[upgrade/version] FATAL: ${m}`);
  if (skew.mandatory.length) return fail(wrap(`${arg} is invalid due to these fatal errors:\n\n${formatErrors(skew.mandatory)}\nPlease fix the misalignments highlighted above and try upgrading again`));
  if (skew.skippable.length) {
    if (!req.force) return fail(wrap(`${arg} is invalid due to these errors:\n\n${formatErrors(skew.skippable)}\nCan be bypassed if you pass the --force flag`));
    env.out(`${phased ? '[upgrade/preflight]' : '[upgrade/version]'} Found ${skew.skippable.length} potential version compatibility errors but skipping since the --force flag is set: \n\n${formatErrors(skew.skippable).replace(/\n$/, '')}`);
  }
  const dryRun = !!req.dryRun;
  if (!req.nonInteractive && !dryRun) {
    // cmdutil.InteractivelyConfirmAction from v1.25; before, apply asked its own question.
    const answer = await req.confirm(minor >= 25 ? '[upgrade] Are you sure you want to proceed? [y/N]: ' : '[upgrade/confirm] Are you sure you want to proceed with the upgrade? [y/N]: ');
    if (!answer || !/^y(es)?$/i.test(answer.split('\n')[0].trim())) {
      const message = "won't proceed; the user didn't answer (Y|y) in order to continue";
      return fail(phased ? `error execution phase preflight: ${message}` : message);
    }
  }
  const admin = new ApiClient(cluster.apiServer, undefined, 'kubeadm');
  if (dryRun) return dryRunApply(env, admin, t, phased);
  const prefix = phased ? '[upgrade/preflight]' : '[upgrade/prepull]';
  env.out(`${prefix} Pulling images required for setting up a Kubernetes cluster`);
  env.out(`${prefix} This might take a minute or two, depending on the speed of your internet connection`);
  env.out(`${prefix} You can also perform this action ${minor >= 31 ? 'beforehand' : 'in beforehand'} using 'kubeadm config images pull'`);
  await env.sleep(10_000);

  env.out(phased ? `[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${t}" (timeout: 5m0s)...` : `[upgrade/apply] Upgrading your Static Pod-hosted control plane to version "${t}" (timeout: 5m0s)...`);
  await upgradeStaticPods(env, admin, t, { etcdFirst: minor <= 30, etcdUpgrade: req.etcdUpgrade ?? true, renewCerts: req.certificateRenewal ?? true });
  if (phased) env.out('[upgrade/control-plane] The control plane instance for this node was successfully upgraded!');
  // The kubeadm-config ConfigMap gets the new kubernetesVersion (what `upgrade node` reads).
  storeKubernetesVersion(admin, t);
  env.out('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace');
  env.out('[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster');
  if (phased) env.out(`${minor === 32 ? '[upgrad/kubeconfig]' : '[upgrade/kubeconfig]'} The kubeconfig files for this node were successfully upgraded!`);
  writeKubeletConfig(env, admin, { phased });
  if (phased) env.out('[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules');
  for (const line of BOOTSTRAP_TOKEN_RBAC) env.out(line);
  const behind = unupgradedControlPlanes(env, t);
  if (behind.length) for (const line of addonSkipLines(behind, phased)) env.out(line);
  else for (const line of upgradeAddons(admin, t)) env.out(line);
  env.out('');
  if (phased) {
    env.out(`[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${t}".`);
    env.out('');
    env.out('[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.');
  } else {
    env.out(`[upgrade/successful] SUCCESS! Your cluster was upgraded to "${t}". Enjoy!`);
    env.out('');
    env.out("[upgrade/kubelet] Now that your control plane is upgraded, please proceed with upgrading your kubelets if you haven't already done so.");
  }
  return 0;
}

/**
 * --dry-run after the preflight checks: the same phases, each saying what it would do; the
 * cluster, its ConfigMaps and this machine's files stay as they are.
 */
function dryRunApply(env: PhaseEnv, admin: ApiClient, t: string, phased: boolean): number {
  const write = (text: string) => {
    if (text) env.out(text.replace(/\n$/, ''));
  };
  env.out(phased ? "[dryrun] Would pull the required images (like 'kubeadm config images pull')" : "[upgrade/prepull] Would pull the required images (like 'kubeadm config images pull')");
  // v1.32+ prints the control-plane line without a newline: the first file follows on the same line.
  if (phased) write(`[dryrun] Would upgrade your static Pod-hosted control plane to version "${t}"${dryRunStaticPods(env, t)}`);
  else {
    env.out(`[upgrade/apply] Upgrading your Static Pod-hosted control plane to version "${t}" (timeout: 5m0s)...`);
    write(dryRunStaticPods(env, t));
  }
  if (phased) {
    env.out('[dryrun] Would upload the kubeadm ClusterConfiguration to a ConfigMap');
    env.out('[dryrun] Would upload the kubelet configuration to a ConfigMap');
    env.out('[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!');
  }
  write(dryRunKubeletConfig(env, admin));
  // The phases print their closing lines whether they acted or not.
  if (phased) env.out('[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!');
  if (phased) env.out('[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules');
  for (const line of BOOTSTRAP_TOKEN_RBAC) env.out(line);
  const behind = unupgradedControlPlanes(env, t);
  if (behind.length) for (const line of addonSkipLines(behind, phased)) env.out(line);
  else write(dryRunAddons(admin, t));
  env.out('[upgrade/successful] Finished dryrunning successfully!');
  return 0;
}
