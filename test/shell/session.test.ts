import { describe, expect, it } from 'vitest';
import { openSession } from '../../src/shell/index';
import { freshWorld, runScript, fakeTty } from './differential/harness';

describe('interactive session', () => {
  it('shows bash\'s Ubuntu prompt for root and for a user', async () => {
    const world = freshWorld();
    const root = openSession(world, { host: 'cka01', user: 'root' });
    await root.ready;
    expect(root.prompt()).toBe('root@cka01:~# ');
    const tty = fakeTty();
    await root.run('cd /etc', tty);
    expect(root.prompt()).toBe('root@cka01:/etc# ');
    const user = openSession(world, { host: 'cka02', user: 'ubuntu' });
    await user.ready;
    expect(user.prompt()).toBe('ubuntu@cka02:~$ ');
    expect(user.continuationPrompt()).toBe('> ');
  });

  it('tells the terminal when more lines are needed', () => {
    const s = openSession(freshWorld());
    for (const text of ['echo "abc', "echo 'x", 'if true; then', 'echo a |', 'echo a &&', 'echo a \\', 'cat <<EOF\nline', 'for i in 1; do', 'f() {', 'echo $(echo', 'case x in']) {
      expect(s.isComplete(text), text).toBe(false);
    }
    for (const text of ['echo hi', 'if true; then echo; fi', 'cat <<EOF\nx\nEOF', 'echo "a\nb"', 'echo a \\\\', 'if then', '']) {
      expect(s.isComplete(text), text).toBe(true);
    }
  });

  it('expands aliases interactively (alias k=kubectl) and accepts complete -F', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.run('alias k=echo; complete -F __start_kubectl k', tty);
    await s.run('k get pods', tty);
    expect(tty.text).toContain('get pods\r\n');
    await s.run('alias', tty);
    expect(tty.text).toContain("alias k='echo'");
    await s.run('alias ll', tty);
    expect(tty.text).toContain("alias ll='ls -alF'");
  });

  it('accepts `source <(cmd)` (process substitution as a /dev/fd path)', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    const status = await s.run("source <(echo 'greet() { echo hello from fd; }'); greet", tty);
    expect(status).toBe(0);
    expect(tty.text).toContain('hello from fd');
  });

  it('prints command-not-found without a line number and keeps history', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    expect(await s.run('nosuch', tty)).toBe(127);
    expect(tty.text).toBe('bash: nosuch: command not found\r\n');
    await s.run('echo one', tty);
    tty.text = '';
    await s.run('history', tty);
    expect(tty.text).toBe('    1  nosuch\r\n    2  echo one\r\n    3  history\r\n');
  });

  it('reports a background job as [1] PID, then Done before the next prompt', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.run('true &', tty);
    expect(tty.text).toMatch(/^\[1\] \d+\r\n\[1\]\+  Done                    true\r\n$/);
    tty.text = '';
    await s.run('(exit 2) &', tty);
    expect(tty.text).toMatch(/^\[1\] \d+\r\n\[1\]\+  Exit 2                  \( exit 2 \)\r\n$/);
  });

  it('stops a running loop on Ctrl-C with status 130', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    const run = s.run('while true; do :; done', tty);
    setTimeout(() => s.interrupt(), 20);
    expect(await run).toBe(130);
    expect(await s.run('echo still here', tty)).toBe(0);
  });
});

