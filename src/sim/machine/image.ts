/**
 * The Ubuntu 22.04 server base image: the files a fresh install has that the courses touch
 * (hosts, fstab with swap, sysctl and modules-load directories, apt sources, users…).
 * Content follows a stock jammy server install.
 */
import type { FsView } from './fs';
import { KERNEL } from '../../shell/commands/lib/system';
import { UBUNTU_BASH_BASHRC, UBUNTU_ETC_PROFILE, UBUNTU_PROFILE_D_BASH_COMPLETION } from './startup-files-ubuntu';

export interface ImageUser {
  name: string;
  uid: number;
  /** Password-less sudo through the sudo group and a sudoers.d drop-in (cloud images do this). */
  sudo?: boolean;
}

export interface ImageOptions {
  hostname: string;
  users: ImageUser[];
  /** Programs to place in /usr/bin (or /usr/sbin), from the shell's program registry. */
  programs: string[];
  swapKiB?: number;
}

/** First bytes of a simulated executable; the rest names the program in the registry. */
export const EXEC_MAGIC = '\u007fELF\u0002\u0001\u0001\u0000 program:';

export function executableContent(program: string): string {
  return `${EXEC_MAGIC}${program}\n`;
}

/** The registry name inside an executable written by executableContent, if any. */
export function programOfExecutable(content: string): string | undefined {
  if (!content.startsWith(EXEC_MAGIC)) return undefined;
  return content.slice(EXEC_MAGIC.length).split('\n')[0];
}

/**
 * Programs a fresh Ubuntu 22.04 server has. Kubernetes tools (kubeadm, kubelet, kubectl,
 * containerd, crictl, etcdctl, helm) are not here: they arrive with their packages.
 */
export const UBUNTU_BASE_PROGRAMS: readonly string[] = [
  // shells and session
  'bash', 'sh', 'dash', 'rbash', 'sudo', 'su', 'ssh', 'scp', 'id', 'whoami', 'hostname', 'login', 'logname', 'groups', 'who', 'w', 'users', 'last',
  // coreutils
  'cat', 'tac', 'echo', 'printf', 'ls', 'dir', 'cp', 'mv', 'rm', 'rmdir', 'mkdir', 'touch', 'ln', 'chmod', 'chown', 'chgrp', 'pwd', 'basename', 'dirname',
  'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'paste', 'join', 'tr', 'tee', 'seq', 'yes', 'true', 'false', 'env', 'printenv', 'date', 'sleep', 'uname',
  'stat', 'du', 'df', 'readlink', 'realpath', 'mktemp', 'base64', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'nl', 'od', 'fold', 'fmt', 'expand',
  'unexpand', 'split', 'csplit', 'shuf', 'comm', 'expr', 'factor', 'test', '[', 'timeout', 'nproc', 'nohup', 'numfmt', 'truncate', 'install', 'dd',
  'sync', 'tty', 'stty', 'uptime', 'arch', 'whereis', 'which', 'xargs', 'find', 'locate', 'file', 'cksum', 'sum', 'rev', 'column', 'look', 'hexdump',
  'kill', 'killall', 'pkill', 'pgrep', 'ps', 'top', 'htop', 'free', 'vmstat', 'watch', 'pidof', 'lsof', 'fuser', 'nice', 'renice',
  // text tools
  'grep', 'egrep', 'fgrep', 'sed', 'awk', 'mawk', 'diff', 'cmp', 'patch', 'less', 'more', 'vi', 'vim', 'vim.basic', 'view', 'nano', 'editor', 'jq', 'tmux',
  // archives and network clients
  'tar', 'gzip', 'gunzip', 'zcat', 'bzip2', 'xz', 'unxz', 'zip', 'unzip', 'curl', 'wget', 'ping', 'nc', 'netcat', 'telnet', 'dig', 'nslookup', 'host',
  'traceroute', 'ss', 'ip', 'ifconfig', 'netstat', 'route', 'arp', 'tcpdump', 'openssl', 'gpg', 'scp', 'sftp', 'rsync', 'ssh-keygen', 'ssh-copy-id',
  // system
  'systemctl', 'journalctl', 'hostnamectl', 'timedatectl', 'localectl', 'loginctl', 'systemd-analyze', 'service', 'apt', 'apt-get', 'apt-cache',
  'apt-mark', 'apt-key', 'add-apt-repository', 'dpkg', 'dpkg-query', 'snap', 'lsb_release', 'sysctl', 'modprobe', 'lsmod', 'insmod', 'rmmod',
  'swapoff', 'swapon', 'mkswap', 'mount', 'umount', 'lsblk', 'blkid', 'fdisk', 'useradd', 'userdel', 'usermod', 'adduser', 'groupadd', 'passwd',
  'chpasswd', 'visudo', 'iptables', 'iptables-save', 'iptables-restore', 'ip6tables', 'ufw', 'update-alternatives', 'reboot', 'shutdown', 'poweroff', 'crontab', 'logger',
  'dmesg', 'lscpu', 'lspci', 'getent', 'update-ca-certificates', 'cloud-init', 'clear', 'reset', 'tput', 'man', 'info', 'python3', 'perl',
];

