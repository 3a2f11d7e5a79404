/**
 * The busybox image in a Pod: its /bin holds every applet of busybox 1.36.1's build (those the
 * simulation does not run say so), the applets that find processes see the container's PID
 * namespace (procps/pgrep.c, procps/pidof.c, procps/kill.c at 1_36_1), mount lists /proc/mounts
 * as "DEV on DIR type TYPE (OPTS)" (util-linux/mount.c) and is refused without CAP_SYS_ADMIN,
 * dmesg meets dmesg_restrict, and busybox's timeout and watch keep the simulated clock.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { readFileSync } from 'node:fs';
import IMAGE_APPLETS from '../../../src/sim/kubelet/busybox/image-applets.json';
import { busyboxMultiCall } from '../../../src/sim/kubelet/busybox/multi-call';
import type { Program } from '../../../src/shell/command';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);
/** One command in the busybox Pod: stdout, stderr (without kubectl's line) and the status. */
async function exec(args: string): Promise<{ stdout: string; stderr: string; status: number }> {
  const r = await run(`kubectl exec bb -- ${args}; echo "status=$?" >&2`);
  const status = Number(/status=(\d+)\n$/.exec(r.stderr)?.[1]);
  return { stdout: r.stdout, stderr: r.stderr.replace(/(command terminated with exit code \d+\n)?status=\d+\n$/, ''), status };
}

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run('kubectl run bb --image=busybox:1.36 -- sleep 3600; sleep 30; kubectl get pods --no-headers');
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
}, 60_000);