describe('users: sudo, su, id, whoami', () => {
  it('prints id like coreutils for root and ubuntu', async () => {
    const r = await runScript('id\nwhoami\nid ubuntu\nid -un\nid nosuch\n');
    expect(r.stdout).toBe(
      'uid=0(root) gid=0(root) groups=0(root)\nroot\n' +
        'uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu),4(adm),20(dialout),24(cdrom),25(floppy),27(sudo),29(audio),30(dip),44(video),46(plugdev),110(netdev),111(lxd)\n' +
        'root\n',
    );
    expect(r.stderr).toBe("id: 'nosuch': no such user\n");
  });

  it('lets ubuntu use password-less sudo, with root\'s identity and environment', async () => {
    const r = await runScript('whoami\nsudo whoami\nsudo id -u\nsudo bash -c \'echo $HOME $USER $SUDO_USER\'\nsudo nosuchcmd\necho $?\ncat /etc/shadow\nsudo cat /etc/shadow | head -1\n', { user: 'ubuntu' });
    expect(r.stdout).toBe('ubuntu\nroot\n0\n/root root ubuntu\n1\nroot:*:19800:0:99999:7:::\n');
    expect(r.stderr).toBe('sudo: nosuchcmd: command not found\ncat: /etc/shadow: Permission denied\n');
  });

  it('opens root shells with sudo -i and sudo su -, and returns on exit', async () => {
    const r = await runScript('sudo -i\nwhoami\npwd\nexit\nwhoami\nsudo su -\nid -u\nexit\nid -u\n', { user: 'ubuntu' });
    expect(r.stdout).toBe('root\n/root\nubuntu\n0\n1000\n');
  });

  it('refuses su for a normal user (root has no password) and allows it for root', async () => {
    const u = await runScript('su -c whoami\necho $?\n', { user: 'ubuntu' });
    expect(u.stderr).toBe('Password: \nsu: Authentication failure\n');
    expect(u.stdout).toBe('1\n');
    const r = await runScript("su - ubuntu -c 'whoami; pwd'\nsu nosuch\n");
    expect(r.stdout).toBe('ubuntu\n/home/ubuntu\n');
    expect(r.stderr).toBe('su: user nosuch does not exist or the user entry does not contain all the required fields\n');
  });

  it('refuses sudo to a user outside sudoers', async () => {
    const world = freshWorld();
    const m = world.resolveHost('cka01')!;
    m.rootFs.writeFile('/etc/passwd', 'bob:x:1001:1001::/home/bob:/bin/bash\n', { append: true });
    m.rootFs.writeFile('/etc/group', 'bob:x:1001:\n', { append: true });
    const r = await runScript('sudo true\necho $?\n', { user: 'bob', world });
    expect(r.stderr).toBe('[sudo] password for bob: \nbob is not in the sudoers file.  This incident will be reported.\n');
    expect(r.stdout).toBe('1\n');
  });
});

describe('machines: hostname, ssh, scp', () => {
  it('prints hostname and its addresses', async () => {
    const r = await runScript('hostname\nhostname -I\nhostname -i\n', { host: 'cka02' });
    expect(r.stdout).toBe('cka02\n192.168.6.172 \n127.0.1.1\n');
  });

  it('runs ssh NAME \'cmd\' remotely, by name or IP', async () => {
    const r = await runScript("ssh cka02 hostname\nssh 192.168.6.173 'hostname; whoami; pwd'\nssh ubuntu@cka02 whoami\nssh cka02 'exit 3'\necho $?\n");
    expect(r.stdout).toBe('cka02\ncka03\nroot\n/root\nubuntu\n3\n');
  });

  it('reports unknown hosts like OpenSSH (status 255)', async () => {
    const r = await runScript('ssh nowhere\necho $?\n');
    expect(r.stderr).toBe('ssh: Could not resolve hostname nowhere: Name or service not known\n');
    expect(r.stdout).toBe('255\n');
  });

  it('continues the script on the remote machine after `ssh NAME` until exit', async () => {
    const r = await runScript('ssh cka03\nhostname\nexit\nhostname\n');
    expect(r.stdout).toBe('cka03\ncka01\n');
    expect(r.stderr).toBe('Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n');
  });

  it('opens an interactive nested login on ssh and returns on exit', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.run('ssh cka02', tty);
    await s.ready;
    expect(s.prompt()).toBe('root@cka02:~# ');
    expect(tty.text).toContain('Welcome to Ubuntu 22.04.5 LTS');
    await s.run('exit', tty);
    expect(tty.text).toContain('logout\r\nConnection to cka02 closed.\r\n');
    expect(s.prompt()).toBe('root@cka01:~# ');
    expect(s.closed).toBe(false);
  });

  it("`sh` is Ubuntu's dash: its own prompt, no bash variables or startup files, a silent exit", async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.ready;
    await s.run('sh', tty);
    expect(s.prompt()).toBe('# ');
    await s.run('echo "$0" "[$BASH_VERSION]" $SHLVL', tty);
    await s.run('nope', tty);
    await s.run('exit 4', tty);
    expect(tty.text).toBe('sh [] 2\r\nsh: 2: nope: not found\r\n');
    expect(s.prompt()).toBe('root@cka01:~# ');
    await s.run('echo $?', tty);
    expect(tty.text).toMatch(/\r\n4\r\n$/);
  });

  it('copies files between machines with scp', async () => {
    const world = freshWorld();
    const r = await runScript("echo payload > /tmp/f\nscp /tmp/f cka02:/tmp/g\nssh cka02 cat /tmp/g\nscp cka02:/tmp/g ./back\ncat back\nscp /nope cka02:/tmp/\necho $?\n", { world });
    expect(r.stdout).toBe('payload\npayload\n1\n');
    expect(r.stderr).toBe('scp: /nope: No such file or directory\n');
    expect(world.resolveHost('cka02')!.rootFs.readFile('/tmp/g')).toBe('payload\n');
  });
});

