/**
 * The control plane's programs parse their command lines first: a flag they do not know, a flag
 * without its value or a value of the wrong type ends them at once with the parser's error
 * (pflag under cobra for the Kubernetes components, Go's flag package for etcd), and the kubelet
 * restarts them into CrashLoopBackOff. Every command line kubeadm writes parses.
 */
import { describe, expect, it } from 'vitest';
import { flagFailure } from '../../../src/sim/cluster/component-flags';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { readStaticPods } from '../../../src/sim/kubelet/static-pods';
import { apiServerOptionErrors } from '../../../src/sim/cluster/control-plane-processes';

const API = 'v1.33.4';

describe('kube-apiserver, kube-controller-manager and kube-scheduler (pflag, cobra)', () => {
  it.each([
    [['kube-apiserver', '--etcd-serverz=https://127.0.0.1:2379'], 'Error: unknown flag: --etcd-serverz'],
    // removed in v1.24 (the older notes still write it)
    [['kube-apiserver', '--insecure-port=0'], 'Error: unknown flag: --insecure-port'],
    // removed from kube-apiserver in v1.33
    [['kube-apiserver', '--cloud-provider=external'], 'Error: unknown flag: --cloud-provider'],
    [['kube-apiserver', '--secure-port=six'], 'Error: invalid argument "six" for "--secure-port" flag: strconv.ParseInt: parsing "six": invalid syntax'],
    [['kube-apiserver', '--secure-port=99999999999999999999'], 'Error: invalid argument "99999999999999999999" for "--secure-port" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    [['kube-apiserver', '--allow-privileged=yes'], 'Error: invalid argument "yes" for "--allow-privileged" flag: strconv.ParseBool: parsing "yes": invalid syntax'],
    [['kube-apiserver', '--audit-log-maxage'], 'Error: flag needs an argument: --audit-log-maxage'],
    [['kube-apiserver', '--request-timeout=1 minute'], 'Error: invalid argument "1 minute" for "--request-timeout" flag: time: unknown unit " minute" in duration "1 minute"'],
    [['kube-apiserver', '-x'], "Error: unknown shorthand flag: 'x' in -x"],
    [['kube-apiserver', '-v=high'], 'Error: invalid argument "high" for "-v, --v" flag: strconv.ParseInt: parsing "high": invalid syntax'],
    [['kube-apiserver', '---secure-port=6443'], 'Error: bad flag syntax: ---secure-port=6443'],
    [['kube-scheduler', '--leader-elect=true', 'bind-address=127.0.0.1'], 'Error: "kube-scheduler" does not take any arguments, got ["bind-address=127.0.0.1"]'],
    [['kube-scheduler', '--port=0'], 'Error: unknown flag: --port'],
    [['kube-controller-manager', '--node-cidr-mask-size=twenty-four'], 'Error: invalid argument "twenty-four" for "--node-cidr-mask-size" flag: strconv.ParseInt: parsing "twenty-four": invalid syntax'],
    [['/usr/local/bin/kube-controller-manager', '--allocate-node-cidr=true'], 'Error: unknown flag: --allocate-node-cidr'],
  ])('%j fails: %s', (argv, line) => {
    expect(flagFailure(argv, API)).toEqual({ lines: [line], exitCode: 1 });
  });

  it.each([
    // '_' is read as '-' (component-base's WordSepNormalizeFunc)
    [['kube-apiserver', '--etcd_servers=https://127.0.0.1:2379']],
    [['kube-apiserver', '--secure-port', '6443', '--allow-privileged', '--v=2', '-v', '4', '-v5']],
    [['kube-apiserver', '--secure-port=0x1A2B', '--request-timeout=1m30s', '--goaway-chance=0.01', '--version']],
    [['kube-scheduler', '--leader-elect=false', '--', '']],
    [['kube-controller-manager', '--controllers=*,bootstrapsigner,tokencleaner', '--use-service-account-credentials']],
  ])('%j parses', (argv) => {
    expect(flagFailure(argv, API)).toBeUndefined();
  });

  it('knows v1.32 (still with --cloud-provider) and v1.33 only', () => {
    expect(flagFailure(['kube-apiserver', '--cloud-provider=external'], 'v1.32.8')).toBeUndefined();
    expect(flagFailure(['kube-apiserver', '--emulation-forward-compatible'], 'v1.32.8')).toEqual({ lines: ['Error: unknown flag: --emulation-forward-compatible'], exitCode: 1 });
    expect(flagFailure(['kube-apiserver', '--emulation-forward-compatible'], 'v1.33.4')).toBeUndefined();
    expect(flagFailure(['kube-apiserver', '--made-up'], 'v1.30.2')).toBeUndefined();
  });
});

describe('etcd (Go flag package)', () => {
  const USAGE_HEAD = ['Usage:', '', '  etcd [flags]', '    Start an etcd server.'];

  it('refuses an unknown flag with one dash in the message, then prints its usage; exit 2', () => {
    const f = flagFailure(['etcd', '--data-dirr=/var/lib/etcd'], '3.5.21-0')!;
    expect(f.exitCode).toBe(2);
    expect(f.lines.slice(0, 5)).toEqual(['flag provided but not defined: -data-dirr', ...USAGE_HEAD]);
    expect(f.lines.slice(-3)).toEqual(['  etcd grpc-proxy', '    Run the stateless etcd v3 gRPC L7 reverse proxy.', '']);
  });

  it('wants a value for a value flag and a boolean for a bool flag', () => {
    expect(flagFailure(['etcd', '--name'], '3.5.21-0')!.lines[0]).toBe('flag needs an argument: -name');
    expect(flagFailure(['etcd', '--client-cert-auth=yes'], '3.5.21-0')!.lines[0]).toBe('invalid boolean value "yes" for -client-cert-auth: parse error');
    expect(flagFailure(['etcd', '-name', 'cka01', '--client-cert-auth', '--data-dir=/var/lib/etcd'], '3.5.21-0')).toBeUndefined();
  });
});

describe('the command lines kubeadm writes', () => {
  it.each(['cluster', 'upgrade', 'minikube'])('all parse in the %s scenario', (scenario) => {
    const world = bootWorld(scenario);
    let checked = 0;
    for (const machine of world.machines.values()) {
      if (!machine.rootFs.stat('/etc/kubernetes/manifests')) continue;
      for (const { pod } of readStaticPods(machine.rootFs, machine.hostname)) {
        for (const c of (pod.spec as { containers: Array<{ command?: string[]; args?: string[]; image: string }> }).containers) {
          const argv = [...(c.command ?? []), ...(c.args ?? [])];
          expect(flagFailure(argv, c.image.split(':').pop()!), `${machine.hostname} ${argv.join(' ')}`).toBeUndefined();
          expect(apiServerOptionErrors(argv, c.image.split(':').pop()!)).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe("kube-apiserver's option validation", () => {
  it('refuses admission plugins it does not register, naming each with its flag', () => {
    const argv = ['kube-apiserver', '--enable-admission-plugins=NodeRestriction,PodSecurityPolicy', '--disable-admission-plugins=DefaultStorageClas'];
    expect(apiServerOptionErrors(argv, 'v1.33.4')).toEqual(['enable-admission-plugins plugin "PodSecurityPolicy" is unknown', 'disable-admission-plugins plugin "DefaultStorageClas" is unknown']);
    expect(apiServerOptionErrors(['kube-apiserver', '--enable-admission-plugins=NodeRestriction,PodTopologyLabels'], 'v1.33.4')).toEqual([]);
    // PodTopologyLabels came with v1.33
    expect(apiServerOptionErrors(['kube-apiserver', '--enable-admission-plugins=PodTopologyLabels'], 'v1.32.8')).toEqual(['enable-admission-plugins plugin "PodTopologyLabels" is unknown']);
  });
});

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

describe('a mistyped flag in a static pod manifest', () => {
  it('crash-loops kube-apiserver with the one line it prints, refuses clients, and heals once fixed', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--etcd-servers=#--etcd-serverz=#' ${MANIFEST}`);
    const broken = await runScript(world, 'cka01', 'sleep 60; crictl ps -a --name kube-apiserver; kubectl get nodes; echo "rc=$?"');
    expect(broken.stdout.split('\n').filter((l) => / Exited +kube-apiserver /.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(broken.stdout).toContain('rc=1');
    expect(broken.stderr).toContain('The connection to the server 192.168.6.171:6443 was refused - did you specify the right host or port?');
    const logs = await runScript(world, 'cka01', 'id=$(crictl ps -a --name kube-apiserver -q 2>/dev/null | head -1); crictl logs $id 2>&1 >/dev/null | grep -v "^WARN"; echo "rc=$?"');
    expect(logs.stdout).toBe('Error: unknown flag: --etcd-serverz\nrc=0\n');

    await runScript(world, 'cka01', `sed -i 's#--etcd-serverz=#--etcd-servers=#' ${MANIFEST}`);
    const healed = await runScript(world, 'cka01', 'sleep 360; kubectl get nodes; echo "rc=$?"');
    expect(healed.stdout).toContain('rc=0');
  }, 60_000);

  it('crash-loops kube-apiserver with an admission plugin it does not know: the external host, then the error', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--enable-admission-plugins=NodeRestriction#--enable-admission-plugins=NodeRestrictio#' ${MANIFEST}`);
    const r = await runScript(world, 'cka01', 'sleep 60; id=$(crictl ps -a --name kube-apiserver -q 2>/dev/null | head -1); crictl logs $id 2>&1 >/dev/null | grep -v "^WARN"; kubectl get ns; echo "rc=$?"');
    expect(r.stdout).toMatch(/^I\d{4} [\d:.]+ +1 options\.go:249\] external host was not specified, using 192\.168\.6\.171\nE\d{4} [\d:.]+ +1 run\.go:72\] "command failed" err="enable-admission-plugins plugin \\"NodeRestrictio\\" is unknown"\nrc=1\n$/);
  }, 60_000);

  it('stops the scheduler (new pods stay Pending) and shows its error in the container log', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#- --leader-elect=true#- --leader-elect=yes#' /etc/kubernetes/manifests/kube-scheduler.yaml`);
    const r = await runScript(world, 'cka01', 'sleep 60; kubectl run web --image=nginx >/dev/null; sleep 20; kubectl get pod web --no-headers; crictl logs $(crictl ps -a --name kube-scheduler -q | head -1) 2>&1 | tail -1');
    expect(r.stdout).toMatch(/^web +0\/1 +Pending +0 /m);
    expect(r.stdout).toContain('Error: invalid argument "yes" for "--leader-elect" flag: strconv.ParseBool: parsing "yes": invalid syntax\n');
  }, 60_000);
});
