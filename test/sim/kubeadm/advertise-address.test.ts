/**
 * `kubeadm init --config` with the unedited `advertiseAddress: 1.2.3.4` of `kubeadm config print
 * init-defaults`: etcd cannot bind its listeners there and crash-loops, the API server never gets
 * its storage, kubeadm v1.33's control-plane check times out on the API server; reset, the right
 * address, and init succeeds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { PREPARE_NODE } from './equivalence/install-script';

type Result = { stdout: string; stderr: string; status: number };

const HOSTNAME_NODE_WARNINGS =
  '\t[WARNING Hostname]: hostname "node" could not be reached\n' + '\t[WARNING Hostname]: hostname "node": lookup node on 127.0.0.53:53: server misbehaving\n';

describe('kubeadm init with an advertise address the machine does not hold', () => {
  let world: World;
  let init: Result;

  beforeAll(async () => {
    world = bootWorld('machines', 1);
    await runScript(world, 'cka01', PREPARE_NODE);
    init = await runScript(world, 'cka01', 'kubeadm config print init-defaults > init.yaml\nkubeadm init --config init.yaml');
  }, 120_000);

  it('waits for each component, reports the API server unhealthy after its blocked attempts, and fails with kubeadm 1.33 texts', () => {
    expect(init.status).toBe(1);
    const wait = init.stdout.slice(init.stdout.indexOf('[control-plane-check]'));
    expect(wait).toBe(
      [
        '[control-plane-check] Waiting for healthy control plane components. This can take up to 4m0s',
        '[control-plane-check] Checking kube-apiserver at https://1.2.3.4:6443/livez',
        '[control-plane-check] Checking kube-controller-manager at https://127.0.0.1:10257/healthz',
        '[control-plane-check] Checking kube-scheduler at https://127.0.0.1:10259/livez',
        '[control-plane-check] kube-controller-manager is healthy after 1.003219398s',
        '[control-plane-check] kube-scheduler is healthy after 1.058506374s',
        // Two 130 s connection attempts to an address nobody answers: the second ends after the deadline.
        '[control-plane-check] kube-apiserver is not healthy after 4m20.020501755s',
        '',
        'A control plane component may have crashed or exited when started by the container runtime.',
        'To troubleshoot, list all containers using your preferred container runtimes CLI.',
        'Here is one example how you may list all running Kubernetes containers by using crictl:',
        "\t- 'crictl --runtime-endpoint unix:///var/run/containerd/containerd.sock ps -a | grep kube | grep -v pause'",
        '\tOnce you have found the failing container, you can inspect its logs with:',
        "\t- 'crictl --runtime-endpoint unix:///var/run/containerd/containerd.sock logs CONTAINERID'",
        '',
      ].join('\n'),
    );
    // init-defaults names the node "node", which nothing resolves: kubeadm's Hostname check warns first.
    expect(init.stderr).toBe(
      HOSTNAME_NODE_WARNINGS +
      'error execution phase wait-control-plane: failed while waiting for the control plane to start: kube-apiserver check failed at https://1.2.3.4:6443/livez: Get "https://1.2.3.4:6443/livez": dial tcp 1.2.3.4:6443: connect: connection timed out\n' +
        'To see the stack trace of this error execute with --v=5 or higher\n',
    );
    expect(init.stdout).toContain('[kubelet-check] The kubelet is healthy after 501.483944ms\n');
  });

  it('leaves etcd exited again and again with its bind error in crictl logs, the API server failing on its storage', async () => {
    const r = await runScript(world, 'cka01', 'crictl ps -a 2>/dev/null | grep -oE "(Running|Exited) +[a-z-]+" | sed -E "s/ +/ /" | sort | uniq -c');
    const etcdExits = /(\d+) Exited etcd/.exec(r.stdout);
    expect(Number(etcdExits?.[1])).toBeGreaterThanOrEqual(4);
    expect(r.stdout).toMatch(/\d+ Exited kube-apiserver/);
    expect(r.stdout).toContain('1 Running kube-controller-manager');
    expect(r.stdout).toContain('1 Running kube-scheduler');
    expect(r.stdout).not.toContain('Running etcd');

    const logs = await runScript(world, 'cka01', 'crictl logs $(crictl ps -a -q --name etcd 2>/dev/null | head -1) 2>&1 | grep -v ^WARN');
    const lines = logs.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => `${l.level} ${l.caller} ${l.msg}`)).toEqual([
      'info etcdmain/etcd.go:73 Running: ',
      'warn embed/config.go:689 Running http and grpc server on single port. This is not recommended for production.',
      'info embed/etcd.go:140 configuring peer listeners',
      'info embed/etcd.go:528 starting with peer TLS',
      'error embed/etcd.go:570 creating peer listener failed',
      'warn embed/etcd.go:542 closing peer listener',
      'info embed/etcd.go:408 closing etcd server',
      'info embed/etcd.go:410 closed etcd server',
      'warn etcdmain/etcd.go:146 failed to start etcd',
      'fatal etcdmain/etcd.go:204 discovery failed',
    ]);
    expect(lines[4].error).toBe('listen tcp 1.2.3.4:2380: bind: cannot assign requested address');
    expect(lines[2]['listen-peer-urls']).toEqual(['https://1.2.3.4:2380']);

    const inspect = await runScript(world, 'cka01', 'crictl inspect $(crictl ps -a -q --name etcd 2>/dev/null | head -1) 2>/dev/null | grep -E \'"(exitCode|state)"\'');
    expect(inspect.stdout).toContain('"state": "CONTAINER_EXITED"');
    expect(inspect.stdout).toContain('"exitCode": 1');

    const api = await runScript(world, 'cka01', 'crictl logs $(crictl ps -a 2>/dev/null | grep Exited | grep kube-apiserver | head -1 | cut -c1-13) 2>&1 | grep -v ^WARN | sed -E "s/^([IWF])[0-9]{4} [0-9:.]+ +1 /\\1 /"');
    const apiLines = api.stdout.trim().split('\n');
    expect(apiLines[0]).toBe('I options.go:249] external host was not specified, using 1.2.3.4');
    expect(apiLines[1]).toBe('I server.go:147] Version: v1.33.0');
    expect(apiLines).toContain('W logging.go:55] [core] [Channel #1 SubChannel #4]grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2379", ServerName: "127.0.0.1:2379", }. Err: connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused"');
    expect(apiLines[apiLines.length - 1]).toBe('F instance.go:226] Error creating leases: error creating storage factory: context deadline exceeded');
  });

  it('nothing answers at the advertised address meanwhile', async () => {
    const r = await runScript(world, 'cka01', 'kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes --request-timeout=1s >/dev/null 2>&1; echo $?');
    expect(r.stdout).toBe('1\n');
  });

  it('after kubeadm reset -f and the machine address in the file, init succeeds and the cluster advertises that address', async () => {
    const reset = await runScript(world, 'cka01', 'kubeadm reset -f >/dev/null 2>&1; echo $?');
    expect(reset.stdout).toBe('0\n');
    const again = await runScript(world, 'cka01', "sed -i 's/advertiseAddress: 1.2.3.4/advertiseAddress: 192.168.6.171/; s/name: node$/name: cka01/' init.yaml\nkubeadm init --config init.yaml");
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('[control-plane-check] kube-apiserver is healthy after ');
    expect(again.stdout).toContain('Your Kubernetes control-plane has initialized successfully!');
    const r = await runScript(world, 'cka01', 'export KUBECONFIG=/etc/kubernetes/admin.conf\nkubectl get nodes --no-headers | awk \'{print $1}\'\nkubectl get endpoints kubernetes -o jsonpath="{.subsets[0].addresses[0].ip}"');
    expect(r.stdout).toBe('cka01\n192.168.6.171');
  });
});

describe('kubeadm init --apiserver-advertise-address', () => {
  it('an address of another machine fails the same way (etcd cannot bind it); the machine address succeeds', async () => {
    const world = bootWorld('machines', 2);
    await runScript(world, 'cka01', PREPARE_NODE);
    const wrong = await runScript(world, 'cka01', 'kubeadm init --apiserver-advertise-address=192.168.6.172');
    expect(wrong.status).toBe(1);
    // cka02 holds that address and refuses port 6443 at once: the checks stop at the deadline.
    expect(wrong.stdout).toContain('[control-plane-check] kube-apiserver is not healthy after 4m0.000501755s\n');
    expect(wrong.stderr).toContain('kube-apiserver check failed at https://192.168.6.172:6443/livez: Get "https://192.168.6.172:6443/livez": dial tcp 192.168.6.172:6443: connect: connection refused\n');
    await runScript(world, 'cka01', 'kubeadm reset -f');
    const right = await runScript(world, 'cka01', 'kubeadm init --apiserver-advertise-address=192.168.6.171');
    expect(right.status).toBe(0);
    expect(right.stdout).toContain('[control-plane-check] Checking kube-apiserver at https://192.168.6.171:6443/livez\n');
  }, 120_000);
});

describe('kubeadm v1.32 init with the init-defaults address', () => {
  it('waits for the API server alone ([api-check]) and fails with v1.32 texts', async () => {
    const world = bootWorld('machines', 3);
    await runScript(world, 'cka01', PREPARE_NODE.replaceAll('v1.33', 'v1.32'));
    const r = await runScript(world, 'cka01', 'kubeadm config print init-defaults > init.yaml\nkubeadm init --config init.yaml');
    expect(r.status).toBe(1);
    expect(r.stdout.slice(r.stdout.indexOf('[api-check]'))).toBe(
      [
        '[api-check] Waiting for a healthy API server. This can take up to 4m0s',
        '[api-check] The API server is not healthy after 4m0.000106119s',
        '',
        'Unfortunately, an error has occurred:',
        '\tcontext deadline exceeded',
        '',
        'This error is likely caused by:',
        '\t- The kubelet is not running',
        '\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)',
        '',
        'If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:',
        "\t- 'systemctl status kubelet'",
        "\t- 'journalctl -xeu kubelet'",
        '',
        'Additionally, a control plane component may have crashed or exited when started by the container runtime.',
        'To troubleshoot, list all containers using your preferred container runtimes CLI.',
        'Here is one example how you may list all running Kubernetes containers by using crictl:',
        "\t- 'crictl --runtime-endpoint unix:///var/run/containerd/containerd.sock ps -a | grep kube | grep -v pause'",
        '\tOnce you have found the failing container, you can inspect its logs with:',
        "\t- 'crictl --runtime-endpoint unix:///var/run/containerd/containerd.sock logs CONTAINERID'",
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(HOSTNAME_NODE_WARNINGS + 'error execution phase wait-control-plane: could not initialize a Kubernetes cluster\nTo see the stack trace of this error execute with --v=5 or higher\n');
  }, 120_000);
});
