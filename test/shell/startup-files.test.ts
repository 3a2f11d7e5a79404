import { describe, expect, it } from 'vitest';
import { openSession, shellProgramNames } from '../../src/shell/index';
import { createWorld } from '../../src/sim/create-world';
import { World, type WorldJSON } from '../../src/sim/world';
import { freshWorld, fakeTty } from './differential/harness';

let centosSnapshot: WorldJSON | undefined;
function centosWorld(): World {
  centosSnapshot ??= createWorld('machines-centos', { seed: 1, programs: shellProgramNames() }).toJSON();
  return World.fromJSON(JSON.parse(JSON.stringify(centosSnapshot)) as WorldJSON);
}

/** Writes files as root, then opens a fresh interactive login and returns it once startup ran. */
async function loginAfter(world: World, script: string, user = 'root') {
  const admin = openSession(world, { host: 'cka01', user: 'root' });
  await admin.ready;
  await admin.run(script, fakeTty());
  const s = openSession(world, { host: 'cka01', user });
  await s.ready;
  return s;
}

async function output(s: ReturnType<typeof openSession>, line: string): Promise<string> {
  const tty = fakeTty();
  await s.run(line, tty);
  return tty.text.replace(/\r\n/g, '\n');
}

describe('login shell startup files (Ubuntu)', () => {
  it('reads /etc/profile, which sources /etc/bash.bashrc (the prompt) and /etc/profile.d/*.sh', async () => {
    const s = await loginAfter(freshWorld(), `echo 'FROM_PROFILE_D=yes' > /etc/profile.d/zz-test.sh; echo 'SYS_BASHRC=yes' >> /etc/bash.bashrc`);
    expect(s.prompt()).toBe('root@cka01:~# ');
    expect(await output(s, 'echo $FROM_PROFILE_D $SYS_BASHRC')).toBe('yes yes\n');
  });

  it('reads the first of ~/.bash_profile, ~/.bash_login, ~/.profile', async () => {
    const world = freshWorld();
    let s = await loginAfter(world, `echo 'WHICH=profile' >> ~/.profile; echo 'WHICH=login' > ~/.bash_login`);
    expect(await output(s, 'echo $WHICH')).toBe('login\n');
    s = await loginAfter(world, `echo 'WHICH=bash_profile' > ~/.bash_profile`);
    expect(await output(s, 'echo $WHICH')).toBe('bash_profile\n');
  });

  it('without /etc/bash.bashrc the prompt is bash\'s own \\s-\\v\\$', async () => {
    const s = await loginAfter(freshWorld(), 'rm /etc/bash.bashrc');
    expect(s.prompt()).toBe('bash-5.1# ');
  });

  it('an interactive non-login shell reads /etc/bash.bashrc and ~/.bashrc, not /etc/profile', async () => {
    const s = await loginAfter(freshWorld(), `echo 'P=profile' > /etc/profile.d/p.sh; echo 'B=bashrc' >> ~/.bashrc; echo 'S=sys' >> /etc/bash.bashrc`);
    await output(s, 'bash');
    expect(await output(s, 'echo "[$P] [$B] [$S]"')).toBe('[] [bashrc] [sys]\n');
  });

  it('a non-interactive shell reads none of them', async () => {
    const s = await loginAfter(freshWorld(), `echo 'echo FROM_PROFILE' >> /etc/profile`);
    expect(await output(s, 'bash -c "echo ok"')).toBe('ok\n');
  });

  it('prints the sudo hint for a member of group sudo until ~/.sudo_as_admin_successful exists, as Ubuntu does', async () => {
    const world = freshWorld();
    let text = '';
    const s = openSession(world, { host: 'cka01', user: 'ubuntu', stdout: { write: (d: string) => void (text += d) } });
    await s.ready;
    expect(text).toBe('To run a command as administrator (user "root"), use "sudo <command>".\nSee "man sudo_root" for details.\n\n');
    expect(s.prompt()).toBe('ubuntu@cka01:~$ ');
    // Ubuntu's sudo leaves the flag file after a member of group sudo used it.
    await s.run('sudo true', fakeTty());
    expect(world.resolveHost('cka01')!.fs.admin.stat('/home/ubuntu/.sudo_as_admin_successful')).not.toBeNull();
    text = '';
    await openSession(world, { host: 'cka01', user: 'ubuntu', stdout: { write: (d: string) => void (text += d) } }).ready;
    expect(text).toBe('');
  });
});

describe('login shell startup files (CentOS 7)', () => {
  it('~/.bash_profile sources ~/.bashrc which sources /etc/bashrc: the [root@cka01 ~]# prompt', async () => {
    const world = centosWorld();
    const s = openSession(world, { host: 'cka01', user: 'root' });
    await s.ready;
    expect(s.prompt()).toBe('[root@cka01 ~]# ');
    await s.run('cd /etc', fakeTty());
    expect(s.prompt()).toBe('[root@cka01 etc]# ');
    expect(await output(s, 'alias rm; echo $HISTCONTROL; umask')).toBe("alias rm='rm -i'\nignoredups\n0022\n");
  });
});

describe('groups', () => {
  it('prints the caller\'s groups, `user : groups` for named users, and refuses unknown users', async () => {
    const s = await loginAfter(freshWorld(), 'true');
    expect(await output(s, 'groups; groups root; groups nosuch; echo $?')).toBe('root\nroot : root\ngroups: \u2018nosuch\u2019: no such user\n1\n');
    expect(await output(s, 'groups ubuntu')).toMatch(/^ubuntu : ubuntu adm .*\bsudo\b/);
  });
});