describe('scripts and files', () => {
  it('runs ./script.sh with a shebang and +x, and bash script.sh', async () => {
    const r = await runScript("printf '#!/bin/bash\\necho \"$0 $1\"\\n' > s.sh\n./s.sh a\nchmod +x s.sh\n./s.sh b\nbash s.sh c\nsh -c 'nosuch'\n");
    expect(r.stdout).toBe('./s.sh b\ns.sh c\n');
    expect(r.stderr).toBe('bash: line 2: ./s.sh: Permission denied\nsh: 1: nosuch: not found\n');
  });

  it('finds programs with type and which-style lookups in /usr/bin', async () => {
    const r = await runScript('type cat\ncommand -v sudo\ntype -t echo\n');
    expect(r.stdout).toBe('cat is /usr/bin/cat\n/usr/bin/sudo\nbuiltin\n');
  });

  it('keeps simulated time: sleep-like waits advance the clock at once', async () => {
    const world = freshWorld();
    const before = world.clock.now();
    await world.clock.sleep(300_000);
    expect(world.clock.now() - before).toBe(300_000);
  });
});

describe('history expansion (interactive)', () => {
  it('expands !!, !$ and !prefix, echoing the line; unknown events fail', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.run('echo one two', tty);
    tty.text = '';
    await s.run('echo !!', tty);
    expect(tty.text).toBe('echo echo one two\r\necho one two\r\n');
    tty.text = '';
    await s.run('echo !$', tty);
    expect(tty.text).toBe('echo two\r\ntwo\r\n');
    tty.text = '';
    expect(await s.run('!nosuch', tty)).toBe(1);
    expect(tty.text).toBe('bash: !nosuch: event not found\r\n');
    tty.text = '';
    await s.run("echo 'no !! here' \"x!\"", tty);
    expect(tty.text).toBe('no !! here x!\r\n');
  });

  it('passes sudo VAR=value into the command environment', async () => {
    const r = await runScript("sudo KUBECONFIG=/etc/kubernetes/admin.conf bash -c 'echo $KUBECONFIG'\n", { user: 'ubuntu' });
    expect(r.stdout).toBe('/etc/kubernetes/admin.conf\n');
  });
});

describe('completion registrations', () => {
  it('keeps complete -F specs (also visible in pipelines) for the terminal', async () => {
    const r = await runScript('complete -o default -F __start_kubectl k\ncomplete -p | cat\n');
    expect(r.stdout).toBe('complete -o default -F __start_kubectl k\n');
  });
});

describe('exec and alias chaining', () => {
  it('exec bash replaces the shell instead of nesting one', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.run('exec bash', tty);
    expect(s.closed).toBe(false);
    expect(s.prompt()).toBe('root@cka01:~# ');
    expect(await s.endOfInput(tty)).toBe(false);
  });

  it('expands the word after an alias that ends in a blank', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.run("alias run='echo ' greet='hello'", tty);
    await s.run('run greet', tty);
    expect(tty.text).toBe('hello\r\n');
  });
});

describe('leaving the first shell', () => {
  it('logs in again after exit in an interactive session (the page terminal never dies)', async () => {
    const s = openSession(freshWorld(), { host: 'cka02', user: 'ubuntu' });
    const tty = fakeTty();
    await s.run('cd /tmp; exit 3', tty);
    // The new login reads /etc/bash.bashrc again: Ubuntu's hint for a sudo member who never used sudo.
    expect(tty.text).toBe('logout\r\nTo run a command as administrator (user "root"), use "sudo <command>".\r\nSee "man sudo_root" for details.\r\n\r\n');
    expect(s.closed).toBe(false);
    expect(s.prompt()).toBe('ubuntu@cka02:~$ ');
    expect(await s.run('echo $?', tty)).toBe(0);
  });

  it('closes a stdin session on exit and reports the status', async () => {
    const r = await runScript('echo a\nexit 4\necho b\n');
    expect(r).toEqual({ stdout: 'a\n', stderr: '', status: 4 });
  });
});

