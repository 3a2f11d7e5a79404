/**
 * lsof 4.93.2 on a node: the listening sockets `ss -tlnp` shows, by port, address, process,
 * command and user, as lsof lays them out; its messages and exit statuses. Texts and layouts come
 * from the real lsof (Debian 12's 4.95.0 run on sockets of our own, whose table code is 4.93.2's:
 * print.c print_file) and from lsof's source at tag 4.93.2 (usage.c, arg.c, main.c).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';
import { lsofTable } from '../../src/shell/commands/lsof/layout';

let world: World;
const run = (script: string, user?: string) => runScript(world, 'cka01', script, user);

beforeAll(() => {
  world = bootWorld('cluster');
});

/** usage.c's short usage at 4.93.2 (the same text as 4.95.0's but the version). */
const USAGE = `lsof 4.93.2
 latest revision: https://github.com/lsof-org/lsof
 latest FAQ: https://github.com/lsof-org/lsof/blob/master/00FAQ
 latest (non-formatted) man page: https://github.com/lsof-org/lsof/blob/master/Lsof.8
 usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-E] [+|-e s] [+|-f[gG]]
 [-F [f]] [-g [s]] [-i [i]] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]
 [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]
Use the \`\`-h'' option to get more help information.
`;

describe('lsof table layout', () => {
  it('sizes each column to its widest cell, as the real lsof printed python3 servers (lsof -i :18443 -i :18444 -P)', () => {
    const row = (pid: number, fd: string, type: string, device: string, name: string) => ({ command: 'python3', pid, user: 'root', fd, mode: 'u ', type, device, sizeOff: '0t0', node: 'TCP', name });
    const out = lsofTable([row(21773, '   3', 'IPv6', '1854717', '*:18443 (LISTEN)'), row(21773, '   4', 'IPv4', '1854718', 'localhost:18444 (LISTEN)')], 9, 'SIZE/OFF');
    expect(out).toBe(
      'COMMAND   PID USER   FD   TYPE  DEVICE SIZE/OFF NODE NAME\n' +
        'python3 21773 root    3u  IPv6 1854717      0t0  TCP *:18443 (LISTEN)\n' +
        'python3 21773 root    4u  IPv4 1854718      0t0  TCP localhost:18444 (LISTEN)\n',
    );
  });

  it('puts -R\'s PPID after PID, as the real lsof -R -i :18080 did', () => {
    const out = lsofTable([{ command: 'python3', pid: 21772, ppid: 1, user: 'root', fd: '   3', mode: 'u ', type: 'IPv4', device: '1854722', sizeOff: '0t0', node: 'TCP', name: '*:18080 (LISTEN)' }], 9, 'SIZE/OFF');
    expect(out).toBe('COMMAND   PID PPID USER   FD   TYPE  DEVICE SIZE/OFF NODE NAME\npython3 21772    1 root    3u  IPv4 1854722      0t0  TCP *:18080 (LISTEN)\n');
  });
});