/** Programs that live in /usr/sbin on Ubuntu. */
export const SBIN_PROGRAMS = new Set([
  'sysctl', 'modprobe', 'lsmod', 'swapoff', 'swapon', 'useradd', 'userdel', 'usermod', 'groupadd', 'iptables',
  'ip', 'reboot', 'shutdown', 'visudo', 'chroot', 'mkswap', 'ufw', 'service', 'update-alternatives', 'adduser',
  'ss', 'iptables-save', 'ip6tables', 'fdisk', 'blkid', 'losetup', 'insmod', 'rmmod', 'depmod', 'chpasswd', 'sshd',
]);

const OS_RELEASE = `PRETTY_NAME="Ubuntu 22.04.5 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.5 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
`;

const SYSTEM_USERS = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
_apt:x:100:65534::/nonexistent:/usr/sbin/nologin
systemd-network:x:101:102:systemd Network Management,,,:/run/systemd:/usr/sbin/nologin
systemd-resolve:x:102:103:systemd Resolver,,,:/run/systemd:/usr/sbin/nologin
messagebus:x:103:104::/nonexistent:/usr/sbin/nologin
systemd-timesync:x:104:105:systemd Time Synchronization,,,:/run/systemd:/usr/sbin/nologin
syslog:x:105:112::/home/syslog:/usr/sbin/nologin
uuidd:x:106:113::/run/uuidd:/usr/sbin/nologin
tcpdump:x:107:114::/nonexistent:/usr/sbin/nologin
sshd:x:108:65534::/run/sshd:/usr/sbin/nologin
`;

const SYSTEM_GROUPS: Array<[string, number, string[]]> = [
  ['root', 0, []], ['daemon', 1, []], ['bin', 2, []], ['sys', 3, []], ['adm', 4, ['syslog']], ['tty', 5, []],
  ['disk', 6, []], ['lp', 7, []], ['mail', 8, []], ['news', 9, []], ['uucp', 10, []], ['man', 12, []],
  ['proxy', 13, []], ['kmem', 15, []], ['dialout', 20, []], ['fax', 21, []], ['voice', 22, []], ['cdrom', 24, []],
  ['floppy', 25, []], ['tape', 26, []], ['sudo', 27, []], ['audio', 29, []], ['dip', 30, []], ['www-data', 33, []],
  ['backup', 34, []], ['operator', 37, []], ['list', 38, []], ['irc', 39, []], ['src', 40, []], ['gnats', 41, []],
  ['shadow', 42, []], ['utmp', 43, []], ['video', 44, []], ['sasl', 45, []], ['plugdev', 46, []], ['staff', 50, []],
  ['games', 60, []], ['users', 100, []], ['nogroup', 65534, []], ['systemd-journal', 101, []],
  ['systemd-network', 102, []], ['systemd-resolve', 103, []], ['messagebus', 104, []], ['systemd-timesync', 105, []],
  ['input', 106, []], ['sgx', 107, []], ['kvm', 108, []], ['render', 109, []], ['netdev', 110, []], ['lxd', 111, []],
  ['syslog', 112, []], ['uuidd', 113, []], ['tcpdump', 114, []], ['_ssh', 115, []],
];

/** Groups a cloud-init default user joins on Ubuntu. */
const DEFAULT_USER_GROUPS = ['adm', 'dialout', 'cdrom', 'floppy', 'sudo', 'audio', 'dip', 'video', 'plugdev', 'netdev', 'lxd'];

const SKEL_BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.
# see /usr/share/doc/bash/examples/startup-files (in the package bash-doc)
# for examples

# If not running interactively, don't do anything
case $- in
    *i*) ;;
      *) return;;
esac

# don't put duplicate lines or lines starting with space in the history.
HISTCONTROL=ignoreboth

# append to the history file, don't overwrite it
shopt -s histappend

# for setting history length see HISTSIZE and HISTFILESIZE in bash(1)
HISTSIZE=1000
HISTFILESIZE=2000

# enable color support of ls and also add handy aliases
alias ls='ls --color=auto'
alias grep='grep --color=auto'
alias fgrep='fgrep --color=auto'
alias egrep='egrep --color=auto'

# some more ls aliases
alias ll='ls -alF'
alias la='ls -A'
alias l='ls -CF'
`;

