/**
 * ps on a simulated node: the brief's everyday invocations agree with the node's own facts (pgrep,
 * $$, the machine's users) and with each other, as they would on a real node.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);
const lines = (text: string) => text.trimEnd().split('\n');

beforeAll(() => {
  world = bootWorld('cluster');
}, 60_000);

describe('selecting processes', () => {
  it('-C and -p pick what pgrep and the pid name', async () => {
    const r = await run('pgrep kubelet; ps -C kubelet -o pid=; ps -p 1 -o comm=; ps -fp $(pgrep kubelet) | wc -l');
    const [pgrep, pid, comm, count] = lines(r.stdout);
    expect(pid.trim()).toBe(pgrep);
    expect(pid).toBe(pgrep.padStart(7));
    expect(comm).toBe('systemd');
    expect(count).toBe('2');
  });

  it('-u root leaves out systemd-resolve, -N -u root lists it with the pause processes', async () => {
    const r = await run('ps -u root -o user= | sort -u; echo --; ps -N -u root -o user= | sort -u');
    expect(r.stdout).toBe('root\n--\n65535\nsystemd-resolve\n');
  });

  it('a user name longer than its column ends in +, as the last column it is whole', async () => {
    const r = await run('ps -p 602 -o user,pid; ps -p 602 -o pid,user');
    expect(lines(r.stdout)).toEqual(['USER         PID', 'systemd+     602', '    PID USER', '    602 systemd-resolve']);
  });

  it('without options: the caller\'s processes on its terminal; -t and T select by terminal', async () => {
    const r = await run('echo $$; ps -o pid=,tty=; echo --; ps T -o pid=; echo --; ps -t pts/0 -o pid=');
    const [shell, ...rest] = lines(r.stdout);
    const [plain, bsdT, dashT] = rest.join('\n').split('\n--\n').map((b) => b.split('\n').map((l) => l.trim()));
    expect(plain[0]).toBe(`${shell} pts/0`);
    expect(plain).toHaveLength(2);
    expect(bsdT[0]).toBe(shell);
    expect(dashT[0]).toBe(shell);
  });

  it('-e and ax list the same processes; --no-headers drops only the header', async () => {
    const r = await run('ps -e | wc -l; ps ax | wc -l; ps -e --no-headers | wc -l');
    const [e, ax, bare] = lines(r.stdout).map(Number);
    expect(e).toBe(ax);
    expect(bare).toBe(e - 1);
  });

  it('-q takes one pid and nothing else', async () => {
    const r = await run('ps -q 1 -o pid=,comm=; ps -q 1 -p 2; echo $?');
    expect(r.stdout).toBe('      1 systemd\n1\n');
    expect(r.stderr).toBe('q/-q/--quick-pid cannot be combined with other selection options.\n');
  });

  it('a pid no process has: the header alone, status 1', async () => {
    const r = await run('ps -p 4000000; echo $?');
    expect(r.stdout).toBe('    PID TTY          TIME CMD\n1\n');
  });
});

describe('sorting and trees', () => {
  it('--sort=-rss puts the largest first, as sort -rn does', async () => {
    const r = await run('ps -eo rss= --sort=-rss | head -5; echo --; ps -eo rss= | sort -rn | head -5');
    const [sorted, reference] = r.stdout.split('--\n');
    expect(sorted).toBe(reference);
  });

  it('several keys: by user, then by pid descending', async () => {
    const r = await run('ps -eo user=,pid= --sort=user,-pid');
    const rows = lines(r.stdout).map((l) => l.trim().split(/ +/));
    const expected = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : Number(b[1]) - Number(a[1])));
    expect(rows).toEqual(expected);
  });

  it('the forest draws the login under sshd and ps under the shell', async () => {
    const r = await run('echo $$ $PPID; ps -e --forest -o pid=,args=');
    const [ids, ...rows] = lines(r.stdout);
    const [shell, sshd] = ids.split(' ');
    const at = rows.findIndex((l) => l.trim().startsWith(`${sshd} `));
    expect(rows[at]).toBe(`${sshd.padStart(7)}  \\_ sshd: root@pts/0`);
    expect(rows[at + 1]).toBe(`${shell.padStart(7)}      \\_ bash`);
    expect(rows[at + 2]).toMatch(/^ +\d+          \\_ ps -e --forest -o pid=,args=$/);
    // PID 1's children are drawn beside it.
    expect(rows[0]).toBe('      1 /sbin/init');
    expect(rows[1]).toBe('    412 /lib/systemd/systemd-journald');
  });

  it('-eLf: a row for each thread of the kubelet, as many as its NLWP', async () => {
    const r = await run('ps -eLf | grep "[/]usr/bin/kubelet" | awk \'{print $6}\' | sort | uniq -c');
    const [count, nlwp] = r.stdout.trim().split(/ +/);
    expect(count).toBe(nlwp);
    expect(Number(nlwp)).toBeGreaterThan(1);
  });
});

describe('$PS_FORMAT', () => {
  it('stands in for the default format, not for one an option gives; a bad one is ignored with a warning', async () => {
    const r = await run('PS_FORMAT=pid,comm ps | head -1; PS_FORMAT=pid,comm ps -f | head -1; PS_FORMAT=bad ps -p 1');
    expect(r.stdout).toBe('    PID COMMAND\nUID          PID    PPID  C STIME TTY          TIME CMD\n    PID TTY          TIME CMD\n      1 ?        00:00:00 systemd\n');
    expect(r.stderr).toBe('warning: $PS_FORMAT ignored. (unknown user-defined format specifier "bad")\n');
  });
});

describe('long formats', () => {
  it('-l: flags, state, priority 80 and nice 0, the size in pages and where it sleeps', async () => {
    const r = await run('ps -l');
    const [header, shell, self] = lines(r.stdout);
    expect(header).toBe('F S   UID     PID    PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD');
    expect(shell).toMatch(/^4 S     0 +\d+ +\d+  0  80   0 -  2186 do_wai pts\/0    00:00:00 bash$/);
    expect(self).toMatch(/^4 R     0 +\d+ +\d+  0  80   0 -  2518 -      pts\/0    00:00:00 ps$/);
  });

  it('j: the shell leads its session, ps its own process group in the foreground', async () => {
    const r = await run('ps j');
    const [, shell, self] = lines(r.stdout).map((l) => l.trim().split(/ +/));
    const [, shellPid, shellPgid, shellSid, , tpgid] = shell;
    expect(shellPgid).toBe(shellPid);
    expect(shellSid).toBe(shellPid);
    expect(self[2]).toBe(self[1]);
    expect(self[3]).toBe(shellPid);
    expect(tpgid).toBe(self[2]);
  });
});
