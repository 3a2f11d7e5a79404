/**
 * A node's network follows what runs on it: flannel's VXLAN device and routes to the other nodes'
 * subnets, the cni0 bridge and one veth per Pod (whose index the Pod's own eth0@ifN names), and
 * ss -s counts the sockets ss -tl lists.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe("a flannel node's links, routes and sockets", () => {
  it('show flannel.1, cni0, the Pods\' veths and the routes through flannel.1', async () => {
    const world = bootWorld('cluster');
    const run = (host: string, s: string) => runScript(world, host, s);
    const brief = (await run('cka01', 'ip -br -4 a')).stdout;
    expect(brief).toBe(
      'lo               UNKNOWN        127.0.0.1/8 \n' +
        'ens4             UP             192.168.6.171/24 metric 100 \n' +
        'flannel.1        UNKNOWN        10.244.0.0/32 \n' +
        'cni0             UP             10.244.0.1/24 \n',
    );
    expect((await run('cka01', 'ip r')).stdout).toBe(
      'default via 192.168.6.1 dev ens4 proto dhcp src 192.168.6.171 metric 100 \n' +
        '10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1 \n' +
        '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink \n' +
        '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink \n' +
        '192.168.6.0/24 dev ens4 proto kernel scope link src 192.168.6.171 metric 100 \n',
    );
    expect((await run('cka01', 'ip route get 10.244.1.5')).stdout).toBe('10.244.1.5 via 10.244.1.0 dev flannel.1 src 10.244.0.0 uid 0 \n    cache \n');
    const flannel = (await run('cka01', 'ip a show flannel.1')).stdout;
    expect(flannel).toMatch(/^3: flannel\.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default \n    link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\n    inet 10\.244\.0\.0\/32 scope global flannel\.1\n/);

    // cka03 runs no Pod of the Pod network yet: no bridge; its first Pod brings cni0 and a veth.
    expect((await run('cka03', 'ip -br link | cut -d" " -f1')).stdout).toBe('lo\nens4\nflannel.1\n');
    await run('cka01', 'kubectl run bb --image=busybox --overrides=\'{"spec":{"nodeName":"cka03"}}\' -- sleep 3600; sleep 8');
    const podLink = (await run('cka01', 'kubectl exec bb -- ip a | grep eth0@')).stdout;
    const peer = /eth0@if(\d+):/.exec(podLink)?.[1];
    expect(peer).toBeDefined();
    const veth = (await run('cka03', `ip link | grep "^${peer}: "`)).stdout;
    expect(veth).toMatch(new RegExp(`^${peer}: veth[0-9a-f]{8}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP mode DEFAULT group default \n$`));
    expect((await run('cka03', 'ip -br -4 a show cni0')).stdout).toBe('cni0             UP             10.244.2.1/24 \n');
    expect((await run('cka03', 'ip link show type veth')).stdout).toMatch(/link-netns cni-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/);
    expect(await run('cka03', 'ip a show dev cni1')).toEqual({ stdout: '', stderr: 'Device "cni1" does not exist.\n', status: 1 });
    expect((await run('cka03', 'ip neigh show dev flannel.1')).stdout).toMatch(/^10\.244\.0\.0 lladdr \S+ PERMANENT \n10\.244\.1\.0 lladdr \S+ PERMANENT \n$/);

    // A Pod on the node's network sees the node's links, the peer of bb's eth0 among them.
    await run('cka01', 'kubectl run hn --image=busybox --overrides=\'{"spec":{"hostNetwork":true,"nodeName":"cka03"}}\' -- sleep 3600; sleep 8');
    expect((await run('cka01', 'kubectl exec hn -- ip link')).stdout).toBe((await run('cka03', 'ip link')).stdout);

    // ss -s counts what ss -tl lists.
    const listeners = (await run('cka01', 'ss -tln | tail -n +2 | wc -l')).stdout.trim();
    const summary = (await run('cka01', 'ss -s')).stdout;
    expect(summary).toMatch(new RegExp(`^Total: \\d+\\nTCP:   ${listeners} \\(estab 0, closed 0, orphaned 0, timewait 0\\)\\n\\nTransport Total     IP        IPv6\\n`));
  });
});