const SKEL_PROFILE = `# ~/.profile: executed by the command interpreter for login shells.

# if running bash
if [ -n "$BASH_VERSION" ]; then
    # include .bashrc if it exists
    if [ -f "$HOME/.bashrc" ]; then
	. "$HOME/.bashrc"
    fi
fi

# set PATH so it includes user's private bin if it exists
if [ -d "$HOME/bin" ] ; then
    PATH="$HOME/bin:$PATH"
fi

# set PATH so it includes user's private bin if it exists
if [ -d "$HOME/.local/bin" ] ; then
    PATH="$HOME/.local/bin:$PATH"
fi
`;

const FSTAB = `# /etc/fstab: static file system information.
#
# Use 'blkid' to print the universally unique identifier for a
# device; this may be used with UUID= as a more robust way to name devices
# that works even if disks are added and removed. See fstab(5).
#
# <file system> <mount point>   <type>  <options>       <dump>  <pass>
# / was on /dev/ubuntu-vg/ubuntu-lv during curtin installation
/dev/disk/by-id/dm-uuid-LVM-Xq3mPcZk8Vb2Tn6RwHy4JdLfGs1AeUo9KiMtNp7CvBx5WzQ0Ey2DhRg6Su8Lj4Ta / ext4 defaults 0 1
# /boot was on /dev/sda2 during curtin installation
/dev/disk/by-uuid/3b9c1d2e-7f4a-4c8b-9e6d-2a1f5c7e8b90 /boot ext4 defaults 0 1
/swap.img	none	swap	sw	0	0
`;

const SOURCES_LIST = ['jammy', 'jammy-updates', 'jammy-backports']
  .map((suite) => `deb http://archive.ubuntu.com/ubuntu ${suite} main restricted universe multiverse`)
  .concat(['deb http://security.ubuntu.com/ubuntu jammy-security main restricted universe multiverse'])
  .join('\n') + '\n';

