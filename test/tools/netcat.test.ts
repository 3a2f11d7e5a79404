/**
 * nc on a node is Ubuntu's netcat-openbsd: its report_connect line on success, warn's line on a
 * refusal or a lost connection (-v), getaddrinfo's error for a name the node cannot resolve.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('nc on a node (netcat-openbsd)', () => {
  it('checks ports of the API server, a kubelet, a Service and an unused one', async () => {
    const world = bootWorld('cluster');
    const run = (s: string) => runScript(world, 'cka01', s);
    expect(await run('nc -zv 10.96.0.1 443')).toEqual({ stdout: '', stderr: 'Connection to 10.96.0.1 443 port [tcp/https] succeeded!\n', status: 0 });
    expect(await run('nc -zv cka02 10250')).toEqual({ stdout: '', stderr: 'Connection to cka02 (192.168.6.172) 10250 port [tcp/*] succeeded!\n', status: 0 });
    expect(await run('nc -zv 192.168.6.172 9999')).toEqual({ stdout: '', stderr: 'nc: connect to 192.168.6.172 port 9999 (tcp) failed: Connection refused\n', status: 1 });
    expect(await run('nc -z 192.168.6.172 9999')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await run('nc -zv web.default.svc.cluster.local 80')).toEqual({ stdout: '', stderr: 'nc: getaddrinfo for host "web.default.svc.cluster.local" port 80: Name or service not known\n', status: 1 });
    // A Service port that does not exist: the packets go nowhere until -w is over.
    const before = world.clock.now();
    expect(await run('nc -zv -w 2 10.96.0.1 80')).toEqual({ stdout: '', stderr: 'nc: connect to 10.96.0.1 port 80 (tcp) timed out: Operation now in progress\n', status: 1 });
    expect(world.clock.now() - before).toBeGreaterThanOrEqual(2000);
    expect((await run('nc -zv')).stderr).toMatch(/^usage: nc \[-46CDdFhklNnrStUuvZz\]/);
    // Without kubelet, its port closes.
    await run('ssh cka02 systemctl stop kubelet');
    expect((await run('nc -zv cka02 10250')).stderr).toBe('nc: connect to cka02 port 10250 (tcp) failed: Connection refused\n');
  });
});
