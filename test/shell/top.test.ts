/**
 * top on a node (procps-ng 3.3.17 as Ubuntu 22.04 builds it, --disable-modern-top). Expected
 * layouts come from procps's top/top.c and top_nls.c: the summary formats (sprint_uptime,
 * STATE_line_1_fmt, STATE_lin2x7_fmt, MEMORY_lines_fmt with "%#.1f " in "%9.9s"), the column
 * widths of Fieldstab (PID as wide as kernel.pid_max - 1: 7 digits on Ubuntu), COMMAND taking what
 * the 80 columns of a dumb terminal leave (8), and the error texts of parse_args.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, openSystemSession, runScript } from '../../src/runtime/session';
import type { Tty } from '../../src/shell/command';

const HEADER = '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND';
const USAGE = 'Usage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n';
const ROW = /^ {0,6}\d{1,7} \S{1,8} +\d+ +-?\d+ +\S+ +\S+ +\S+ [RSDTZI] +\d+\.\d +\d+\.\d +\d+:\d\d\.\d\d \S.{0,7}$/;

describe('top -b on a node', () => {
  const world = bootWorld('cluster');
  const run = (host: string, s: string) => runScript(world, host, s);

  it('prints the summary, a blank line, the header and one row per process, sorted by %CPU', async () => {
    const r = await run('cka01', 'top -bn1');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.slice(0, -1).split('\n');
    expect(lines[0]).toMatch(/^top - \d\d:\d\d:\d\d up +(\d+ min|\d+:\d\d),  1 user,  load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/);
    expect(lines[1]).toMatch(/^Tasks: +\d+ total, +1 running, +\d+ sleeping, +0 stopped, +0 zombie$/);
    expect(lines[2]).toMatch(/^%Cpu\(s\):(( {0,2}\d+\.\d) (us|sy|ni|id|wa|hi|si|st),?){8}$/);
    expect(lines[3]).toMatch(/^MiB Mem : +\d+\.\d total, +\d+\.\d free, +\d+\.\d used, +\d+\.\d buff\/cache$/);
    expect(lines[4]).toMatch(/^MiB Swap: +\d+\.\d total, +\d+\.\d free, +\d+\.\d used\. +\d+\.\d avail Mem $/);
    expect(lines[5]).toBe('');
    expect(lines[6]).toBe(HEADER);
    const rows = lines.slice(7);
    for (const row of rows) expect(row).toMatch(ROW);
    // The same processes as ps, top itself among them.
    const names = rows.map((l) => l.slice(71));
    for (const name of ['systemd', 'kubelet', 'contain+', 'etcd', 'kube-ap+', 'kube-co+', 'kube-sc+', 'pause', 'top']) expect(names).toContain(name);
    expect(rows.find((l) => l.endsWith(' top'))).toMatch(/ R +\d+\.\d/);
    const total = Number(/Tasks: +(\d+)/.exec(lines[1])![1]);
    expect(rows).toHaveLength(total);
    const cpu = rows.map((l) => Number(l.slice(48, 53)));
    expect([...cpu].sort((a, b) => b - a)).toEqual(cpu);
    // Ties keep ascending PIDs.
    const idle = rows.filter((l) => l.slice(48, 53).trim() === '0.0').map((l) => Number(l.slice(0, 7)));
    expect([...idle].sort((a, b) => a - b)).toEqual(idle);
  });

  it('agrees with free and uptime', async () => {
    const r = await run('cka01', 'free; top -bn1 | head -5; uptime');
    const lines = r.stdout.split('\n');
    const [total, used, free, , buffCache, available] = lines[1].split(/ +/).slice(1).map(Number);
    const mib = (k: number) => (k / 1024).toFixed(1).padStart(8);
    expect(lines[6]).toBe(`MiB Mem : ${mib(total)} total, ${mib(free)} free, ${mib(used)} used, ${mib(buffCache)} buff/cache`);
    expect(lines[7]).toBe(`MiB Swap:      0.0 total,      0.0 free,      0.0 used. ${mib(available)} avail Mem `);
    expect(lines[3].replace(/^top - \S+/, '')).toBe(lines[8].replace(/^ \S+/, ''));
  });

  it('shows a busy container at 100% of a CPU, as crictl stats does, and frames -d seconds apart', async () => {
    await run('cka01', `kubectl run spin --image=busybox --overrides='{"spec":{"nodeName":"cka03"}}' -- sh -c 'while true; do :; done'; sleep 10`);
    const r = await run('cka03', 'top -b -n 2 -d 5');
    const frames = r.stdout.split('\n\ntop - ');
    expect(frames).toHaveLength(2);
    const t = frames.map((f) => /(\d\d):(\d\d):(\d\d) up/.exec(f)!.slice(1).map(Number)).map(([h, m, s]) => h * 3600 + m * 60 + s);
    expect(t[1] - t[0]).toBe(5);
    for (const f of frames) {
      expect(f).toMatch(/Tasks: +\d+ total, +2 running,/);
      expect(f).toMatch(/\n%Cpu\(s\): [45]\d\.\d us,/);
      expect(f).toMatch(new RegExp(`\\n${HEADER.replace(/[%+]/g, '\\$&')}\\n +\\d+ root +20 +0 +\\d+ +\\d+ +\\d+ R 100\\.0 +\\d+\\.\\d +\\d+:\\d\\d\\.\\d\\d sh\\n`));
    }
    const stats = await run('cka03', 'crictl stats --name spin 2>/dev/null || crictl stats');
    expect(stats.stdout).toMatch(/ spin +(99\.\d\d|100\.00) /);
  });

  it('selects by -p, -u and sorts by -o; -c shows command lines; -w sets the width', async () => {
    const p = await run('cka01', 'top -bn1 -p 1,$(pgrep kubelet)');
    expect(p.stdout).toMatch(/\nTasks: +2 total, +0 running, +2 sleeping,/);
    expect(p.stdout.split('\n').slice(7, 9).map((l) => l.slice(71))).toEqual(['systemd', 'kubelet']);
    const c = await run('cka01', 'top -bcn1 -w 120 -p 1');
    expect(c.stdout.split('\n')[7]).toMatch(/ \/sbin\/init$/);
    const u = await run('cka01', 'top -bn1 -u 65535 | tail -n +8 | awk \'{print $2, $12}\' | sort -u');
    expect(u.stdout).toBe('65535 pause\n');
    const o = await run('cka01', 'top -bn1 -o RES | sed -n 8p');
    expect(o.stdout.slice(71)).toBe('kube-ap+\n');
    const pid = await run('cka01', 'top -bn1 -o -PID | sed -n 8p');
    expect(pid.stdout).toMatch(/^ +1 root .* systemd\n$/);
    const narrow = await run('cka01', 'top -bn1 -w 40 | sed -n "1p;7p"');
    expect(narrow.stdout).toBe('top - ' + narrow.stdout.slice(6, 40) + '\n    PID USER      PR  NI    VIRT    RES\n');
  });

  it('fails like procps on bad options and without a terminal', async () => {
    const cases: [string, string, number, string?][] = [
      ['top -x', `top: unknown option 'x'\n${USAGE}`, 1],
      ['top -bn1 --help', `top: inappropriate '-help'\n${USAGE}`, 1],
      ['top -n', 'top: -n requires argument\n', 1],
      ['top -n 0', "top: bad iterations argument '0'\n", 1],
      ['top -d x', "top: bad delay interval 'x'\n", 1],
      ['top -d -1', 'top: -d requires positive argument\n', 1],
      ['top -o FOO', "top: unrecognized field name 'FOO'\n", 1],
      ['top -p 1 -u root', 'top: conflicting process selections (U/p/u)\n', 1],
      ['top -p x', "top: bad pid 'x'\n", 1],
      ['top -u nosuchuser', 'top: Invalid user\n', 1],
      ['top -w 2', "top: bad width arg '2'\n", 1],
      ['top -E z', "top: bad memory scaling arg 'z'\n", 1],
      ['top -s -d 1', 'top: -d disallowed in "secure" mode\n', 1],
      ['top', 'top: failed tty get\n', 1],
      ['top -v', '', 0, `  procps-ng 3.3.17\n${USAGE}`],
    ];
    for (const [line, stderr, status, stdout = ''] of cases) expect(await run('cka01', line), line).toEqual({ stdout, stderr, status });
    expect((await run('cka01', 'top -O | head -3')).stdout).toBe('PID\nPPID\nUID\n');
  });
});

describe('top on a terminal', () => {
  it('draws one screen sized to the terminal, refreshes it every 3 s and ends on q', async () => {
    const world = bootWorld('cluster');
    const session = openSystemSession(world, { host: 'cka01', mode: 'interactive' });
    const screen: string[] = [];
    let keys: ((d: string) => void) | undefined;
    const tty: Tty = { columns: 100, rows: 20, write: (d) => screen.push(d), takeKeys: (cb) => ((keys = cb), { release: () => (keys = undefined) }), onResize: () => ({ dispose() {} }) };
    const done = session.run('top', tty);
    for (let i = 0; i < 100 && !keys; i++) await new Promise((r) => setTimeout(r, 10));
    expect(keys).toBeDefined();
    const start = world.clock.now();
    const first = screen.join('');
    expect(first.startsWith('\x1b[H\x1b[2J')).toBe(true);
    const text = first.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\(B/g, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^top - \d\d:\d\d:\d\d up /);
    expect(lines[5]).toBe('');
    // The header in reverse video across the whole width; 20 rows: 5 of summary, the message line, the header, 13 tasks.
    expect(first).toContain(`\x1b[7m${'    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND'.padEnd(100)}`);
    expect(lines).toHaveLength(20);
    // The simulated clock is moved by hand here: the delay passes at once and the next screen comes.
    for (let i = 0; i < 100 && screen.length < 2; i++) await new Promise((r) => setTimeout(r, 0));
    expect(screen.length).toBeGreaterThan(1);
    expect(screen[1].startsWith('\x1b[H')).toBe(true);
    keys!('q');
    expect(await done).toBe(0);
    expect(world.clock.now() - start).toBeGreaterThanOrEqual(3000);
  });
});
