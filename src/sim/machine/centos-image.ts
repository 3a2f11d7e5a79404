/**
 * The CentOS Linux 7 (Core) minimal base image (7.9.2009), the distribution of the older study
 * notes: yum and rpm instead of apt and dpkg, SELinux enforcing, firewalld running, a 3.10 kernel,
 * swap on an LVM volume, chrony for time. Only root exists (a minimal install creates no user).
 */
import type { FsView } from './fs';
import { CENTOS_ETC_BASHRC, CENTOS_ETC_PROFILE } from './startup-files-centos';
import { installPrograms, UBUNTU_BASE_PROGRAMS, writeDmi, type ImageOptions } from './image';

export const CENTOS_KERNEL_RELEASE = '3.10.0-1160.119.1.el7.x86_64';
export const CENTOS_KERNEL_VERSION = '#1 SMP Tue Jun 4 14:43:51 UTC 2024';

/** Ubuntu tools a CentOS 7 minimal install does not have (other package managers, tools not in @core). */
const NOT_ON_CENTOS = new Set([
  'apt', 'apt-get', 'apt-cache', 'apt-mark', 'apt-key', 'add-apt-repository', 'dpkg', 'dpkg-query', 'snap', 'ufw', 'lsb_release', 'cloud-init',
  'dash', 'rbash', 'mawk', 'editor', 'vim', 'vim.basic', 'view', 'nano', 'jq', 'wget', 'netstat', 'ifconfig', 'route', 'arp', 'dig', 'nslookup',
  'host', 'telnet', 'tcpdump', 'rsync', 'zip', 'unzip', 'htop', 'lsof', 'traceroute', 'python3', 'update-ca-certificates', 'netcat', 'nc',
  'locate', 'update-alternatives', 'adduser',
]);

/** Programs of CentOS 7 minimal that Ubuntu's list lacks. */
const CENTOS_ONLY = ['yum', 'rpm', 'firewall-cmd', 'firewall-offline-cmd', 'getenforce', 'setenforce', 'sestatus', 'chronyc', 'chronyd', 'python', 'nmcli', 'alternatives'];

export const CENTOS_BASE_PROGRAMS: readonly string[] = [...UBUNTU_BASE_PROGRAMS.filter((p) => !NOT_ON_CENTOS.has(p)), ...CENTOS_ONLY];

/** On CentOS 7 /bin, /sbin are symlinks into /usr too; administrative tools live in /usr/sbin. */
const CENTOS_SBIN = new Set([
  'sysctl', 'modprobe', 'lsmod', 'swapoff', 'swapon', 'useradd', 'userdel', 'usermod', 'groupadd', 'iptables', 'iptables-save', 'iptables-restore', 'ip6tables', 'ip', 'ss',
  'reboot', 'shutdown', 'poweroff', 'visudo', 'mkswap', 'service', 'fdisk', 'blkid', 'insmod', 'rmmod', 'chpasswd', 'getenforce', 'setenforce', 'sestatus',
  'firewalld', 'chronyd', 'alternatives', 'arp', 'route', 'ifconfig', 'lspci', 'tcpdump',
]);

const OS_RELEASE = `NAME="CentOS Linux"
VERSION="7 (Core)"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="7"
PRETTY_NAME="CentOS Linux 7 (Core)"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:centos:centos:7"
HOME_URL="https://www.centos.org/"
BUG_REPORT_URL="https://bugs.centos.org/"

CENTOS_MANTISBT_PROJECT="CentOS-7"
CENTOS_MANTISBT_PROJECT_VERSION="7"
REDHAT_SUPPORT_PRODUCT="centos"
REDHAT_SUPPORT_PRODUCT_VERSION="7"

`;