describe('background jobs', () => {
  it('do not block the terminal on a realtime clock; wait collects them', async () => {
    const world = freshWorld();
    world.clock.mode = 'realtime';
    const s = openSession(world);
    const tty = fakeTty();
    expect(await s.run('sleep 100 &', tty)).toBe(0);
    expect(tty.text).toMatch(/^\[1\] \d+\r\n$/);
    tty.text = '';
    await s.run('jobs', tty);
    expect(tty.text).toBe('[1]+  Running                 sleep 100 &\r\n');
    world.clock.advance(100_000);
    tty.text = '';
    await s.run('wait; echo waited $?', tty);
    expect(tty.text).toBe('waited 0\r\n');
  });

  it('report wait on an unknown pid like bash', async () => {
    const r = await runScript('wait 99999\necho $?\n');
    expect(r.stderr).toBe('bash: line 1: wait: pid 99999 is not a child of this shell\n');
    expect(r.stdout).toBe('127\n');
  });
});

describe('resource limits', () => {
  it('survives a fork bomb with bash\'s fork error instead of freezing', async () => {
    const r = await runScript(':(){ :|:& };:\necho survived\n');
    expect(r.stdout).toBe('survived\n');
    expect(r.stderr).toContain('fork: retry: Resource temporarily unavailable');
  });
});

describe('more interactive details', () => {
  it('prints only the first syntax error line interactively', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    expect(await s.run('if then', tty)).toBe(2);
    expect(tty.text).toBe("bash: syntax error near unexpected token `then'\r\n");
  });

  it('follows HISTCONTROL=ignoreboth from ~/.bashrc (no duplicates, no leading-space lines)', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.run('echo a', tty);
    await s.run('echo a', tty);
    await s.run(' echo secret', tty);
    tty.text = '';
    await s.run('history', tty);
    expect(tty.text).toBe('    1  echo a\r\n    2  history\r\n');
  });

  it('runs commands as another user with sudo -u', async () => {
    const r = await runScript('sudo -u ubuntu whoami\nsudo -u ubuntu id -g\nsudo -u nosuch true\necho $?\n');
    expect(r.stdout).toBe('ubuntu\n1000\n1\n');
    expect(r.stderr).toContain('sudo: unknown user nosuch');
  });
});

describe('interrupting long loops', () => {
  it('stops a long for loop and an arithmetic for loop on Ctrl-C', async () => {
    const s = openSession(freshWorld());
    const tty = fakeTty();
    let run = s.run('for i in {1..2000000}; do :; done', tty);
    setTimeout(() => s.interrupt(), 50);
    expect(await run).toBe(130);
    run = s.run('for ((;;)); do :; done', tty);
    setTimeout(() => s.interrupt(), 50);
    expect(await run).toBe(130);
  });
});

describe('nested interactive shells', () => {
  it('sudo -i, su - ubuntu and bash nest and unwind with exit and Ctrl-D', async () => {
    const s = openSession(freshWorld(), { host: 'cka01', user: 'ubuntu' });
    const tty = fakeTty();
    await s.ready;
    expect(s.prompt()).toBe('ubuntu@cka01:~$ ');
    await s.run('sudo -i', tty);
    await s.ready;
    expect(s.prompt()).toBe('root@cka01:~# ');
    await s.run('su - ubuntu', tty);
    await s.ready;
    expect(s.prompt()).toBe('ubuntu@cka01:~$ ');
    await s.run('cd /tmp; bash', tty);
    expect(s.prompt()).toBe('ubuntu@cka01:/tmp$ ');
    tty.text = '';
    expect(await s.endOfInput(tty)).toBe(true);
    expect(tty.text).toBe('exit\r\n');
    await s.run('exit', tty);
    expect(s.prompt()).toBe('root@cka01:~# ');
    await s.run('logout', tty);
    expect(s.prompt()).toBe('ubuntu@cka01:~$ ');
    expect(s.historyKey()).toBe('cka01:ubuntu');
  });
});
