/**
 * A container's own command that ends and prints what no model says (`kubectl run t
 * --image=busybox --restart=Never -- ls /`, `-- id`, `-- ps`): it runs for real as the
 * container's PID 1, in the image's filesystem; its lines are the container's log, at the
 * instants it printed them, and its status the container's exit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { ApiClient } from '../../../src/sim/apiserver';
import { clusterOf } from '../../../src/sim/cluster/attach';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(() => {
  world = bootWorld('cluster');
});

describe("a container's command run as its PID 1", () => {
  it("lists the busybox image's root, as its builder made it, and completes", async () => {
    const r = await run('kubectl run ls1 --image=busybox:1.36 --restart=Never -- ls /\nsleep 10\nkubectl get pod ls1 --no-headers\nkubectl logs ls1');
    expect(r.stdout).toMatch(/^pod\/ls1 created\nls1 +0\/1 +Completed +0 +\d+s\nbin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n$/);
  });

  it('id and ps: root in wheel, and ps as PID 1 (or under the shell that runs two commands)', async () => {
    const r = await run(`kubectl run id1 --image=busybox:1.36 --restart=Never -- id
kubectl run ps1 --image=busybox:1.36 --restart=Never -- ps
kubectl run ps2 --image=busybox:1.36 --restart=Never -- sh -c 'ls /var; ps'
sleep 10
kubectl logs id1; kubectl logs ps1; kubectl logs ps2`);
    expect(r.stdout.split('\n').slice(3).join('\n')).toBe(
      [
        'uid=0(root) gid=0(root) groups=0(root),10(wheel)',
        'PID   USER     TIME  COMMAND',
        '    1 root      0:00 ps',
        // The service-account token's mount made /var/run.
        'run',
        'spool',
        'www',
        'PID   USER     TIME  COMMAND',
        '    1 root      0:00 sh -c ls /var; ps',
        '    7 root      0:00 ps',
        '',
      ].join('\n'),
    );
  });

  it("id in alpine: root in the eleven groups alpine-baselayout's /etc/group gives it", async () => {
    const r = await run('kubectl run ida --image=alpine:3.20 --restart=Never -- id\nsleep 10\nkubectl logs ida');
    expect(r.stdout.split('\n').slice(1).join('\n')).toBe('uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n');
  });

  it("hostname -i and -I: the Pod's own IP, which its sandbox has before the status says so", async () => {
    const r = await run(`kubectl run h1 --image=busybox:1.36 --restart=Never -- hostname -i
kubectl run h2 --image=nginx:1.27 --restart=Never -- hostname -I
sleep 10
kubectl logs h1; kubectl logs h2
kubectl get pod h1 h2 -o jsonpath='{.items[*].status.podIP}'`);
    const [, , a, b, ips] = r.stdout.split('\n');
    expect(`${a} ${b}`).toBe(`${ips.split(' ')[0]} ${ips.split(' ')[1]} `);
  });

  it('prints each line at the instant it ran, and exits with the status of its last command', async () => {
    const r = await run(`kubectl run t1 --image=busybox:1.36 --restart=Never -- sh -c 'ls /etc/hostname; sleep 3; ls /nope'
sleep 2
kubectl get pod t1 --no-headers
sleep 6
kubectl get pod t1 --no-headers
kubectl logs t1 --timestamps
kubectl get pod t1 -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'`);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^t1 +1\/1 +Running/);
    expect(lines[2]).toMatch(/^t1 +0\/1 +Error/);
    const at = (line: string) => Date.parse(line.slice(0, 23) + 'Z');
    expect(lines[3]).toMatch(/^\S+Z \/etc\/hostname$/);
    expect(lines[4]).toMatch(/^\S+Z ls: \/nope: No such file or directory$/);
    expect(at(lines[4]) - at(lines[3])).toBe(3000);
    expect(lines[5]).toBe('1');
  });

  it("reads the image's own files: alpine's, Debian's and Ubuntu's os-release", async () => {
    const r = await run(`kubectl run os1 --image=alpine:3.20 --restart=Never -- cat /etc/os-release
kubectl run os2 --image=nginx:1.27 --restart=Never -- cat /etc/os-release
kubectl run os3 --image=ubuntu:22.04 --restart=Never -- sh -c 'cat /etc/debian_version; grep PRETTY /etc/os-release'
sleep 10
kubectl logs os1; kubectl logs os2; kubectl logs os3`);
    expect(r.stdout).toContain('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n');
    expect(r.stdout).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\n');
    expect(r.stdout).toContain('bookworm/sid\nPRETTY_NAME="Ubuntu 22.04.5 LTS"\n');
  });

  it("lists nginx's root with its entrypoint and the scripts it runs", async () => {
    const r = await run('kubectl run n1 --image=nginx:1.27 --restart=Never -- ls /\nsleep 10\nkubectl logs n1 | tr "\\n" " "');
    expect(r.stdout).toContain('bin boot dev docker-entrypoint.d docker-entrypoint.sh etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var ');
  });

  it('kubectl run --rm -i prints what it printed, then deletes the pod', async () => {
    const r = await run('kubectl run i1 --image=busybox:1.36 --rm -i --restart=Never -- ls /etc\necho "rc=$?"');
    expect(r.stdout).toContain('group\nhostname\nhosts\npasswd\nresolv.conf\n');
    expect(r.stdout).toContain('pod "i1" deleted\nrc=0\n');
  });

  it('a pod deleted while its command sleeps: the run stops with the container', async () => {
    const r = await run(`kubectl run d1 --image=busybox:1.36 --restart=Never -- sh -c 'ls /etc/hosts; sleep 60; ls /etc/passwd'
sleep 5
kubectl delete pod d1 --wait=false
sleep 90
kubectl get pod d1`);
    expect(r.stdout).toContain('pod "d1" deleted');
    expect(r.stderr).toContain('Error from server (NotFound): pods "d1" not found');
  });
});

describe('the exec answer for a client that cannot stream', () => {
  it("id reads root's groups from the image's /etc/group", async () => {
    await run('kubectl run idsync --image=busybox:1.36 -- sleep 3600\nsleep 10');
    const api = new ApiClient(clusterOf(world)!.apiServer);
    const r = api.request({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: 'default', name: 'idsync', body: { command: ['id'] } });
    const body = r.body as { stdout: string; exitCode: number };
    expect([body.stdout, body.exitCode]).toEqual(['uid=0(root) gid=0(root) groups=0(root),10(wheel)\n', 0]);
  });
});
