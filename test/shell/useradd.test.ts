/** useradd/usermod/userdel/groupadd on a fresh Ubuntu machine; texts and codes as shadow-utils prints them. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('account tools', () => {
  it('creates a user with its own group, supplementary groups and a home from /etc/skel', async () => {
    const world = bootWorld('machines');
    const run = await runScript(world, 'cka01', 'useradd -m -s /bin/bash -G sudo,adm candidate; echo $?\nid candidate\ngrep ^candidate: /etc/passwd\nls -A /home/candidate\nstat -c "%a %U:%G" /home/candidate');
    expect(run.stdout).toBe(
      '0\nuid=1001(candidate) gid=1001(candidate) groups=1001(candidate),4(adm),27(sudo)\ncandidate:x:1001:1001::/home/candidate:/bin/bash\n.bash_logout\n.bashrc\n.profile\n750 candidate:candidate\n',
    );
  });

  it('refuses what shadow refuses, with its messages and exit codes, and changes nothing', async () => {
    const world = bootWorld('machines');
    const before = (await runScript(world, 'cka01', 'cat /etc/passwd /etc/group')).stdout;
    const cases: [string, string, number][] = [
      ['useradd ubuntu', "useradd: user 'ubuntu' already exists\n", 9],
      ['useradd -G nosuch bob', "useradd: group 'nosuch' does not exist\n", 6],
      ["useradd 'Bad Name'", "useradd: invalid user name 'Bad Name': use --badname to ignore\n", 3],
      ['useradd -u abc bob', "useradd: invalid user ID 'abc'\n", 3],
      ['usermod -aG sudo nosuch', "usermod: user 'nosuch' does not exist\n", 6],
      ['groupadd sudo', "groupadd: group 'sudo' already exists\n", 9],
      ['userdel nosuch', "userdel: user 'nosuch' does not exist\n", 6],
    ];
    for (const [command, error, code] of cases) {
      const run = await runScript(world, 'cka01', command);
      expect(run.stderr, command).toBe(error);
      expect(run.status, command).toBe(code);
    }
    const user = await runScript(world, 'cka01', 'useradd bob', 'ubuntu');
    expect(user.stderr).toBe('useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n');
    expect(user.status).toBe(1);
    expect((await runScript(world, 'cka01', 'useradd', 'root')).status).toBe(2);
    expect((await runScript(world, 'cka01', 'cat /etc/passwd /etc/group')).stdout).toBe(before);
  });

  it('usermod -aG appends, -G replaces; userdel -r removes the account, its group and home', async () => {
    const world = bootWorld('machines');
    const run = await runScript(world, 'cka01', 'useradd -m dev\nusermod -aG adm dev\nusermod -aG sudo dev\nid dev\nusermod -G adm dev\nid dev\nuserdel -r dev\nid dev; ls /home; grep -c ^dev: /etc/group');
    expect(run.stdout).toBe('uid=1001(dev) gid=1001(dev) groups=1001(dev),4(adm),27(sudo)\nuid=1001(dev) gid=1001(dev) groups=1001(dev),4(adm)\nubuntu\n0\n');
    expect(run.stderr).toBe("id: 'dev': no such user\n");
  });
});