describe('lsof -i on a control-plane node', () => {
  it('finds what listens on a port: kube-apiserver on *:6443 (IPv6, Go listens dual-stack), its command cut to 9', async () => {
    const r = await run('lsof -i :6443; echo "rc $?"; pgrep -x kube-apiserver');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^COMMAND +PID USER   FD   TYPE +DEVICE SIZE\/OFF NODE NAME$/);
    expect(lines[1]).toMatch(new RegExp(`^kube-apis ${lines[3]} root    3u  IPv6 +\\d+      0t0  TCP \\*:6443 \\(LISTEN\\)$`));
    expect(lines[2]).toBe('rc 0');
    // Columns line up under their titles.
    expect(lines[1].indexOf('IPv6') + 4).toBe(lines[0].indexOf('TYPE') + 4);
    expect(lines[1].indexOf('0t0') + 3).toBe(lines[0].indexOf('SIZE/OFF') + 8);
  });

  it('names hosts and ports unless -n, -P: localhost from /etc/hosts, the node itself by systemd-resolved', async () => {
    const named = await run('lsof -i tcp:2379 | tail -n +2 | awk \'{print $NF, $(NF-1)}\'');
    expect(named.stdout).toBe('(LISTEN) localhost:2379\n(LISTEN) cka01:2379\n');
    const numeric = await run('lsof -i tcp:2379 -n -P | tail -n +2 | awk \'{print $(NF-1)}\'; lsof -i :22 | tail -n +2 | awk \'{print $5, $(NF-1)}\'; lsof -i :53 -a -u systemd-resolve | tail -n +2 | awk \'{print $1, $3, $(NF-1)}\'');
    expect(numeric.stdout).toBe('127.0.0.1:2379\n192.168.6.171:2379\nIPv4 *:ssh\nIPv6 *:ssh\nsystemd-r systemd-resolve _localdnsstub:domain\n');
  });

  it('-iTCP -sTCP:LISTEN lists every listener once per socket, by pid; -i 4 and -i 6 split them', async () => {
    const ss = await run('ss -tlnp | tail -n +2 | wc -l; lsof -iTCP -sTCP:LISTEN -P -n | tail -n +2 | wc -l; lsof -i 4 | tail -n +2 | grep -c IPv6; lsof -i 6 | tail -n +2 | grep -vc IPv6');
    const [listeners, lsofLines, v6in4, v4in6] = ss.stdout.trim().split('\n');
    expect(lsofLines).toBe(listeners);
    expect([v6in4, v4in6]).toEqual(['0', '0']);
    const order = await run('lsof -i -P -n | tail -n +2 | awk \'{print $2}\' | uniq | sort -nc && echo sorted');
    expect(order.stdout).toBe('sorted\n');
  });

  it('-t prints the pids alone, for kill $(lsof -t -i :PORT); -p, -c, -a select as lsof does', async () => {
    const r = await run('test "$(lsof -t -i :10250)" = "$(pidof kubelet)" && echo same; lsof -p $(pidof kubelet) | awk \'{print $4, $5, $NF}\'; lsof -c kube-sch -a -i -t | grep -c .');
    expect(r.stdout).toBe('same\nFD TYPE NAME\ncwd DIR /\nrtd DIR /\ntxt REG /usr/bin/kubelet\n20u IPv4 (LISTEN)\n24u IPv6 (LISTEN)\n1\n');
    const rx = await run('lsof -c "/^kube-(api|sch)/" -a -i -Fc | grep ^c | sort; lsof -V -c /^nomatch/ -t');
    expect(rx.stdout).toBe('ckube-apiserver\nckube-scheduler\nlsof: no command found for regex: /^nomatch/\n');
  });

  it('finds nothing silently: exit 1 (a port no one holds, an unknown pid or command, a state no socket is in)', async () => {
    const r = await run('lsof -i :99999; echo "rc $?"; lsof -i :18081; echo "rc $?"; lsof -p 999999; echo "rc $?"; lsof -c nosuch; echo "rc $?"; lsof -i -sTCP:ESTABLISHED; echo "rc $?"; lsof -i udp; echo "rc $?"');
    expect(r.stdout).toBe('rc 1\nrc 1\nrc 1\nrc 1\nrc 1\nrc 1\n');
    expect(r.stderr).toBe('');
  });

  it('refuses what it cannot read with the usage block, exit 1', async () => {
    const cases: [string, string][] = [
      ['lsof -Y', 'lsof: illegal option character: Y\n'],
      ['lsof -i tcpx:80', 'lsof: unknown protocol name (tcpx) in: -i tcpx:80\n'],
      ['lsof -i :abc', 'lsof: unknown service abc in: -i :abc\n'],
      ['lsof -u nosuchuser', "lsof: can't get UID for nosuchuser\n"],
      ['lsof -p 1x', 'lsof: illegal process ID: 1x\n'],
      ['lsof -p', 'lsof: no process ID specified\n'],
      ['lsof -c kube-controller-manager', 'lsof: "-c kube-controller-manager" length (23) > what system provides (15)\n'],
      ['lsof -s TCP:FOO -i', 'lsof: unknown TCP state name: FOO\n'],
      ['lsof -c /abc', "lsof: regexp doesn't end with '/': /abc\n"],
      ['lsof -c /abc/q', 'lsof: invalid regexp modifier: q\n'],
    ];
    for (const [command, message] of cases) {
      const r = await run(`${command}; echo "rc $?"`);
      expect({ command, stdout: r.stdout, stderr: r.stderr }).toEqual({ command, stdout: 'rc 1\n', stderr: message + USAGE });
    }
  });

  it('-h: the help, exit 0; its columns reflow without 4.95\'s -Q (the real 4.95.0 help, version and -Q aside)', async () => {
    const r = await run('lsof -h; echo "rc $?"');
    expect(r.stdout).toBe('rc 0\n');
    const head = "lsof 4.93.2\n latest revision: https://github.com/lsof-org/lsof\n latest FAQ: https://github.com/lsof-org/lsof/blob/master/00FAQ\n latest (non-formatted) man page: https://github.com/lsof-org/lsof/blob/master/Lsof.8\n usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-E] [+|-e s] [+|-f[gG]]\n [-F [f]] [-g [s]] [-i [i]] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]\n [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]\nDefaults in parentheses; comma-separated set (s) items; dash-separated ranges.\n  -?|-h list help          -a AND selections (OR)     -b avoid kernel blocks\n  -c c  cmd c ^c /c/[bix]  +c w  COMMAND width (9)    +d s  dir s files\n  -d s  select by FD set   +D D  dir D tree *SLOW?*   +|-e s  exempt s *RISKY*\n  -i select IPv[46] files  -K [i] list|(i)gn tasKs    -l list UID numbers\n  -n no host names         -N select NFS files        -o list file offset\n";
    const tail = "  -E display endpoint info              +E display endpoint info and files\n  +f|-f  +filesystem or -file names     +|-f[gG] flaGs \n  -F [f] select fields; -F? for help  \n  +|-L [l] list (+) suppress (-) link counts < l (0 = all; default = 0)\n                                        +m [m] use|create mount supplement\n  +|-M   portMap registration (-)       -o o   o 0t offset digits (8)\n  -p s   exclude(^)|select PIDs         -S [t] t second stat timeout (15)\n  -T fqs TCP/TPI Fl,Q,St (s) info\n  -g [s] exclude(^)|select and print process group IDs\n  -i i   select by IPv[46] address: [46][proto][@host|addr][:svc_list|port_list]\n  +|-r [t[m<fmt>]] repeat every t seconds (15);  + until no files, - forever.\n       An optional suffix to t is m<fmt>; m must separate t from <fmt> and\n      <fmt> is an strftime(3) format for the marker line.\n  -s p:s  exclude(^)|select protocol (p = TCP|UDP) states by name(s).\n  -u s   exclude(^)|select login|UID set s\n  -x [fl] cross over +d|+D File systems or symbolic Links\n  names  select named files or files on named file systems\nAnyone can list all files; /dev warnings disabled; kernel ID check disabled.\n";
    expect(r.stderr.startsWith(head)).toBe(true);
    expect(r.stderr.endsWith(tail)).toBe(true);
    expect(r.stderr).not.toContain('-Q');
    expect(r.stderr).toContain('  -O no overhead *RISKY*   -P no port names           -R list paRent PID\n');
  });

  it('-F: fields for programs in the order of the real lsof -F (python3 on 18443 gave p g R c u L, f a l t G d o P n T; G is not modelled)', async () => {
    const r = await run('lsof -i :10250 -F; pidof kubelet');
    const lines = r.stdout.split('\n');
    const pid = lines[lines.length - 2];
    expect(lines.slice(0, -2).map((l) => l.replace(/^d\d+$/, 'dINODE'))).toEqual([`p${pid}`, `g${pid}`, 'R1', 'ckubelet', 'u0', 'Lroot', 'f24', 'au', 'l ', 'tIPv6', 'dINODE', 'o0t0', 'PTCP', 'n*:10250', 'TST=LISTEN', 'TQR=0', 'TQS=0']);
    const some = await run('lsof -i :2379 -Fpcn -P; lsof -F -t; echo "rc $?"');
    expect(some.stdout).toMatch(/^p\d+\ncetcd\nnlocalhost:2379\nncka01:2379\nrc 1\n$/);
    expect(some.stderr.startsWith('lsof: -F and -t are mutually exclusive\nlsof 4.93.2\n')).toBe(true);
    // -F? lists the fields on stderr (the real 4.95.0's list; 4.93.2's f adds that it is always selected).
    const help = await run('lsof -F?; echo "rc $?"');
    expect(help.stdout).toBe('rc 0\n');
    expect(help.stderr.split('\n').slice(0, 6)).toEqual(['lsof:\tID    field description', '\t a    access: r = read; w = write; u = read/write', '\t c    command name', '\t d    device character code', '\t D    major/minor device number as 0x<hex>', '\t f    file descriptor (always selected)']);
    expect(help.stderr.endsWith('\t u    user ID (UID)\n\t 0    (zero) use NUL field terminator instead of NL\n')).toBe(true);
  });

  it('+d DIR and +D DIR select the directory and what lies in it (or below), as the real lsof +D did for shells in /tmp/dd/sub', async () => {
    const r = await run('cd /root; lsof +D /root | awk \'{print $1, $4, $NF}\'; lsof +d /usr/bin -a -c kubelet | awk \'{print $1, $4, $NF}\'; lsof +D /nonexist; echo "rc $?"');
    expect(r.stdout).toBe('COMMAND FD NAME\nbash cwd /root\nlsof cwd /root\nawk cwd /root\nCOMMAND FD NAME\nkubelet txt /usr/bin/kubelet\nrc 1\n');
    expect(r.stderr.startsWith("lsof: WARNING: can't stat(/nonexist): No such file or directory\nlsof 4.93.2\n")).toBe(true);
  });

  it('-V says on stdout which search items found nothing (main.c\'s texts and order); a state no socket is in makes the exit status 1', async () => {
    const r = await run('lsof -V -i :9999 -u ubuntu -c nosuch -p 999999 -t; echo "rc $?"; lsof -iTCP -sTCP:LISTEN,ESTABLISHED >/dev/null; echo "rc $?"; lsof -V -sTCP:ESTABLISHED -i; echo "rc $?"');
    expect(r.stdout).toBe(
      'lsof: command not located: nosuch\nlsof: Internet address not located: :9999\nlsof: process ID not located: 999999\nlsof: login name (UID 1000) not located: ubuntu\nrc 1\n' +
        'rc 1\n' +
        'lsof: no Internet files located\nlsof: TCP state not located: ESTABLISHED\nrc 1\n',
    );
  });

  it('says so of a file that does not exist, and goes on', async () => {
    const r = await run('lsof /nonexist; echo "rc $?"; lsof /usr/bin/kubelet | tail -n +2 | awk \'{print $1, $4, $NF}\'');
    expect(r.stderr).toBe('lsof: status error on /nonexist: No such file or directory\n');
    expect(r.stdout).toBe('rc 1\nkubelet txt /usr/bin/kubelet\n');
  });

  it('kill $(lsof -t -i :6443) ends kube-apiserver, which the kubelet starts again', async () => {
    const r = await run('old=$(lsof -t -i :6443); kill -9 $(lsof -t -i :6443); echo "rc $?"; sleep 5; new=$(lsof -t -i :6443); test -n "$new" && test "$new" != "$old" && echo restarted');
    expect(r.stdout).toBe('rc 0\nrestarted\n');
  });

  it('a user other than root sees the sockets of no one else, and what it may not read of others', async () => {
    const r = await run('lsof -i :6443; echo "rc $?"; lsof -p 1; echo "rc $?"', 'ubuntu');
    expect(r.stdout).toBe(
      'rc 1\n' +
        'COMMAND PID USER   FD      TYPE DEVICE SIZE/OFF NODE NAME\n' +
        'systemd   1 root  cwd   unknown                      /proc/1/cwd (readlink: Permission denied)\n' +
        'systemd   1 root  rtd   unknown                      /proc/1/root (readlink: Permission denied)\n' +
        'systemd   1 root  txt   unknown                      /proc/1/exe (readlink: Permission denied)\n' +
        'systemd   1 root NOFD                                /proc/1/fd (opendir: Permission denied)\n' +
        'rc 0\n',
    );
  });
});
