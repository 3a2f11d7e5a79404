/**
 * A container's /proc answers as a 5.15 kernel does for the container's PID namespace: pid
 * directories for the processes ps lists, the node's memory and CPUs as free and nproc report
 * them, the mount table df reads, PID 1's command line and environment.
 *
 * The layouts are checked against this machine's own /proc (a Linux kernel too): the same
 * fields in the same order and the same column alignment, less the fields kernels after 5.15
 * added (listed below with the release that brought each).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);
const exec = async (command: string) => (await run(`kubectl exec bb -- ${command}`)).stdout;

/** Fields of /proc/PID/status a 5.15 kernel does not print: Kthread (6.10), untag_mask (6.4, x86 LAM), x86_Thread_features (6.6). */
const STATUS_AFTER_515 = new Set(['Kthread', 'untag_mask', 'x86_Thread_features', 'x86_Thread_features_locked']);
/** Fields of /proc/meminfo a 5.15 kernel does not print: Zswap and Zswapped (5.19), SecPageTables (6.2), Unaccepted (6.5), Balloon (6.10). */
const MEMINFO_AFTER_515 = new Set(['Zswap', 'Zswapped', 'SecPageTables', 'Unaccepted', 'Balloon']);

const keys = (text: string) => text.split('\n').filter(Boolean).map((l) => l.split(':')[0]);

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run("kubectl run bb --image=busybox:1.36 --env=FOO=bar --env='SPACED=a b' -- sleep 3600; sleep 30; kubectl get pod bb --no-headers");
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
}, 60_000);

describe('the pid directories', () => {
  it('hold PID 1 command line, NUL-terminated arguments', async () => {
    expect(await run("kubectl exec bb -- cat /proc/1/cmdline | tr '\\0' ' '")).toMatchObject({ stdout: 'sleep 3600 ' });
    expect(await exec('cat /proc/1/comm')).toBe('sleep\n');
  });

  it('hold the environment PID 1 was created with, in its order', async () => {
    const environ = (await run("kubectl exec bb -- cat /proc/1/environ | tr '\\0' '\\n'")).stdout;
    // An exec without a terminal starts with the same variables (env prints them in that order).
    expect(environ).toBe(await exec('env'));
    expect(environ).toContain('FOO=bar\nSPACED=a b\n');
  });

  it('are the processes ps lists, and /proc/self is the reader', async () => {
    const out = await exec("sh -c 'ls /proc | grep \"^[0-9]\"; ps | tail -n +2; readlink /proc/self'");
    const [listed, ps, self] = [out.split('\n').slice(0, 3), out.split('\n').slice(3, 6), out.split('\n')[6]];
    expect(listed).toEqual(['1', '13', '7']);
    expect(ps.map((s) => s.trim().split(' ')[0]).sort()).toEqual(listed);
    expect(self).toBe('13');
  });

  it('show each process status with its PID, parent and name, fields in 5.15 order', async () => {
    const status = await exec("sh -c 'cat /proc/7/status'");
    const real = keys(readFileSync('/proc/self/status', 'utf8')).filter((k) => !STATUS_AFTER_515.has(k));
    expect(keys(status)).toEqual(real);
    expect(status).toMatch(/^Name:\tsh\n/);
    expect(status).toContain('\nPid:\t7\nPPid:\t0\n');
    // containerd's default capabilities; the sizes top shows.
    expect(status).toContain('\nCapEff:\t00000000a80425fb\n');
    expect(status).toMatch(/\nVmSize:\t +4408 kB\n/);
  });

  it('list as procfs does: zero sizes, the links of fd, cwd, exe and root', async () => {
    const out = await exec('ls -l /proc/1');
    for (const line of out.split('\n').slice(1).filter(Boolean)) expect(line).toMatch(/^\S+ +\d+ root +root +0 /);
    expect(out).toMatch(/ exe -> \/bin\/sleep\n/);
    expect(out).toMatch(/ cwd -> \/\n/);
    expect(out.split('\n')[0]).toBe('total 0');
    // The links of fd: their descriptor's access as mode, 64 as size; stdin /dev/null read-write, the output pipes write-only.
    const fds = (await exec('ls -l /proc/1/fd')).split('\n').slice(1).filter(Boolean);
    expect(fds.map((l) => l.replace(/ +[A-Z][a-z]{2} +\d+ \d\d:\d\d /, ' ').replace(/\d{5,}/, 'N'))).toEqual([
      'lrwx------    1 root     root            64 0 -> /dev/null',
      'l-wx------    1 root     root            64 1 -> pipe:[N]',
      'l-wx------    1 root     root            64 2 -> pipe:[N]',
    ]);
  });

  it("are there for the shell's own reads: a redirection from /proc/self reads the shell", async () => {
    const out = await exec(`sh -c 'while read -r k v; do case $k in Name:|Pid:) echo "$k $v";; esac; done < /proc/self/status'`);
    expect(out).toBe('Name: sh\nPid: 7\n');
  });

  it('take no new entries', async () => {
    const r = await run('kubectl exec bb -- touch /proc/1/x');
    expect(r.stderr).toContain('touch: /proc/1/x: No such file or directory\n');
  });
});

