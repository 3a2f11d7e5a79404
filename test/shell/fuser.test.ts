/**
 * fuser (psmisc 23.4) on a node: who holds a TCP port, split between the streams as fuser.c
 * prints it (name and padding to 20 columns on stderr, each pid as %6d on stdout, the newline on
 * stderr); -v's table on stderr; -k's signal that reaches the process for real; its usage and
 * messages. Texts from the real fuser (Debian 12's psmisc 23.6, run on sockets of our own) and
 * psmisc's fuser.c and ChangeLog (23.6 dropped usage's `-  reset options` line, which 23.4 prints).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string, user?: string) => runScript(world, 'cka01', script, user);

beforeAll(() => {
  world = bootWorld('cluster');
});

/** A line of -v's table without its pid (which goes to stdout): fuser.c's print_matches. */
const verboseLine = (name: string, user: string, access: string, command: string) => `${name ? `${name}:`.padEnd(20) : ' '.repeat(20)} ${user.padEnd(8)}  ${access} ${command}\n`;
const HEADER = `${' '.repeat(20)} USER        PID ACCESS COMMAND\n`;

const USAGE_HEAD = 'Usage: fuser [-fIMuvw] [-a|-s] [-4|-6] [-c|-m|-n SPACE]\n             [-k [-i] [-SIGNAL]] NAME...\n       fuser -l\n       fuser -V\n';
const USAGE_TAIL = '  -4,--ipv4             search IPv4 sockets only\n  -6,--ipv6             search IPv6 sockets only\n  -                     reset options\n\n  udp/tcp names: [local_port][,[rmt_host][,[rmt_port]]]\n\n';

describe('fuser PORT/tcp', () => {
  it('lays out -v as the real fuser did for a python3 server on port 18080 (its pid on stdout between)', () => {
    expect(verboseLine('18080/tcp', 'root', 'F....', 'python3')).toBe('18080/tcp:           root      F.... python3\n');
  });

  it('prints the name on stderr and the pid on stdout (the real split), exit 0', async () => {
    const r = await run('fuser 6443/tcp; echo "rc $?"; pgrep -x kube-apiserver');
    const pid = r.stdout.split('\n')[1];
    expect(r.stdout).toBe(`${pid.padStart(6)}rc 0\n${pid}\n`);
    expect(r.stderr).toBe(`6443/tcp:${' '.repeat(11)}\n`);
  });

  it('-n tcp names ports alone; one pid per name, in the order given; -u adds the user', async () => {
    const r = await run('fuser -n tcp 10250 10248; echo; fuser -u 22/tcp ssh/tcp; echo; pidof kubelet; pgrep -x sshd | head -1');
    const [kubelet, sshd] = r.stdout.trim().split('\n').slice(-2);
    expect(r.stdout).toBe(`${kubelet.padStart(6)}${kubelet.padStart(6)}\n${sshd.padStart(6)}${sshd.padStart(6)}\n${kubelet}\n${sshd}\n`);
    expect(r.stderr).toBe(`10250/tcp:${' '.repeat(10)}\n10248/tcp:${' '.repeat(10)}\n22/tcp:${' '.repeat(13)}(root)\nssh/tcp:${' '.repeat(12)}(root)\n`);
  });

  it('-v: the USER PID ACCESS COMMAND table on stderr, a socket open as F....', async () => {
    const r = await run('fuser -v 2379/tcp 53/tcp');
    const [etcd, resolved] = r.stdout.trim().split(/\s+/);
    expect(r.stderr).toBe(HEADER + verboseLine('2379/tcp', 'root', 'F....', 'etcd') + verboseLine('53/tcp', 'systemd-resolve', 'F....', 'systemd-resolve'));
    expect(r.stdout).toBe(`${etcd.padStart(6)}${resolved.padStart(6)}`);
  });

  it('finds nothing silently, exit 1: a free port, 99999, udp (not modelled), IPv4 only of a dual-stack socket', async () => {
    const r = await run('fuser 18081/tcp; echo "rc $?"; fuser -v 99999/tcp; echo "rc $?"; fuser -4 10250/tcp; echo "rc $?"; fuser -6 10250/tcp >/dev/null 2>&1; echo "rc $?"; fuser -s 6443/tcp; echo "rc $?"');
    expect(r.stdout).toBe('rc 1\nrc 1\nrc 1\nrc 0\nrc 0\n');
    expect(r.stderr).toBe('');
  });

  it('-k kills the holder (SIGKILL): kube-apiserver ends and its static Pod starts it again', async () => {
    const r = await run('old=$(fuser 6443/tcp 2>/dev/null); fuser -k 6443/tcp 2>/dev/null >/dev/null; echo "rc $?"; sleep 5; new=$(fuser 6443/tcp 2>/dev/null); test -n "$new" && test "$new" != "$old" && echo restarted; kubectl -n kube-system get pod kube-apiserver-cka01 -o jsonpath="{.status.containerStatuses[0].lastState.terminated.exitCode}{\\"\\n\\"}"');
    expect(r.stdout).toBe('rc 0\nrestarted\n137\n');
  });
});