const SUDOERS = `#
# This file MUST be edited with the 'visudo' command as root.
#
# Please consider adding local content in /etc/sudoers.d/ instead of
# directly modifying this file.
#
# See the man page for details on how to write a sudoers file.
#
Defaults	env_reset
Defaults	mail_badpass
Defaults	secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"
Defaults	use_pty

# Host alias specification

# User alias specification

# Cmnd alias specification

# User privilege specification
root	ALL=(ALL:ALL) ALL

# Members of the admin group may gain root privileges
%admin ALL=(ALL) ALL

# Allow members of group sudo to execute any command
%sudo	ALL=(ALL:ALL) ALL

# See sudoers(5) for more information on "@include" directives:

@includedir /etc/sudoers.d
`;

const RESOLV_CONF = `# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# what DNS servers are being used on this system, run "resolvectl status"
# to see details about the actual nameservers.

nameserver 127.0.0.53
options edns0 trust-ad
search .
`;

const DIRS: Array<[string, number]> = [
  ['/usr', 0o755], ['/usr/bin', 0o755], ['/usr/sbin', 0o755], ['/usr/lib', 0o755], ['/usr/local', 0o755],
  ['/usr/local/bin', 0o755], ['/usr/local/sbin', 0o755], ['/usr/share', 0o755], ['/usr/lib/systemd/system', 0o755],
  ['/etc', 0o755], ['/etc/sysctl.d', 0o755], ['/etc/modules-load.d', 0o755], ['/etc/apt', 0o755],
  ['/etc/apt/sources.list.d', 0o755], ['/etc/apt/keyrings', 0o755], ['/etc/apt/trusted.gpg.d', 0o755],
  ['/etc/sudoers.d', 0o750], ['/etc/systemd', 0o755], ['/etc/systemd/system', 0o755], ['/etc/skel', 0o755], ['/etc/profile.d', 0o755],
  ['/etc/ssh', 0o755], ['/etc/default', 0o755], ['/etc/modprobe.d', 0o755],
  ['/var', 0o755], ['/var/log', 0o775], ['/var/lib', 0o755], ['/var/lib/apt', 0o755], ['/var/cache', 0o755],
  ['/var/tmp', 0o1777], ['/var/run', 0o755], ['/run', 0o755], ['/tmp', 0o1777], ['/home', 0o755], ['/root', 0o700],
  ['/opt', 0o755], ['/mnt', 0o755], ['/srv', 0o755], ['/media', 0o755], ['/boot', 0o755], ['/dev', 0o755],
  ['/proc', 0o555], ['/proc/sys', 0o555], ['/proc/sys/net', 0o555], ['/proc/sys/net/ipv4', 0o555],
  ['/proc/sys/net/bridge', 0o555], ['/proc/sys/vm', 0o555], ['/proc/sys/kernel', 0o555], ['/sys', 0o555],
  // Mounted by systemd at boot: the cgroup hierarchy and the BPF filesystem (Calico mounts /sys/fs/bpf as a Directory hostPath).
  ['/sys/fs', 0o755], ['/sys/fs/cgroup', 0o755], ['/sys/fs/bpf', 0o700],
];

