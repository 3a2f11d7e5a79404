/**
 * kubeadm upgrade apply's flags on the upgrade scenario (kubeadm 1.33.4 over a v1.32.8 cluster):
 * --dry-run prints what it would do and changes nothing; --etcd-upgrade=false leaves etcd's
 * manifest alone; --certificate-renewal=false renews nothing (and the default renews every
 * certificate of the control plane, as `kubeadm certs check-expiration` shows); the prompt
 * unless -y, --force or --dry-run; a flag value pflag cannot parse.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { run, usePackageNetwork, worldOf } from '../../tools/helpers';
import type { World } from '../../../src/sim/world';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { ApiClient, gvr, type KubeObject } from '../../../src/sim/apiserver';
import { World as SimWorld } from '../../../src/sim/world';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { buildKubeadmWorld } from '../../../src/sim/scenarios/kubeadm-world';
import { bootWorld } from '../../../src/runtime/session';
import { shellProgramNames } from '../../../src/shell/index';
import { systemProgramNames } from '../../../src/runtime/programs';
import { installPrograms, UBUNTU_BASE_PROGRAMS } from '../../../src/sim/machine/image';
import { toolNames } from '../../../src/tools/index';

beforeAll(() => usePackageNetwork());

const KUBEADM_133 = "sed -i 's/v1.32/v1.33/' /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null\napt-mark unhold kubeadm >/dev/null\napt-get install -y kubeadm=1.33.4-1.1 >/dev/null\n";

/** An hour after the cluster was built, kubeadm 1.33.4 installed on cka01. */
async function upgradeWorld(): Promise<World> {
  const w = worldOf('upgrade');
  await run(w, `${KUBEADM_133}sleep 3600`);
  return w;
}

function files(w: World, paths: string[]): string[] {
  const fs = w.machines.get('cka01')!.rootFs;
  return paths.map((p) => fs.readFile(p));
}

const MANIFESTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => `/etc/kubernetes/manifests/${c}.yaml`);
const CERTS = ['/etc/kubernetes/pki/apiserver.crt', '/etc/kubernetes/pki/etcd/server.crt', '/etc/kubernetes/admin.conf', '/etc/kubernetes/scheduler.conf'];

/** check-expiration's rows as name → EXPIRES. */
async function expiries(w: World): Promise<Record<string, string>> {
  const r = await run(w, 'kubeadm certs check-expiration');
  const rows = r.stdout.split('\n\n')[1].split('\n').slice(1);
  return Object.fromEntries(rows.filter(Boolean).map((l) => l.split(/\s{2,}/)).map((c) => [c[0], c[1]]));
}

function kubeadmConfigVersion(w: World): string | undefined {
  const admin = new ApiClient(clusterOf(w)!.apiServer);
  const cm = admin.get(gvr('configmaps'), 'kube-system', 'kubeadm-config').body as KubeObject;
  return /kubernetesVersion: (\S+)/.exec(String((cm.data as Record<string, string>).ClusterConfiguration))?.[1];
}

