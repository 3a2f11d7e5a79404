import { describe, expect, it } from 'vitest';
import { run } from '../tools/helpers';
import { bootWorld } from '../../src/runtime/session';
import { scenarios } from '../../src/sim/scenarios/index';

describe('the CentOS 7 flavour (machines-centos)', () => {
  it('is a scenario of three machines at the cluster addresses', () => {
    expect(scenarios['machines-centos']).toBeDefined();
    const w = bootWorld('machines-centos', 1);
    expect([...w.machines.values()].map((m) => `${m.hostname} ${m.ip} ${m.os.pretty}`)).toEqual([
      'cka01 192.168.6.171 CentOS Linux 7 (Core)',
      'cka02 192.168.6.172 CentOS Linux 7 (Core)',
      'cka03 192.168.6.173 CentOS Linux 7 (Core)',
    ]);
  });

  it('identifies itself as CentOS 7 with its 3.10 kernel', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, 'cat /etc/redhat-release\ngrep -E "^(ID|VERSION_ID|PRETTY_NAME)=" /etc/os-release\nuname -r\nuname -sr\nhostnamectl | grep -E "Operating System|Kernel"\nwhoami; echo $HOME');
    expect(r.stdout).toBe(
      'CentOS Linux release 7.9.2009 (Core)\nID="centos"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n3.10.0-1160.119.1.el7.x86_64\nLinux 3.10.0-1160.119.1.el7.x86_64\n' +
        'Operating System: CentOS Linux 7 (Core)\n          Kernel: Linux 3.10.0-1160.119.1.el7.x86_64\nroot\n/root\n',
    );
  });

  it('SELinux is enforcing, firewalld and chronyd run, swap is on an LVM volume', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, 'getenforce\ngrep ^SELINUX= /etc/selinux/config\nsystemctl is-active firewalld chronyd sshd\nfirewall-cmd --state\nswapon --show=NAME --noheadings 2>/dev/null || cat /proc/swaps | tail -1 | cut -f1 -d" "\ngrep swap /etc/fstab\nchronyc sources | head -1');
    expect(r.stdout).toBe(
      'Enforcing\nSELINUX=enforcing\nactive\nactive\nactive\nrunning\n/dev/dm-1\n/dev/mapper/centos-swap swap                    swap    defaults        0 0\n' +
        'MS Name/IP address         Stratum Poll Reach LastRx Last sample               \n',
    );
  });

  it('has yum and rpm, not apt or dnf; wget is not in a minimal install', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, 'which yum rpm\nfor c in apt dnf wget; do $c --version >/dev/null 2>&1; echo "$c $?"; done\nrpm -q centos-release kernel yum');
    expect(r.stdout).toBe('/usr/bin/yum\n/usr/bin/rpm\napt 127\ndnf 127\nwget 127\ncentos-release-7-9.2009.1.el7.centos.x86_64\nkernel-3.10.0-1160.119.1.el7.x86_64\nyum-3.4.3-168.el7.centos.noarch\n');
  });

  it('the 3.10 kernel still has nf_conntrack_ipv4 (gone from 4.19); jammy does not', async () => {
    const centos = await run(bootWorld('machines-centos', 1), 'modprobe nf_conntrack_ipv4; echo rc=$?\nlsmod | grep ^nf_conntrack_ipv4');
    expect(centos.stdout).toBe('rc=0\nnf_conntrack_ipv4      15053  0 \n'.replace(' \n', '\n'));
    const ubuntu = await run(bootWorld('machines', 1), 'modprobe nf_conntrack_ipv4; echo rc=$?');
    expect(ubuntu.stdout).toBe('rc=1\n');
    expect(ubuntu.stderr).toMatch(/^modprobe: FATAL: Module nf_conntrack_ipv4 not found in directory \/lib\/modules\/5\.15\./);
  });

  it('a reboot applies what was persisted: SELinux mode, swap from fstab, stopped-but-enabled firewalld', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, "setenforce 0\ngetenforce\nswapoff -a\nsystemctl stop firewalld\nsed -i 's/^SELINUX=enforcing$/SELINUX=permissive/' /etc/selinux/config\nreboot");
    expect(r.stdout).toBe('Permissive\n');
    const after = await run(w, 'getenforce\ncat /proc/swaps | wc -l\nsystemctl is-active firewalld');
    // swapoff without the fstab edit does not last; firewalld is still enabled, so it runs again.
    expect(after.stdout).toBe('Permissive\n2\nactive\n');
  });

  it('systemd 219 speaks as on CentOS 7', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, 'systemctl disable firewalld\nsystemctl enable firewalld\nsystemctl status firewalld --no-pager | sed -n 2p\nsystemctl daemon_reload; echo rc=$?');
    expect(r.stderr).toBe(
      'Removed symlink /etc/systemd/system/multi-user.target.wants/firewalld.service.\n' +
        'Created symlink from /etc/systemd/system/multi-user.target.wants/firewalld.service to /usr/lib/systemd/system/firewalld.service.\n' +
        "Unknown operation 'daemon_reload'.\n",
    );
    expect(r.stdout).toBe('   Loaded: loaded (/usr/lib/systemd/system/firewalld.service; enabled; vendor preset: enabled)\nrc=1\n');
  });
});
