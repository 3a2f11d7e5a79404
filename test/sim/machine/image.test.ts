import { describe, expect, it } from 'vitest';
import { Machine } from '../../../src/sim/machine/machine';
import { findUser, groupsOf } from '../../../src/sim/machine/users';
import { programOfExecutable } from '../../../src/sim/machine/image';

const m = Machine.ubuntu({ hostname: 'cka02', ip: '192.168.6.172', programs: ['ls', 'sysctl', 'sudo'] }, () => 0);
const fs = m.rootFs;

describe('Ubuntu 22.04 image', () => {
  it('has only localhost and its own name in /etc/hosts', () => {
    const hosts = fs.readFile('/etc/hosts');
    expect(hosts.startsWith('127.0.0.1 localhost\n127.0.1.1 cka02\n')).toBe(true);
    expect(hosts).not.toContain('cka01');
  });

  it('has a swap line in /etc/fstab and swap in /proc/swaps', () => {
    expect(fs.readFile('/etc/fstab')).toMatch(/^\/swap\.img\tnone\tswap\tsw\t0\t0$/m);
    expect(fs.readFile('/proc/swaps').split('\n')[1]).toMatch(/^\/swap\.img\s+file/);
  });

  it('knows root and ubuntu (uid 1000, sudo group, password-less sudoers entry)', () => {
    expect(findUser(fs, 'root')).toMatchObject({ uid: 0, home: '/root', shell: '/bin/bash' });
    const u = findUser(fs, 'ubuntu')!;
    expect(u).toMatchObject({ uid: 1000, gid: 1000, home: '/home/ubuntu' });
    expect(groupsOf(fs, u).map((g) => g.name)).toContain('sudo');
    expect(fs.readFile('/etc/sudoers.d/90-cloud-init-users')).toContain('ubuntu ALL=(ALL) NOPASSWD:ALL');
  });

  it('has the directories the courses write to', () => {
    for (const d of ['/etc/sysctl.d', '/etc/modules-load.d', '/etc/apt/sources.list.d', '/etc/apt/keyrings', '/var/log', '/home/ubuntu', '/root']) {
      expect(fs.stat(d)?.type, d).toBe('dir');
    }
    expect(fs.stat('/tmp')!.mode).toBe(0o1777);
    expect(fs.readFile('/proc/sys/net/ipv4/ip_forward')).toBe('0\n');
  });

  it('places programs in /usr/bin and /usr/sbin as executables naming their program', () => {
    expect(programOfExecutable(fs.readFile('/usr/bin/ls'))).toBe('ls');
    expect(fs.stat('/usr/sbin/sysctl')!.mode).toBe(0o755);
    expect(fs.stat('/usr/bin/kubectl')).toBeNull();
  });

  it('reads os-release through its symlink', () => {
    expect(fs.readFile('/etc/os-release')).toContain('PRETTY_NAME="Ubuntu 22.04.5 LTS"');
    expect(fs.readFile('/etc/hostname')).toBe('cka02\n');
  });
});