describe('credentials in /proc/PID/status', () => {
  // Bit numbers from include/uapi/linux/capability.h: CAP_CHOWN 0, CAP_NET_ADMIN 12, CAP_SYS_TIME 25.
  const DEFAULT = 0xa80425fbn;
  const hex = (n: bigint) => n.toString(16).padStart(16, '0');

  it('follow securityContext: capabilities added and dropped, the user, group and supplementary groups', async () => {
    const pod = (name: string, podSc: string, sc: string) =>
      `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${name}"},"spec":{"securityContext":${podSc},"containers":[{"name":"c","image":"busybox:1.36","command":["sleep","3600"],"securityContext":${sc}}]}}`;
    const caps = '{"capabilities":{"add":["NET_ADMIN","SYS_TIME"],"drop":["CHOWN"]}}';
    await run(`echo '${pod('caps', '{}', caps)}' | kubectl apply -f -; echo '${pod('user', '{"runAsUser":1000,"runAsGroup":3000,"fsGroup":2000,"supplementalGroups":[4000]}', caps)}' | kubectl apply -f -; sleep 20`);
    const grep = 'grep -E "^(Uid|Gid|Groups|CapPrm|CapEff|CapBnd)" /proc/1/status';
    const changed = hex((DEFAULT | (1n << 12n) | (1n << 25n)) & ~1n);
    // root is in the image's wheel group: containerd adds the groups /etc/group names the user in.
    expect((await run(`kubectl exec caps -- ${grep}`)).stdout).toBe(`Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t0 10 \nCapPrm:\t${changed}\nCapEff:\t${changed}\nCapBnd:\t${changed}\n`);
    // execve(2) as a non-root user without file capabilities: nothing permitted, nothing effective.
    expect((await run(`kubectl exec user -- ${grep}`)).stdout).toBe(`Uid:\t1000\t1000\t1000\t1000\nGid:\t3000\t3000\t3000\t3000\nGroups:\t2000 3000 4000 \nCapPrm:\t${hex(0n)}\nCapEff:\t${hex(0n)}\nCapBnd:\t${changed}\n`);
  });
});

describe('oom_score_adj', () => {
  it("is the kubelet's for the Pod's QoS (pkg/kubelet/qos/policy.go)", async () => {
    await run(
      "kubectl run burst --image=busybox:1.36 --overrides='{\"spec\":{\"containers\":[{\"name\":\"burst\",\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"3600\"],\"resources\":{\"requests\":{\"memory\":\"100Mi\"}}}]}}'; " +
        "kubectl run guar --image=busybox:1.36 --overrides='{\"spec\":{\"containers\":[{\"name\":\"guar\",\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"3600\"],\"resources\":{\"limits\":{\"memory\":\"100Mi\",\"cpu\":\"100m\"}}}]}}'; sleep 20",
    );
    const node = (await run("kubectl get pod burst -o jsonpath='{.spec.nodeName}'")).stdout;
    const capacityKi = Number((await run(`kubectl get node ${node} -o jsonpath='{.status.capacity.memory}'`)).stdout.replace('Ki', ''));
    // Burstable: 1000 - 1000 * request / capacity, in Go's integer division.
    const burstable = 1000 - Math.trunc((1000 * 100 * 1024 * 1024) / (capacityKi * 1024));
    expect((await run('kubectl exec burst -- cat /proc/1/oom_score_adj')).stdout).toBe(`${burstable}\n`);
    expect((await run('kubectl exec guar -- cat /proc/self/oom_score_adj')).stdout).toBe('-997\n');
    expect(await exec('cat /proc/1/oom_score_adj')).toBe('1000\n');
  });
});