export function buildUbuntuImage(fs: FsView, opts: ImageOptions): void {
  for (const [dir, mode] of DIRS) {
    if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
    fs.chmod(dir, mode);
  }
  fs.chown('/var/log', 0, 112 /* syslog */);
  // Merged /usr: /bin, /sbin and /lib are symlinks on Ubuntu.
  for (const d of ['bin', 'sbin', 'lib', 'lib64']) fs.symlink(`usr/${d}`, `/${d}`);
  fs.mkdir('/usr/lib64');

  const file = (path: string, data: string, mode = 0o644, uid = 0, gid = 0) => {
    fs.writeFile(path, data);
    fs.chmod(path, mode);
    fs.chown(path, uid, gid);
  };

  file('/usr/lib/os-release', OS_RELEASE);
  fs.symlink('../usr/lib/os-release', '/etc/os-release');
  file('/etc/lsb-release', 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.5 LTS"\n');
  file('/etc/issue', 'Ubuntu 22.04.5 LTS \\n \\l\n\n');
  file('/etc/debian_version', 'bookworm/sid\n');
  file('/etc/hostname', `${opts.hostname}\n`);
  file(
    '/etc/hosts',
    `127.0.0.1 localhost\n127.0.1.1 ${opts.hostname}\n\n# The following lines are desirable for IPv6 capable hosts\n` +
      '::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n',
  );
  file('/etc/fstab', FSTAB);
  file('/etc/resolv.conf', RESOLV_CONF);
  file('/etc/host.conf', '# The "order" line is only used by old versions of the C library.\norder hosts,bind\nmulti on\n');
  file('/etc/sudoers', SUDOERS, 0o440);
  file('/etc/sudoers.d/README', '#\n# The default /etc/sudoers file created on installation of the\n# sudoers package now includes the directive:\n#\n#\t@includedir /etc/sudoers.d\n#\n', 0o440);
  file('/etc/apt/sources.list', SOURCES_LIST);
  file('/etc/sysctl.conf', '#\n# /etc/sysctl.conf - Configuration file for setting system variables\n# See /etc/sysctl.d/ for additional system variables.\n# See sysctl.conf (5) for information.\n#\n');
  file('/etc/sysctl.d/99-sysctl.conf', '#\n# /etc/sysctl.conf - Configuration file for setting system variables\n');
  file('/etc/modules', '# /etc/modules: kernel modules to load at boot time.\n#\n# This file contains the names of kernel modules that should be loaded\n# at boot time, one per line. Lines beginning with "#" are ignored.\n\n');
  file('/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/usr/bin/sh\n/bin/dash\n/usr/bin/dash\n');
  file('/etc/timezone', 'Etc/UTC\n');
  file('/etc/machine-id', machineId(opts.hostname) + '\n', 0o444);
  file('/etc/profile', UBUNTU_ETC_PROFILE);
  file('/etc/bash.bashrc', UBUNTU_BASH_BASHRC);
  file('/etc/profile.d/bash_completion.sh', UBUNTU_PROFILE_D_BASH_COMPLETION);
  file('/etc/skel/.bashrc', SKEL_BASHRC);
  file('/etc/skel/.profile', SKEL_PROFILE);
  file('/etc/skel/.bash_logout', '# ~/.bash_logout: executed by bash(1) when login shell exits.\n');

  // Users and groups.
  let passwd = SYSTEM_USERS;
  let shadow = SYSTEM_USERS.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '*'}:19800:0:99999:7:::`).join('\n') + '\n';
  const groups = SYSTEM_GROUPS.map(([n, g, m]) => [n, g, [...m]] as [string, number, string[]]);
  for (const u of opts.users) {
    if (u.name === 'root') continue;
    passwd += `${u.name}:x:${u.uid}:${u.uid}:${u.name === 'ubuntu' ? 'Ubuntu' : u.name}:/home/${u.name}:/bin/bash\n`;
    shadow += `${u.name}:!:19800:0:99999:7:::\n`;
    groups.push([u.name, u.uid, []]);
    for (const g of groups) if (DEFAULT_USER_GROUPS.includes(g[0]) && (u.sudo || g[0] !== 'sudo')) g[2].push(u.name);
  }
  file('/etc/passwd', passwd);
  file('/etc/shadow', shadow, 0o640, 0, 42);
  file('/etc/group', groups.map(([n, g, m]) => `${n}:x:${g}:${m.join(',')}`).join('\n') + '\n');
  file('/etc/gshadow', groups.map(([n, , m]) => `${n}:*::${m.join(',')}`).join('\n') + '\n', 0o640, 0, 42);
  const sudoers = opts.users.filter((u) => u.sudo && u.name !== 'root');
  if (sudoers.length) {
    file('/etc/sudoers.d/90-cloud-init-users', '# Created by cloud-init v. 24.4.1-0ubuntu0~22.04.1 on Thu, 15 Jan 2026 07:58:12 +0000\n\n' +
      sudoers.map((u) => `# User rules for ${u.name}\n${u.name} ALL=(ALL) NOPASSWD:ALL\n`).join('\n'), 0o440);
  }

  // Homes.
  file('/root/.bashrc', SKEL_BASHRC);
  file('/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n');
  for (const u of opts.users) {
    if (u.name === 'root') continue;
    const home = `/home/${u.name}`;
    fs.mkdir(home);
    fs.chmod(home, 0o750);
    fs.chown(home, u.uid, u.uid);
    for (const f of ['.bashrc', '.profile', '.bash_logout']) file(`${home}/${f}`, fs.readFile(`/etc/skel/${f}`), 0o644, u.uid, u.uid);
  }

  // Devices and kernel state as plain files (other parts keep them in sync with machine state).
  fs.mknod('/dev/null', 'null');
  fs.mknod('/dev/zero', 'zero');
  fs.mknod('/dev/tty', 'tty');
  fs.mknod('/dev/random', 'random');
  fs.mknod('/dev/urandom', 'urandom');
  fs.mkdir('/dev/shm');
  fs.chmod('/dev/shm', 0o1777);
  const swapKiB = opts.swapKiB ?? 4194300;
  file('/proc/swaps', `Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n${'/swap.img'.padEnd(40)}file\t\t${swapKiB}\t\t0\t\t-2\n`, 0o444);
  file('/proc/sys/net/ipv4/ip_forward', '0\n');
  file('/proc/sys/vm/swappiness', '60\n');
  file('/proc/sys/kernel/hostname', `${opts.hostname}\n`);
  file('/proc/version', KERNEL.procVersion, 0o444);
  file('/proc/sys/kernel/osrelease', `${KERNEL.release}\n`, 0o444);
  file('/swap.img', '', 0o600);
  writeDmi(fs, opts.hostname);

  file('/var/log/syslog', '', 0o640, 105, 4);
  file('/var/log/auth.log', '', 0o640, 105, 4);
  file('/var/log/dpkg.log', '');

  installPrograms(fs, opts.programs);
}