const PASSWD = `root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/spool/mail:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
games:x:12:100:games:/usr/games:/sbin/nologin
ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin
nobody:x:99:99:Nobody:/:/sbin/nologin
systemd-network:x:192:192:systemd Network Management:/:/sbin/nologin
dbus:x:81:81:System message bus:/:/sbin/nologin
polkitd:x:999:998:User for polkitd:/:/sbin/nologin
sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin
postfix:x:89:89::/var/spool/postfix:/sbin/nologin
chrony:x:998:996::/var/lib/chrony:/sbin/nologin
tss:x:59:59:Account used by the trousers package to sandbox the tcsd daemon:/dev/null:/sbin/nologin
`;

const GROUPS: Array<[string, number, string]> = [
  ['root', 0, ''], ['bin', 1, ''], ['daemon', 2, ''], ['sys', 3, ''], ['adm', 4, ''], ['tty', 5, ''], ['disk', 6, ''], ['lp', 7, ''],
  ['mem', 8, ''], ['kmem', 9, ''], ['wheel', 10, ''], ['cdrom', 11, ''], ['mail', 12, 'postfix'], ['man', 15, ''], ['dialout', 18, ''],
  ['floppy', 19, ''], ['games', 20, ''], ['tape', 33, ''], ['video', 39, ''], ['ftp', 50, ''], ['lock', 54, ''], ['audio', 63, ''],
  ['nobody', 99, ''], ['users', 100, ''], ['utmp', 22, ''], ['utempter', 35, ''], ['input', 999, ''], ['systemd-journal', 190, ''],
  ['systemd-network', 192, ''], ['dbus', 81, ''], ['polkitd', 998, ''], ['ssh_keys', 997, ''], ['sshd', 74, ''], ['postdrop', 90, ''],
  ['postfix', 89, ''], ['chrony', 996, ''], ['tss', 59, ''],
];

const FSTAB = `
#
# /etc/fstab
# Created by anaconda on Thu Jan 15 07:41:26 2026
#
# Accessible filesystems, by reference, are maintained under '/dev/disk'
# See man pages fstab(5), findfs(8), mount(8) and/or blkid(8) for more info
#
/dev/mapper/centos-root /                       xfs     defaults        0 0
UUID=6c1f3e2a-8d4b-4f7e-9a21-3b5c7d9e0f12 /boot                   xfs     defaults        0 0
/dev/mapper/centos-swap swap                    swap    defaults        0 0
`;

const SELINUX_CONFIG = `
# This file controls the state of SELinux on the system.
# SELINUX= can take one of these three values:
#     enforcing - SELinux security policy is enforced.
#     permissive - SELinux prints warnings instead of enforcing.
#     disabled - No SELinux policy is loaded.
SELINUX=enforcing
# SELINUXTYPE= can take one of three values:
#     targeted - Targeted processes are protected,
#     minimum - Modification of targeted policy. Only selected processes are protected. 
#     mls - Multi Level Security protection.
SELINUXTYPE=targeted 


`;

const YUM_CONF = `[main]
cachedir=/var/cache/yum/$basearch/$releasever
keepcache=0
debuglevel=2
logfile=/var/log/yum.log
exactarch=1
obsoletes=1
gpgcheck=1
plugins=1
installonly_limit=5
bugtracker_url=http://bugs.centos.org/set_project.php?project_id=23&ref=http://bugs.centos.org/bug_report_page.php?category=yum
distroverpkg=centos-release


#  This is the default, if you make large changes you may want to use
#  yum-config-manager or another tool.
#
# PUT YOUR REPOS HERE OR IN separate files named file.repo
# in /etc/yum.repos.d
`;