describe('kubeadm upgrade apply --dry-run', () => {
  it('(after a refused prompt and a bad flag value) asks nothing, prints the manifests and configuration it would write, and changes no file, certificate or object', async () => {
    const w = await upgradeWorld();
    const before = files(w, [...MANIFESTS, ...CERTS, '/var/lib/kubelet/config.yaml']);
    // Without -y the prompt stops on anything but y/yes; a value pflag cannot parse stops before anything runs.
    const refused = await run(w, 'echo n | kubeadm upgrade apply v1.33.4; echo rc=$?');
    expect(refused.stdout).toContain('[upgrade] Are you sure you want to proceed? [y/N]: rc=1\n');
    expect(refused.stderr).toBe("error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n");
    const badFlag = await run(w, 'kubeadm upgrade apply v1.33.4 -y --certificate-renewal=maybe; echo rc=$?');
    expect(badFlag).toEqual({ stdout: 'rc=1\n', stderr: 'invalid argument "maybe" for "--certificate-renewal" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nTo see the stack trace of this error execute with --v=5 or higher\n', status: 0 });
    const r = await run(w, 'kubeadm upgrade apply v1.33.4 --dry-run </dev/null; echo rc=$?');
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(4, 9)).toEqual([
      '[upgrade/preflight] You have chosen to upgrade the cluster version to "v1.33.4"',
      '[upgrade/versions] Cluster version: v1.32.8',
      '[upgrade/versions] kubeadm version: v1.33.4',
      "[dryrun] Would pull the required images (like 'kubeadm config images pull')",
      // v1.33 prints this line without its newline: the first file follows on it.
      '[dryrun] Would upgrade your static Pod-hosted control plane to version "v1.33.4"[dryrun] Would write file "/etc/kubernetes/manifests/kube-apiserver.yaml" with content:',
    ]);
    expect(r.stdout).not.toContain('Are you sure');
    expect(lines).toContain('    image: registry.k8s.io/kube-apiserver:v1.33.4');
    expect(lines).toContain('[dryrun] Would write file "/etc/kubernetes/manifests/kube-scheduler.yaml" with content:');
    expect(lines).toContain('[dryrun] Would write file "/var/lib/kubelet/config.yaml" with content:');
    expect(r.stdout).not.toContain('/etc/kubernetes/manifests/etcd.yaml');
    expect(lines).toContain('          image: registry.k8s.io/kube-proxy:v1.33.4');
    expect(lines.slice(-3)).toEqual(['[upgrade/successful] Finished dryrunning successfully!', 'rc=0', '']);
    expect(files(w, [...MANIFESTS, ...CERTS, '/var/lib/kubelet/config.yaml'])).toEqual(before);
    expect(kubeadmConfigVersion(w)).toBe('v1.32.8');
    const admin = new ApiClient(clusterOf(w)!.apiServer);
    const proxy = admin.get({ group: 'apps', version: 'v1', resource: 'daemonsets' }, 'kube-system', 'kube-proxy').body as KubeObject;
    expect(JSON.stringify(proxy.spec)).toContain('kube-proxy:v1.32.8');
  });
});