describe('an nginx container', () => {
  it("shows the master's and the workers' titles, a worker per CPU", async () => {
    await run('kubectl run web --image=nginx; sleep 20');
    const out = (await run(`kubectl exec web -- bash -c 'cat /proc/1/cmdline | tr "\\0" "@"; echo; readlink /proc/1/exe; nproc; ls /proc | grep "^[0-9]"'`)).stdout.split('\n');
    expect(out.slice(0, 2)).toEqual(['nginx: master process nginx -g daemon off;@', '/usr/sbin/nginx']);
    const workers = Number(out[2]);
    const pids = out.slice(3).filter(Boolean);
    const titles = await Promise.all(pids.filter((p) => !['1', '7', '13'].includes(p)).map(async (p) => (await run(`kubectl exec web -- cat /proc/${p}/cmdline`)).stdout));
    expect(titles).toEqual(Array(workers).fill('nginx: worker process\0'));
    // A worker runs as the image's nginx user (101), with no capability left but its bounding set.
    const worker = pids.find((p) => !['1', '7', '13'].includes(p));
    expect((await run(`kubectl exec web -- grep -E "^(Uid|Gid|CapEff)" /proc/${worker}/status`)).stdout).toBe('Uid:\t101\t101\t101\t101\nGid:\t101\t101\t101\t101\nCapEff:\t0000000000000000\n');
  });
});

describe("the kernel's files", () => {
  it('meminfo: 5.15 fields, aligned as the kernel prints them, the node memory free reports', async () => {
    const meminfo = await exec('cat /proc/meminfo');
    const realText = readFileSync('/proc/meminfo', 'utf8');
    const real = keys(realText).filter((k) => !MEMINFO_AFTER_515.has(k));
    // CONFIG_MEMORY_FAILURE (Ubuntu's kernels have it) adds HardwareCorrupted after Percpu.
    real.splice(real.indexOf('Percpu') + 1, 0, 'HardwareCorrupted');
    expect(keys(meminfo)).toEqual(real);
    const lengthOf = (text: string, key: string) => text.split('\n').find((l) => l.startsWith(`${key}:`))!.length;
    for (const key of ['MemTotal', 'Buffers', 'Active(anon)', 'HugePages_Total', 'Hugepagesize', 'DirectMap4k']) expect(lengthOf(meminfo, key)).toBe(lengthOf(realText, key));
    const total = /MemTotal: +(\d+) kB/.exec(meminfo)![1];
    const free = (await exec('free')).split('\n')[1].trim().split(/ +/);
    expect(free[1]).toBe(total);
  });

  it('cpuinfo: a block per CPU nproc counts, with the fields of x86 show_cpuinfo', async () => {
    const out = await exec("sh -c 'grep -c processor /proc/cpuinfo; nproc'");
    const [count, nproc] = out.trim().split('\n');
    expect(count).toBe(nproc);
    const cpuinfo = await exec('cat /proc/cpuinfo');
    const block = (text: string) => text.split('\n\n')[0];
    expect(keys(block(cpuinfo))).toEqual(keys(block(readFileSync('/proc/cpuinfo', 'utf8'))));
  });

  it('mounts: the table df reads, in show_vfsmnt format', async () => {
    const mounts = await exec('cat /proc/mounts');
    for (const line of mounts.trim().split('\n')) expect(line).toMatch(/^\S+ \S+ \S+ (rw|ro),\S+ 0 0$/);
    const dirs = mounts.trim().split('\n').map((l) => l.split(' ')[1]);
    const df = (await exec('df')).trim().split('\n').slice(1).map((l) => l.split(/ +/).pop());
    for (const d of df) expect(dirs).toContain(d);
    expect(await exec('cat /proc/self/mounts')).toBe(mounts);
    expect(mounts).toContain('\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n');
  });

  it('loadavg is the line top prints; cgroup is the namespace root; version is the node kernel', async () => {
    const out = await exec("sh -c 'cat /proc/loadavg; top -b -n 1 | grep Load'");
    const [loadavg, topLine] = out.split('\n');
    expect(loadavg).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ 13$/);
    expect(topLine.replace('Load average: ', '').split(' ').slice(0, 3)).toEqual(loadavg.split(' ').slice(0, 3));
    expect(await exec('cat /proc/self/cgroup')).toBe('0::/\n');
    expect(await exec('cat /proc/version')).toBe((await run('cat /proc/version')).stdout);
    expect(await exec('cat /proc/uptime')).toMatch(/^\d+\.\d\d \d+\.\d\d\n$/);
    const node = (await run("kubectl get pod bb -o jsonpath='{.spec.nodeName}'")).stdout;
    expect(await exec('cat /proc/swaps')).toBe((await runScript(world, node, 'cat /proc/swaps')).stdout);
  });
});