/** The stock CentOS-Base.repo: mirrorlist.centos.org, which no longer answers since CentOS 7 reached its end of life. */
export const CENTOS_BASE_REPO = `# CentOS-Base.repo
#
# The mirror system uses the connecting IP address of the client and the
# update status of each mirror to pick mirrors that are updated to and
# geographically close to the client.  You should use this for CentOS updates
# unless you are manually picking other mirrors.
#
# If the mirrorlist= does not work for you, as a fall back you can try the 
# remarked out baseurl= line instead.
#
#

[base]
name=CentOS-$releasever - Base
mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=os&infra=$infra
#baseurl=http://mirror.centos.org/centos/$releasever/os/$basearch/
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7

#released updates 
[updates]
name=CentOS-$releasever - Updates
mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=updates&infra=$infra
#baseurl=http://mirror.centos.org/centos/$releasever/updates/$basearch/
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7

#additional packages that may be useful
[extras]
name=CentOS-$releasever - Extras
mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=extras&infra=$infra
#baseurl=http://mirror.centos.org/centos/$releasever/extras/$basearch/
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7

#additional packages that extend functionality of existing packages
[centosplus]
name=CentOS-$releasever - Plus
mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=centosplus&infra=$infra
#baseurl=http://mirror.centos.org/centos/$releasever/centosplus/$basearch/
gpgcheck=1
enabled=0
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7
`;

const DIRS: Array<[string, number]> = [
  ['/usr', 0o755], ['/usr/bin', 0o555], ['/usr/sbin', 0o555], ['/usr/lib', 0o555], ['/usr/lib64', 0o555], ['/usr/local', 0o755], ['/usr/local/bin', 0o755],
  ['/usr/local/sbin', 0o755], ['/usr/share', 0o755], ['/usr/lib/systemd/system', 0o755], ['/etc', 0o755], ['/etc/sysctl.d', 0o755],
  ['/etc/modules-load.d', 0o755], ['/etc/sysconfig', 0o755], ['/etc/sysconfig/modules', 0o755], ['/etc/sysconfig/network-scripts', 0o755],
  ['/etc/yum.repos.d', 0o755], ['/etc/pki', 0o755], ['/etc/pki/rpm-gpg', 0o755], ['/etc/selinux', 0o755], ['/etc/sudoers.d', 0o750],
  ['/etc/systemd', 0o755], ['/etc/systemd/system', 0o755], ['/etc/skel', 0o755], ['/etc/profile.d', 0o755], ['/etc/ssh', 0o755], ['/etc/default', 0o755],
  ['/etc/modprobe.d', 0o755], ['/etc/firewalld', 0o750], ['/etc/firewalld/zones', 0o750], ['/var', 0o755], ['/var/log', 0o755],
  ['/var/lib', 0o755], ['/var/lib/rpm', 0o755], ['/var/lib/yum', 0o755], ['/var/cache', 0o755], ['/var/cache/yum', 0o755],
  ['/var/tmp', 0o1777], ['/run', 0o755], ['/tmp', 0o1777], ['/home', 0o755], ['/root', 0o550], ['/opt', 0o755], ['/mnt', 0o755],
  ['/srv', 0o755], ['/media', 0o755], ['/boot', 0o555], ['/dev', 0o755], ['/proc', 0o555], ['/proc/sys', 0o555], ['/proc/sys/net', 0o555],
  ['/proc/sys/net/ipv4', 0o555], ['/proc/sys/net/bridge', 0o555], ['/proc/sys/vm', 0o555], ['/proc/sys/kernel', 0o555], ['/sys', 0o555],
  ['/sys/fs', 0o755], ['/sys/fs/cgroup', 0o755], ['/sys/fs/bpf', 0o700], ['/sys/fs/selinux', 0o755],
];

const SKEL_BASHRC = `# .bashrc

# Source global definitions
if [ -f /etc/bashrc ]; then
	. /etc/bashrc
fi

# Uncomment the following line if you don't like systemctl's auto-paging feature:
# export SYSTEMD_PAGER=

# User specific aliases and functions
`;

const ROOT_BASHRC = `# .bashrc

# User specific aliases and functions

alias rm='rm -i'
alias cp='cp -i'
alias mv='mv -i'

# Source global definitions
if [ -f /etc/bashrc ]; then
	. /etc/bashrc
fi
`;