describe('the image /bin', () => {
  it('lists every applet of the build and busybox itself', async () => {
    const r = await exec('ls -1 /bin');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([...IMAGE_APPLETS].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('an applet the simulation does not run says so instead of pretending', async () => {
    expect(await exec('vi /etc/passwd')).toEqual({ stdout: '', stderr: 'vi: command not found\n', status: 127 });
    expect(await exec('sh -c "busybox vi; echo \\$?"')).toEqual({ stdout: '127\n', stderr: 'vi: command not found\n', status: 0 });
  });
});

describe('processes by name', () => {
  it('pidof: the pids of each name, newest first; 1 when none', async () => {
    expect(await exec('pidof sleep')).toEqual({ stdout: '1\n', stderr: '', status: 0 });
    expect(await exec('sh -c "pidof sh sleep"')).toEqual({ stdout: '7 1\n', stderr: '', status: 0 });
    expect(await exec('sh -c "pidof -o %PPID sh"')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await exec('pidof nginx')).toEqual({ stdout: '', stderr: '', status: 1 });
  });

  it('pgrep: a regex against argv[0] then comm, never itself; -l/-a name or command line, -f the whole line', async () => {
    expect((await exec('pgrep sle')).stdout).toBe('1\n');
    expect((await exec('pgrep -l sleep')).stdout).toBe('1 sleep\n');
    expect((await exec('pgrep -a sleep')).stdout).toBe('1 sleep 3600\n');
    expect((await exec('pgrep -f 3600')).stdout).toBe('1\n');
    expect(await exec('pgrep 3600')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await exec('pgrep -x slee')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect(await exec('pgrep pgrep')).toEqual({ stdout: '', stderr: '', status: 1 });
    expect((await exec('sh -c "pgrep -v sleep"')).stdout).toBe('7\n');
    expect((await exec('sh -c "pgrep -P 0"')).stdout).toBe('1\n7\n');
  });

  it('kill, pkill and killall signal PID 1, which the kernel spares (init without a handler)', async () => {
    expect(await exec('kill 1')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await exec('kill -9 1')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await exec('sh -c "kill -0 7 1 && echo alive"')).toEqual({ stdout: 'alive\n', stderr: '', status: 0 });
    expect(await exec('kill 1 99')).toEqual({ stdout: '', stderr: "kill: can't kill pid 99: No such process\n", status: 1 });
    expect(await exec('pkill sleep')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await exec('pkill -9 -e sleep')).toEqual({ stdout: 'sleep killed (pid 1)\n', stderr: '', status: 0 });
    expect(await exec('killall -KILL sleep')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(await exec('killall sleep nginx')).toEqual({ stdout: '', stderr: 'killall: nginx: no process killed\n', status: 1 });
    const pod = await run('kubectl get pod bb --no-headers');
    expect(pod.stdout).toMatch(/bb +1\/1 +Running +0 /);
  });
});

describe('mount and dmesg in an unprivileged container', () => {
  it('mount lists /proc/mounts in its own layout, -t filters by type', async () => {
    const table = (await exec('cat /proc/mounts')).stdout.split('\n').filter(Boolean).map((l) => l.split(' '));
    expect(table.length).toBeGreaterThan(5);
    const listed = await exec('mount');
    expect(listed.stdout).toBe(table.map(([dev, dir, type, opts]) => `${dev} on ${dir} type ${type} (${opts})\n`).join(''));
    const tmpfs = await exec('mount -t tmpfs');
    expect(tmpfs.stdout.split('\n').filter(Boolean)).toEqual(listed.stdout.split('\n').filter((l) => / type tmpfs /.test(l)));
  });

  it('mounting is refused (no CAP_SYS_ADMIN); dmesg cannot read the ring buffer', async () => {
    expect(await exec('mount -t tmpfs tmpfs /mnt')).toEqual({ stdout: '', stderr: 'mount: permission denied (are you root?)\n', status: 1 });
    expect(await exec('dmesg')).toEqual({ stdout: '', stderr: 'dmesg: klogctl: Operation not permitted\n', status: 1 });
  });
});

describe('timeout and watch on the simulated clock', () => {
  it('timeout: the command ends on the signal (128 + its number), -k follows with KILL', async () => {
    expect(await exec('timeout 2 sleep 10')).toEqual({ stdout: '', stderr: '', status: 143 });
    expect(await exec('timeout -s INT 1 sleep 10')).toEqual({ stdout: '', stderr: '', status: 130 });
    expect(await exec('timeout -s CONT -k 2 1 sleep 10')).toEqual({ stdout: '', stderr: '', status: 137 });
    expect(await exec('timeout 5 sh -c "exit 3"')).toEqual({ stdout: '', stderr: '', status: 3 });
  });

  it('watch clears the screen, prints its header with the time at the 80th column, runs the command each period', async () => {
    const r = await exec('timeout 5 watch -n 2 echo hi');
    const frames = r.stdout.split('\x1b[H\x1b[J').slice(1);
    expect(frames).toHaveLength(3);
    for (const f of frames) expect(f).toMatch(/^Every 2\.0s: echo hi {41}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\nhi\n$/);
    expect(r.status).toBe(143);
  });
});

describe('busybox itself', () => {
  it('alone prints its help with the applets laid out as busybox_main does (checked on the recorded build, which has no tc)', async () => {
    const names = IMAGE_APPLETS.filter((n) => n !== 'busybox' && n !== 'tc');
    let out = '';
    const p = { argv: ['busybox'], stdout: { write: (s: string) => void (out += s) }, stderr: { write: () => {} } };
    expect(await busyboxMultiCall(names, {})(p as unknown as Parameters<Program>[0])).toBe(0);
    expect(out).toBe(readFileSync('test/golden/busybox-applets/help.txt', 'utf8'));
  });

  it('runs an applet by name or path, --help APPLET is its usage, an unknown name is not found', async () => {
    expect(await exec('busybox pidof sleep')).toEqual({ stdout: '1\n', stderr: '', status: 0 });
    expect(await exec('/bin/busybox /bin/echo hi')).toEqual({ stdout: 'hi\n', stderr: '', status: 0 });
    const help = await exec('busybox --help pidof');
    expect(help.stderr).toMatch(/^BusyBox v1\.36\.1 \(2023-05-18 22:34:17 UTC\) multi-call binary\.\n\nUsage: pidof \[-s\] \[-o PID\] \[NAME\]\.\.\./);
    expect(help.status).toBe(0);
    expect(await exec('busybox nosuch')).toEqual({ stdout: '', stderr: 'nosuch: applet not found\n', status: 127 });
    expect((await exec('busybox --list')).stdout.split('\n').filter(Boolean)).toEqual(IMAGE_APPLETS.filter((n) => n !== 'busybox'));
  });
});