describe('/proc/sys', () => {
  it("holds the Pod's hostname and the IPv4 forwarding its namespace took from the node, read-only", async () => {
    const node = (await run("kubectl get pod bb -o jsonpath='{.spec.nodeName}'")).stdout;
    const nodeValue = (await runScript(world, node, 'cat /proc/sys/net/ipv4/ip_forward')).stdout;
    expect(await exec('cat /proc/sys/kernel/hostname /proc/sys/net/ipv4/ip_forward')).toBe(`bb\n${nodeValue}`);
    const r = await run("kubectl exec bb -- sh -c 'echo 0 > /proc/sys/net/ipv4/ip_forward'");
    expect(r.stderr).toContain("sh: can't create /proc/sys/net/ipv4/ip_forward: Read-only file system\n");
  });
});

describe('/proc/sys of a privileged container', () => {
  it('is writable, and keeps what was written', async () => {
    await run(`kubectl run priv --image=busybox:1.36 --overrides='{"spec":{"containers":[{"name":"priv","image":"busybox:1.36","command":["sleep","3600"],"securityContext":{"privileged":true}}]}}'; sleep 20`);
    expect((await run("kubectl exec priv -- sh -c 'echo 0 > /proc/sys/net/ipv4/ip_forward; echo $?'")).stdout).toBe('0\n');
    expect((await run('kubectl exec priv -- cat /proc/sys/net/ipv4/ip_forward')).stdout).toBe('0\n');
  });
});

describe('busybox top', () => {
  it('lists every process of the container', async () => {
    const out = await exec("sh -c 'top -b -n 1'");
    const pids = out.split('\n').filter((l) => /^ +\d+ +\d+ root/.test(l)).map((l) => l.trim().split(/ +/)[0]);
    expect(pids.sort()).toEqual(['1', '13', '7']);
  });
});

/** Lines of `ls -i`: the numbers right-aligned to one width, then a space and the name; that width. */
function inodeWidth(out: string): number {
  const lines = out.trimEnd().split('\n');
  const widths = lines.map((l) => /^ *\d+ /.exec(l)![0].length - 1);
  expect(new Set(widths).size).toBe(1);
  return widths[0];
}

describe('ls -i', () => {
  it('GNU ls: numbers as wide as the widest of the listing, as the real ls prints them', async () => {
    // The rule, on the real GNU ls of this machine (numbers of different lengths in /usr).
    const real = execFileSync('ls', ['-i1', '/usr'], { encoding: 'utf8' });
    expect(inodeWidth(real)).toBe(Math.max(...real.trim().split('\n').map((l) => l.trim().split(' ')[0].length)));
    const out = (await run('mkdir -p /tmp/lsi/d && cd /tmp/lsi && touch a bb && ls -i1; echo; ls -l; echo; ls -li; echo; ls -i -m')).stdout;
    const [one, long, longInode, commas] = out.split('\n\n');
    const numbers = one.trimEnd().split('\n').map((l) => l.trim().split(' ')[0]);
    expect(new Set(numbers).size).toBe(3);
    expect(inodeWidth(one)).toBe(Math.max(...numbers.map((n) => n.length)));
    const w = inodeWidth(one);
    expect(longInode.split('\n').slice(1).join('\n')).toBe(long.split('\n').slice(1).map((l, i) => `${numbers[i].padStart(w)} ${l}`).join('\n'));
    expect(commas).toBe(`${numbers[0]} a, ${numbers[1]} bb, ${numbers[2]} d\n`);
  });

  it("busybox ls: '%7llu ' before each entry, the same number each time", async () => {
    const one = await exec('ls -i /etc');
    expect(inodeWidth(one)).toBe(7);
    const long = await exec('ls -l /etc');
    const numbers = one.trimEnd().split('\n').map((l) => l.trim().split(' ')[0]);
    expect(await exec('ls -il /etc')).toBe(long.split('\n').map((l, i) => (i === 0 || !l ? l : `${numbers[i - 1].padStart(7)} ${l}`)).join('\n'));
    expect(await exec('ls -i /etc')).toBe(one);
  });
});