export function buildCentosImage(fs: FsView, opts: ImageOptions): void {
  for (const [dir, mode] of DIRS) {
    if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
    fs.chmod(dir, mode);
  }
  for (const d of ['bin', 'sbin', 'lib', 'lib64']) fs.symlink(`usr/${d}`, `/${d}`);
  const file = (path: string, data: string, mode = 0o644) => {
    fs.writeFile(path, data);
    fs.chmod(path, mode);
  };
  file('/usr/lib/os-release', OS_RELEASE);
  fs.symlink('../usr/lib/os-release', '/etc/os-release');
  file('/etc/centos-release', 'CentOS Linux release 7.9.2009 (Core)\n');
  fs.symlink('centos-release', '/etc/redhat-release');
  fs.symlink('centos-release', '/etc/system-release');
  file('/etc/system-release-cpe', 'cpe:/o:centos:centos:7\n');
  file('/etc/issue', '\\S\nKernel \\r on an \\m\n\n');
  file('/etc/hostname', `${opts.hostname}\n`);
  file('/etc/hosts', '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n');
  file('/etc/fstab', FSTAB);
  file('/etc/resolv.conf', '# Generated by NetworkManager\nnameserver 192.168.6.1\n');
  file('/etc/host.conf', 'multi on\n');
  file('/etc/selinux/config', SELINUX_CONFIG);
  fs.symlink('../selinux/config', '/etc/sysconfig/selinux');
  file('/etc/yum.conf', YUM_CONF);
  file('/etc/yum.repos.d/CentOS-Base.repo', CENTOS_BASE_REPO);
  file('/etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7', '-----BEGIN PGP PUBLIC KEY BLOCK-----\nVersion: GnuPG v1.4.5 (GNU/Linux)\n\nmQINBFOn/0sBEADLDyZ+DQHkcTHDQSE0a0B2iYAEXwpPvs67cJ4tmhe/iMOyVMh9\n-----END PGP PUBLIC KEY BLOCK-----\n');
  file('/etc/sysctl.conf', '# sysctl settings are defined through files in\n# /usr/lib/sysctl.d/, /run/sysctl.d/, and /etc/sysctl.d/.\n#\n# Vendors settings live in /usr/lib/sysctl.d/.\n# To override a whole file, create a new file with the same in\n# /etc/sysctl.d/ and put new settings there. To override\n# only specific settings, add a file with a lexically later\n# name in /etc/sysctl.d/ and put new settings there.\n#\n# For more information, see sysctl.conf(5) and sysctl.d(5).\n');
  file('/etc/sysconfig/network', '# Created by anaconda\n');
  file('/etc/sysconfig/network-scripts/ifcfg-ens192', `TYPE="Ethernet"\nBOOTPROTO="none"\nDEFROUTE="yes"\nNAME="ens192"\nDEVICE="ens192"\nONBOOT="yes"\nPREFIX="24"\nGATEWAY="192.168.6.1"\nDNS1="192.168.6.1"\n`);
  file('/etc/shells', '/bin/sh\n/bin/bash\n/usr/bin/sh\n/usr/bin/bash\n');
  file('/etc/localtime', '');
  file('/etc/machine-id', `${hashHex(`machine-id:${opts.hostname}`, 32)}\n`, 0o444);
  file('/etc/sudoers', 'Defaults   !visiblepw\nDefaults    always_set_home\nDefaults    match_group_by_gid\nDefaults    env_reset\nDefaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin\n\nroot\tALL=(ALL) \tALL\n\n## Allows people in group wheel to run all commands\n%wheel\tALL=(ALL)\tALL\n\n#includedir /etc/sudoers.d\n', 0o440);
  file('/etc/skel/.bashrc', SKEL_BASHRC);
  file('/etc/skel/.bash_profile', '# .bash_profile\n\n# Get the aliases and functions\nif [ -f ~/.bashrc ]; then\n\t. ~/.bashrc\nfi\n\n# User specific environment and startup programs\n\nPATH=$PATH:$HOME/.local/bin:$HOME/bin\n\nexport PATH\n');
  file('/etc/skel/.bash_logout', '# ~/.bash_logout\n');
  file('/etc/bashrc', CENTOS_ETC_BASHRC);
  file('/etc/profile', CENTOS_ETC_PROFILE);
  file('/root/.bashrc', ROOT_BASHRC);
  file('/root/.bash_profile', fs.readFile('/etc/skel/.bash_profile'));
  file('/root/anaconda-ks.cfg', '#version=DEVEL\n# System authorization information\nauth --enableshadow --passalgo=sha512\n# Use CDROM installation media\ncdrom\n# Run the Setup Agent on first boot\nfirstboot --enable\nignoredisk --only-use=sda\n', 0o600);

  let passwd = PASSWD;
  let shadow = PASSWD.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '$6$rounds=5000$centos$' : '!!'}:20468::::::`).join('\n') + '\n';
  const groups = GROUPS.map(([n, g, m]) => [n, g, m ? m.split(',') : []] as [string, number, string[]]);
  for (const u of opts.users) {
    if (u.name === 'root') continue;
    passwd += `${u.name}:x:${u.uid}:${u.uid}::/home/${u.name}:/bin/bash\n`;
    shadow += `${u.name}:!!:20468:0:99999:7:::\n`;
    groups.push([u.name, u.uid, []]);
    if (u.sudo) groups.find((g) => g[0] === 'wheel')?.[2].push(u.name);
    const home = `/home/${u.name}`;
    fs.mkdir(home);
    fs.chmod(home, 0o700);
    fs.chown(home, u.uid, u.uid);
    for (const f of ['.bashrc', '.bash_profile', '.bash_logout']) {
      fs.writeFile(`${home}/${f}`, fs.readFile(`/etc/skel/${f}`));
      fs.chown(`${home}/${f}`, u.uid, u.uid);
    }
  }
  file('/etc/passwd', passwd);
  file('/etc/shadow', shadow, 0o000);
  file('/etc/group', groups.map(([n, g, m]) => `${n}:x:${g}:${m.join(',')}`).join('\n') + '\n');
  file('/etc/gshadow', groups.map(([n, , m]) => `${n}:!::${m.join(',')}`).join('\n') + '\n', 0o000);

  fs.mknod('/dev/null', 'null');
  fs.mknod('/dev/zero', 'zero');
  fs.mknod('/dev/tty', 'tty');
  fs.mknod('/dev/random', 'random');
  fs.mknod('/dev/urandom', 'urandom');
  fs.mkdir('/dev/shm');
  fs.chmod('/dev/shm', 0o1777);
  fs.writeFile('/dev/dm-0', '');
  fs.writeFile('/dev/dm-1', '');
  fs.mkdir('/dev/mapper');
  fs.symlink('../dm-0', '/dev/mapper/centos-root');
  fs.symlink('../dm-1', '/dev/mapper/centos-swap');
  const swapKiB = opts.swapKiB ?? 4063228;
  file('/proc/swaps', `Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n${'/dev/dm-1'.padEnd(40)}partition\t${swapKiB}\t0\t-2\n`, 0o444);
  file('/proc/sys/net/ipv4/ip_forward', '0\n');
  file('/proc/sys/vm/swappiness', '30\n');
  file('/proc/sys/kernel/hostname', `${opts.hostname}\n`);
  file('/proc/sys/kernel/osrelease', `${CENTOS_KERNEL_RELEASE}\n`, 0o444);
  file('/proc/version', `Linux version ${CENTOS_KERNEL_RELEASE} (mockbuild@kbuilder.bsys.centos.org) (gcc version 4.8.5 20150623 (Red Hat 4.8.5-44) (GCC) ) ${CENTOS_KERNEL_VERSION}\n`, 0o444);
  file('/var/log/messages', '', 0o600);
  file('/var/log/yum.log', '', 0o600);
  writeDmi(fs, opts.hostname);

  const bySbin = opts.programs.filter((p) => CENTOS_SBIN.has(p));
  installPrograms(fs, opts.programs.filter((p) => !CENTOS_SBIN.has(p)), '/usr/bin');
  installPrograms(fs, bySbin, '/usr/sbin');
}

function hashHex(seed: string, length: number): string {
  let h = 0x811c9dc5;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  let out = '';
  while (out.length < length) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