describe('fuser errors and files', () => {
  it('no name: the usage block, exit 1', async () => {
    const r = await run('fuser; echo "rc $?"');
    expect(r.stdout).toBe('rc 1\n');
    expect(r.stderr.startsWith(`No process specification given\n${USAGE_HEAD}`)).toBe(true);
    expect(r.stderr.endsWith(USAGE_TAIL)).toBe(true);
  });

  it('says what is wrong as fuser does', async () => {
    const cases: [string, string][] = [
      ['fuser --foo', `fuser: Invalid option --foo\n${USAGE_HEAD}`],
      ['fuser -x 6443/tcp', `fuser: Invalid option x\n${USAGE_HEAD}`],
      ['fuser -n', `Namespace option requires an argument.\n${USAGE_HEAD}`],
      ['fuser -n foo 1', `Invalid namespace name\n${USAGE_HEAD}`],
      ['fuser -4 -6 6443/tcp', `You cannot search for only IPv4 and only IPv6 sockets at the same time\n${USAGE_HEAD}`],
      ['fuser -sa 6443/tcp', `all option cannot be used with silent option.\n${USAGE_HEAD}`],
      ['fuser -FOO 6443/tcp', 'FOO: unknown signal; fuser -l lists signals.\n'],
      ['fuser 6443', 'Specified filename 6443 does not exist.\n'],
      ['fuser abc/tcp', 'Cannot resolve local port abc: Servname not supported for ai_socktype\n'],
    ];
    for (const [command, start] of cases) {
      const r = await run(`${command}; echo "rc $?"`);
      expect({ command, stdout: r.stdout, stderr: r.stderr.slice(0, start.length) }).toEqual({ command, stdout: 'rc 1\n', stderr: start });
    }
  });

  it('-l lists the signals on stdout', async () => {
    const r = await run('fuser -l');
    expect(r.stdout).toBe('HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nCHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n');
  });

  it('a program file: the processes that run it (e)', async () => {
    const r = await run('fuser -v /usr/bin/kubelet');
    const pid = r.stdout.trim();
    expect(r.stderr).toBe(HEADER + verboseLine('/usr/bin/kubelet', 'root', '...e.', 'kubelet'));
    expect(r.stdout).toBe(pid.padStart(6));
  });

  it('-m: every process with a file on the filesystem of the name (here the root one), the kernel holding its mount point', async () => {
    const r = await run('fuser -vm /var/lib/etcd; echo; pidof kubelet');
    const kubelet = r.stdout.trim().split('\n').pop()!;
    // `kernel` stands where a pid would, on stdout.
    expect(r.stderr.startsWith(HEADER + verboseLine('/var/lib/etcd', 'root', 'mount', '/'))).toBe(true);
    expect(r.stderr).toContain(verboseLine('', 'root', '.rce.', 'kubelet'));
    expect(r.stdout.startsWith('kernel')).toBe(true);
    expect(r.stdout).toContain(kubelet.padStart(6));
  });

  it('a user other than root finds no one else\'s sockets', async () => {
    const r = await run('fuser 6443/tcp; echo "rc $?"', 'ubuntu');
    expect(r.stdout).toBe('rc 1\n');
  });
});
