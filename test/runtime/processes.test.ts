/**
 * ps on a node: containerd and the kubelet with the command line systemd gives them, and for each
 * Pod its shim, its pause process and its containers' processes with their flags.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('ps and pgrep on a node', () => {
  it("show the control plane's processes with their flags, and each node's own Pods", async () => {
    const world = bootWorld('cluster');
    const run = (host: string, s: string) => runScript(world, host, s);
    const api = await run('cka01', 'ps aux | grep [k]ube-apiserver');
    expect(api.stdout).toMatch(/^root +\d+ +\d+\.\d +\d+\.\d +\d+ +\d+ \? +Ssl +\d\d:\d\d +\d+:\d\d kube-apiserver --advertise-address=192\.168\.6\.171 .*--etcd-servers=https:\/\/127\.0\.0\.1:2379 /);
    const kubelet = await run('cka01', 'ps -ef | grep "[/]usr/bin/kubelet"');
    expect(kubelet.stdout).toMatch(/ \/usr\/bin\/kubelet --bootstrap-kubeconfig=\/etc\/kubernetes\/bootstrap-kubelet\.conf --kubeconfig=\/etc\/kubernetes\/kubelet\.conf --config=\/var\/lib\/kubelet\/config\.yaml /);
    expect((await run('cka01', 'pgrep -l kube-sched')).stdout).toMatch(/^\d+ kube-scheduler\n$/);
    expect((await run('cka01', 'pgrep -l kube-controller')).stdout).toMatch(/^\d+ kube-controller\n$/);
    expect(await run('cka01', 'pgrep nosuch')).toEqual({ stdout: '', stderr: '', status: 1 });
    // A Pod's process runs on its node only, under a shim beside its pause process.
    await run('cka01', 'kubectl run bb --image=busybox --overrides=\'{"spec":{"nodeName":"cka03"}}\' -- sleep 3600; sleep 8');
    expect((await run('cka03', 'ps -ef | grep "[s]leep 3600"')).stdout).toMatch(/^root +\d+ +\d+ +\d+ \d\d:\d\d \? +00:00:01 sleep 3600\n$/);
    expect((await run('cka02', 'ps -ef | grep -c "[s]leep 3600"')).stdout).toBe('0\n');
    // ss: what the control plane listens on, with its owners.
    const ss = (await run('cka01', 'ss -tlnp')).stdout;
    expect(ss.split('\n')[0]).toMatch(/^State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess +$/);
    expect(ss).toMatch(/\nLISTEN 0      4096               \*:6443             \*:\*    users:\(\("kube-apiserver",pid=\d+,fd=3\)\) *\n/);
    expect(ss).toMatch(/\nLISTEN 0      4096   192\.168\.6\.171:2380       0\.0\.0\.0:\*    users:\(\("etcd",pid=\d+,fd=\d+\)\) *\n/);
    expect(ss).toMatch(/\nLISTEN 0      4096       127\.0\.0\.1:10259      0\.0\.0\.0:\*    users:\(\("kube-scheduler",pid=\d+,fd=3\)\) *\n/);
    // A stopped kubelet is no process.
    expect((await run('cka03', 'pgrep kubelet >/dev/null; echo $?; systemctl stop kubelet; pgrep kubelet; echo $?; ss -tln | grep -c 10250')).stdout).toBe('0\n1\n0\n');
  });
});