describe('kubeadm upgrade apply --etcd-upgrade and --certificate-renewal', () => {
  it('by default renews every control plane certificate (check-expiration: a year from the upgrade)', async () => {
    const w = await upgradeWorld();
    const before = await expiries(w);
    const r = await run(w, 'kubeadm upgrade apply v1.33.4 -y >/dev/null; echo rc=$?');
    expect(r.stdout).toBe('rc=0\n');
    const after = await expiries(w);
    const renewed = ['admin.conf', 'apiserver', 'apiserver-etcd-client', 'apiserver-kubelet-client', 'controller-manager.conf', 'etcd-healthcheck-client', 'etcd-peer', 'etcd-server', 'front-proxy-client', 'scheduler.conf'];
    for (const name of renewed) expect([name, after[name] === before[name]]).toEqual([name, false]);
    expect(Date.parse(after.apiserver.replace(' UTC', ' GMT'))).toBeGreaterThan(Date.parse(before.apiserver.replace(' UTC', ' GMT')));
  });

  it('--certificate-renewal=false renews nothing and prints no Renewing line; --etcd-upgrade=false leaves etcd out', async () => {
    const w = await upgradeWorld();
    const [etcdBefore, ...certsBefore] = files(w, [MANIFESTS[0], ...CERTS]);
    const r = await run(w, 'kubeadm upgrade apply v1.33.4 -y --etcd-upgrade=false --certificate-renewal=false; echo rc=$?');
    expect(r.stdout).toContain('[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.33.4".');
    expect(r.stdout).not.toContain('Renewing');
    expect(r.stdout).not.toContain('"etcd"');
    expect(r.stdout).not.toContain('[upgrade/etcd]');
    expect(r.stdout).toContain('[upgrade/staticpods] Component "kube-apiserver" upgraded successfully!');
    const [etcdAfter, ...certsAfter] = files(w, [MANIFESTS[0], ...CERTS]);
    expect(etcdAfter).toBe(etcdBefore);
    expect(certsAfter).toEqual(certsBefore);
    expect(files(w, [MANIFESTS[1]])[0]).toContain('image: registry.k8s.io/kube-apiserver:v1.33.4');
    // `upgrade node` takes the same two flags (on this control plane node: nothing left to upgrade).
    const node = await run(w, 'kubeadm upgrade node --etcd-upgrade=false --certificate-renewal=false; echo rc=$?');
    expect(node.stdout).toContain('[upgrade/staticpods] Current and new manifests of kube-apiserver are equal, skipping upgrade\n');
    expect(node.stdout).not.toContain('Renewing');
    expect(node.stdout).not.toContain('"etcd"');
    expect(node.stdout).toMatch(/rc=0\n$/);
    expect(files(w, [MANIFESTS[0], ...CERTS])).toEqual([etcdBefore, ...certsBefore]);
  });

  it('--etcd-upgrade=false alone still renews the other components\' certificates but not etcd\'s', async () => {
    const w = await upgradeWorld();
    const before = await expiries(w);
    const r = await run(w, 'kubeadm upgrade apply v1.33.4 --yes --etcd-upgrade=false | grep Renewing');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      '[upgrade/staticpods] Renewing apiserver certificate',
      '[upgrade/staticpods] Renewing apiserver-kubelet-client certificate',
      '[upgrade/staticpods] Renewing front-proxy-client certificate',
      '[upgrade/staticpods] Renewing apiserver-etcd-client certificate',
      '[upgrade/staticpods] Renewing controller-manager.conf certificate',
      '[upgrade/staticpods] Renewing scheduler.conf certificate',
    ]);
    const after = await expiries(w);
    expect([after['etcd-server'] === before['etcd-server'], after.apiserver === before.apiserver]).toEqual([true, false]);
  });
});

describe('kubeadm upgrade apply --dry-run before the phases', () => {
  it('v1.30: [upgrade/prepull] Would pull, the [upgrade/apply] line, files with tab-indented lines, nothing written', async () => {
    bootWorld('machines'); // registers the runtime's attachments
    const w = new SimWorld('upgrade', new SimClock(), new SeededRandom(1));
    buildKubeadmWorld(w, { seed: 1, programs: [...new Set([...shellProgramNames(), ...systemProgramNames()])] }, 'v1.29.15');
    for (const m of w.machines.values()) installPrograms(m.rootFs, toolNames.filter((n) => UBUNTU_BASE_PROGRAMS.includes(n)));
    const before = files(w, MANIFESTS);
    const install = "sed -i 's/v1.29/v1.30/' /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null\napt-mark unhold kubeadm >/dev/null\napt-get install -y kubeadm=1.30.14-1.1 >/dev/null\n";
    const r = await run(w, `${install}kubeadm upgrade apply v1.30.14 --dry-run 2>/dev/null`);
    const lines = r.stdout.split('\n');
    expect(lines.slice(6, 10)).toEqual([
      '[upgrade/versions] kubeadm version: v1.30.14',
      "[upgrade/prepull] Would pull the required images (like 'kubeadm config images pull')",
      '[upgrade/apply] Upgrading your Static Pod-hosted control plane to version "v1.30.14" (timeout: 5m0s)...',
      '[dryrun] Would write file "/etc/kubernetes/manifests/kube-apiserver.yaml" with content:',
    ]);
    expect(lines[10]).toBe('\tapiVersion: v1');
    expect(lines).toContain('\t    image: registry.k8s.io/kube-apiserver:v1.30.14');
    expect(lines.slice(-2)).toEqual(['[upgrade/successful] Finished dryrunning successfully!', '']);
    expect(files(w, MANIFESTS)).toEqual(before);
  });
});
