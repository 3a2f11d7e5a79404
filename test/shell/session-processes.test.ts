/**
 * A session's shells and the programs they run are processes of their machine while they run:
 * ps, pgrep, kill and `ss -p` see them under the pids `$$` and `$!` name, and `jobs -l` prints
 * those pids as bash does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(async () => {
  world = bootWorld('cluster');
  // kubectl loads on first use: once loaded, a backgrounded one listens before the next command.
  await run('kubectl get pods >/dev/null');
}, 60_000);

/** The lines of `text` whose words match. */
const linesWith = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l));

describe('the login shell', () => {
  it('is $$ on pts/0, under the sshd process that is its $PPID, under sshd', async () => {
    const r = await run('echo "$$ $PPID"; ps; ps -ef');
    const [shell, sshd] = r.stdout.split('\n')[0].split(' ');
    expect(linesWith(r.stdout, /^ +\d+ pts\/0 /)).toEqual([`${shell.padStart(7)} pts/0    00:00:00 bash`, expect.stringMatching(/^ +\d+ pts\/0    00:00:00 ps$/)]);
    expect(linesWith(r.stdout, /^root .*(sshd: root@| bash$|ps -ef$)/).map((l) => l.split(/ +/).slice(0, 3).concat(l.split(/ +/).slice(7).join(' ')))).toEqual([
      ['root', sshd, '815', 'sshd: root@pts/0'],
      ['root', shell, sshd, 'bash'],
      ['root', expect.stringMatching(/^\d+$/), shell, 'ps -ef'],
    ]);
  });

  it('sees the other members of a pipeline: ps aux | grep lists the grep', async () => {
    const r = await run('ps aux | grep kube-schedule');
    expect(r.stdout).toMatch(/^root +\d+ +0\.0 +0\.0 +8000 +2000 pts\/0 +S\+ +\d\d:\d\d +0:00 grep kube-schedule$/m);
    expect(r.stdout).toMatch(/ Ssl +\d\d:\d\d +0:\d\d kube-scheduler --authentication-kubeconfig/);
  });
});

describe('a background job', () => {
  it('is the process $! names: in jobs -l, ps, pgrep and ss -tlnp, until kill ends it', async () => {
    const r = await run(
      [
        'kubectl proxy --port=8002 >/dev/null &',
        'echo "pid $!"',
        'jobs -l',
        'jobs -p',
        'ps | grep kubectl',
        'pgrep -a kubectl',
        'ss -tlnp | grep 8002 | sed "s/ *$//"',
        '/bin/kill $!',
        'jobs',
        'ps | grep -c kubectl',
        'ss -tln | grep -c 8002',
      ].join('\n'),
    );
    const pid = /^pid (\d+)$/m.exec(r.stdout)![1];
    expect(r.stdout).toBe(
      [
        `pid ${pid}`,
        `[1]+ ${pid.padStart(5)} Running                 kubectl proxy --port=8002 > /dev/null &`,
        pid,
        `${pid.padStart(7)} pts/0    00:00:00 kubectl`,
        `${pid} kubectl proxy --port=8002`,
        `LISTEN 0      4096       127.0.0.1:8002       0.0.0.0:*    users:(("kubectl",pid=${pid},fd=3))`,
        '[1]+  Terminated              kubectl proxy --port=8002 > /dev/null',
        '0',
        '0',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });

  it('answers jobs as bash does: -lp and -pl, jobspecs with or without %, -x, bad input', async () => {
    const r = await run(
      [
        'kubectl proxy --port=8003 >/dev/null &',
        'p=$!',
        'jobs -lp | sed "s/$p/PID/"',
        'jobs -pl | sed "s/$p/PID/"',
        'jobs 1 kubectl',
        'jobs -x echo %1 | sed "s/$p/PID/"',
        'jobs -r -s',
        'jobs %3; echo "rc $?"',
        'jobs -z; echo "rc $?"',
        'kill %1; wait',
      ].join('\n'),
    );
    expect(r.stdout).toBe(
      [
        'PID',
        '[1]+  PID Running                 kubectl proxy --port=8003 > /dev/null &',
        '[1]+  Running                 kubectl proxy --port=8003 > /dev/null &',
        '[1]+  Running                 kubectl proxy --port=8003 > /dev/null &',
        'PID',
        'rc 1',
        'rc 2',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('bash: line 8: jobs: %3: no such job\nbash: line 9: jobs: -z: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n');
  });
});

describe('tmux', () => {
  it("its server runs on its own under init; each pane's login shell is its child on a terminal of its own; all go with kill-server", async () => {
    const r = await run('tmux new -d -s dev; tmux split-window -t dev; ps -eo pid,ppid,tty,args | grep -E "[t]mux|-bash$"; tmux kill-server; ps -ef | grep -c -E "[t]mux|-bash$"');
    const rows = r.stdout.trim().split('\n').map((l) => l.trim().split(/ +/));
    const server = rows[0][0];
    expect(rows.map((w) => w.slice(1))).toEqual([
      ['1', '?', 'tmux', 'new', '-d', '-s', 'dev'],
      [server, 'pts/1', '-bash'],
      [server, 'pts/2', '-bash'],
      [],
    ]);
    expect(rows[3]).toEqual(['0']);
  });
});

describe('logins', () => {
  it('who and users list the sshd sessions (from the gateway, or the machine ssh came from); tty needs a terminal on stdin', async () => {
    const r = await run('who; users; logname; tty; echo "rc $?"; ssh cka02 who');
    expect(r.stdout).toMatch(/^root {5}pts\/0 {8}\d{4}-\d\d-\d\d \d\d:\d\d \(192\.168\.6\.1\)\nroot\nroot\nnot a tty\nrc 1\n$/);
  });
});