/** Place an executable for each program name (idempotent; later installs call it too). */
export function installPrograms(fs: FsView, programs: Iterable<string>, dir?: string): void {
  for (const name of programs) {
    const target = dir ?? (SBIN_PROGRAMS.has(name) ? '/usr/sbin' : '/usr/bin');
    const path = `${target}/${name}`;
    fs.writeFile(path, executableContent(name));
    fs.chmod(path, 0o755);
  }
}

/**
 * The firmware identity under /sys/class/dmi/id (a KVM guest). product_uuid is unique per machine,
 * which kubeadm's guide asks you to check; like the real file it is readable by root only.
 */
export function writeDmi(fs: FsView, hostname: string): void {
  const dir = '/sys/class/dmi/id';
  if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
  const put = (name: string, data: string, mode = 0o444) => {
    fs.writeFile(`${dir}/${name}`, data);
    fs.chmod(`${dir}/${name}`, mode);
  };
  // FNV-1a over the whole name, then a xorshift stream: every character of the name matters.
  let h = 0x811c9dc5;
  for (const c of `dmi:${hostname}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  let hex = '';
  while (hex.length < 32) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    hex += h.toString(16).padStart(8, '0');
  }
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  put('product_uuid', `${uuid}\n`, 0o400);
  put('product_serial', `${uuid}\n`, 0o400);
  put('product_name', 'Standard PC (i440FX + PIIX, 1996)\n');
  put('sys_vendor', 'QEMU\n');
  put('bios_vendor', 'SeaBIOS\n');
  put('bios_version', '1.15.0-1\n');
  put('chassis_vendor', 'QEMU\n');
}

function machineId(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let i = 0; out.length < 32; i++) {
    h ^= seed.charCodeAt(i % seed.length) + i;
    h = Math.imul(h, 0x01000193) >>> 0;
    out += (h & 0xf).toString(16);
  }
  return out;
}
