/**
 * The yum repositories a CentOS 7 machine can reach (offline): the CentOS base/updates/extras
 * trees on the mirrors the notes use (aliyun, huaweicloud, the vault), EPEL, Docker's docker-ce
 * repository (and its mirrors), the legacy Kubernetes el7 repository (aliyun, tuna; `-0`
 * releases up to 1.28.2) and pkgs.k8s.io's rpm repositories, one per minor (`-150500.1.1`).
 * A repository is found by the URL a .repo file gives it (baseurl, mirrorlist or metalink).
 */
import { K8S_LATEST_PATCH } from '../catalogue';

export interface RpmEntry {
  name: string;
  /** [epoch:]version-release */
  evr: string;
  arch: 'x86_64' | 'noarch';
  sizeKiB: number;
  installedKiB: number;
  /** `name`, or `name >= evr` */
  requires: string[];
  provides?: string[];
  summary: string;
}

export interface RpmRepoDef {
  id: string;
  /** Metadata download size shown by yum ('3.6 kB'). */
  repomd: string;
  primary: string;
  entries: RpmEntry[];
  /** Package count `yum repolist` shows (the real repository's, not only the packages modelled here). */
  total?: number;
  /** The key id yum imports from gpgkey= (0x…), with its user id and fingerprint. */
  key?: { id: string; userid: string; fingerprint: string };
}

const P = (name: string, evr: string, sizeKiB: number, requires: string[] = [], summary = name, arch: RpmEntry['arch'] = 'x86_64', provides?: string[]): RpmEntry => ({
  name,
  evr,
  arch,
  sizeKiB,
  installedKiB: Math.round(sizeKiB * 3.1),
  requires,
  provides,
  summary,
});

const CENTOS_OS: RpmEntry[] = [
  P('wget', '1.14-18.el7_6.1', 547, [], 'A utility for retrieving files using the HTTP or FTP protocols'),
  P('yum-utils', '1.1.31-54.el7_8', 122, ['python-kitchen', 'libxml2-python'], 'Utilities based around the yum package manager', 'noarch'),
  P('python-kitchen', '1.1.1-5.el7', 267, ['python-chardet'], 'Small, useful pieces of code to make python coding easier', 'noarch'),
  P('python-chardet', '2.2.1-3.el7', 227, [], 'Character encoding auto-detection in Python', 'noarch'),
  P('libxml2-python', '2.9.1-6.el7_9.6', 247, [], 'Python bindings for the libxml2 library'),
  P('ipvsadm', '1.27-8.el7', 45, [], 'Utility to administer the Linux Virtual Server'),
  P('ipset', '7.1-1.el7', 39, [], 'Manage Linux IP sets'),
  P('ntpdate', '4.2.6p5-29.el7.centos.2', 87, [], 'Utility to set the date and time via NTP'),
  P('socat', '1.7.3.2-2.el7', 290, [], 'Bidirectional data relay between two data channels (\'netcat++\')'),
  P('conntrack-tools', '1.4.4-7.el7', 187, ['libnetfilter_cthelper', 'libnetfilter_cttimeout', 'libnetfilter_queue'], 'Manipulate netfilter connection tracking table and run High Availability', 'x86_64', ['conntrack']),
  P('libnetfilter_cthelper', '1.0.0-11.el7', 18, [], 'User-space infrastructure for connection tracking helpers'),
  P('libnetfilter_cttimeout', '1.0.0-7.el7', 18, [], 'Timeout policy tuning for Netfilter/conntrack'),
  P('libnetfilter_queue', '1.0.2-2.el7_2', 23, [], 'Netfilter queue userspace library'),
  P('ebtables', '2.0.10-16.el7', 123, [], 'Ethernet Bridge frame table administration tool'),
  P('libcgroup', '0.41-21.el7', 66, [], 'Library to control and monitor control groups'),
  P('device-mapper-persistent-data', '0.8.5-3.el7', 423, [], 'Device-mapper Persistent Data Tools'),
  P('lvm2', '7:2.02.187-6.el7', 1300, [], 'Userland logical volume management tools'),
  P('policycoreutils-python', '2.5-34.el7', 457, ['audit-libs-python', 'checkpolicy', 'libsemanage-python', 'python-IPy', 'setools-libs'], 'SELinux policy core python utilities'),
  P('audit-libs-python', '2.8.5-4.el7', 76, [], 'Python bindings for libaudit'),
  P('checkpolicy', '2.5-8.el7', 295, [], 'SELinux policy compiler'),
  P('libsemanage-python', '2.5-14.el7', 113, [], 'semanage python bindings for libsemanage'),
  P('python-IPy', '0.75-6.el7', 32, [], 'Python module for handling IPv4 and IPv6 Addresses and Networks', 'noarch'),
  P('setools-libs', '3.3.8-4.el7', 620, [], 'Policy analysis support libraries for SELinux'),
  P('net-tools', '2.0-0.25.20131004git.el7', 306, [], 'Basic networking tools'),
  P('bash-completion', '1:2.1-8.el7', 87, [], 'Programmable completion for Bash', 'noarch'),
  P('vim-enhanced', '2:7.4.629-7.el7', 1100, ['vim-common'], 'A version of the VIM editor which includes recent enhancements'),
  P('vim-common', '2:7.4.629-7.el7', 5900, [], 'The common files needed by any version of the VIM editor'),
  P('bind-utils', '32:9.11.4-26.P2.el7', 259, [], 'Utilities for querying DNS name servers'),
  P('telnet', '1:0.17-66.el7', 64, [], 'The client program for the Telnet remote login protocol'),
  P('lsof', '4.87-6.el7', 331, [], 'A utility which lists open files on a Linux/UNIX system'),
  P('git', '1.8.3.1-23.el7_8', 4400, [], 'Fast Version Control System'),
  P('tree', '1.6.0-10.el7', 46, [], 'File system tree viewer'),
  P('chrony', '3.4-1.el7', 251, [], 'An NTP client/server'),
  P('nfs-utils', '1:1.3.0-0.68.el7', 412, [], 'NFS utilities and supporting clients and daemons for the kernel NFS server'),
];

const CENTOS_UPDATES: RpmEntry[] = [
  P('device-mapper-persistent-data', '0.8.5-3.el7_9.2', 423, [], 'Device-mapper Persistent Data Tools'),
  P('lvm2', '7:2.02.187-6.el7_9.5', 1300, [], 'Userland logical volume management tools'),
  P('vim-enhanced', '2:7.4.629-8.el7_9', 1100, ['vim-common'], 'A version of the VIM editor which includes recent enhancements'),
  P('vim-common', '2:7.4.629-8.el7_9', 5900, [], 'The common files needed by any version of the VIM editor'),
  P('bind-utils', '32:9.11.4-26.P2.el7_9.16', 261, [], 'Utilities for querying DNS name servers'),
];

const CENTOS_EXTRAS: RpmEntry[] = [
  P('epel-release', '7-11', 15, [], 'Extra Packages for Enterprise Linux repository configuration', 'noarch'),
  P('container-selinux', '2:2.119.2-1.911c772.el7_8', 40, ['policycoreutils-python'], 'SELinux policies for container runtimes', 'noarch'),
  P('fuse-overlayfs', '0.7.2-6.el7_8', 54, ['fuse3-libs'], 'FUSE overlay+shiftfs implementation for rootless containers'),
  P('fuse3-libs', '3.6.1-4.el7', 82, [], 'File System in Userspace (FUSE) v3 libraries'),
  P('slirp4netns', '0.4.3-4.el7_8', 81, [], 'slirp for network namespaces'),
];

const EPEL: RpmEntry[] = [
  P('jq', '1.6-2.el7', 167, ['oniguruma'], 'Command-line JSON processor'),
  P('oniguruma', '6.8.2-2.el7', 181, [], 'Regular expressions library'),
  P('htop', '2.2.0-3.el7', 103, [], 'Interactive process viewer'),
];

const DOCKER_VERSIONS: Array<[string, string, string]> = [
  // docker-ce evr, docker-ce-cli evr, minimum containerd.io
  ['3:19.03.15-3.el7', '1:19.03.15-3.el7', '1.2.2-3'],
  ['3:20.10.24-3.el7', '1:20.10.24-3.el7', '1.4.1'],
  ['3:23.0.6-1.el7', '1:23.0.6-1.el7', '1.6.4'],
  ['3:24.0.9-1.el7', '1:24.0.9-1.el7', '1.6.4'],
  ['3:25.0.5-1.el7', '1:25.0.5-1.el7', '1.6.24'],
  ['3:26.1.4-1.el7', '1:26.1.4-1.el7', '1.6.24'],
];

const DOCKER: RpmEntry[] = [
  ...DOCKER_VERSIONS.flatMap(([ce, cli, containerd]) => {
    const major = Number(/^\d+:(\d+)\./.exec(ce)?.[1]);
    const upstream = ce.replace(/^\d+:/, '');
    const requires = [`containerd.io >= ${containerd}`, 'docker-ce-cli', 'container-selinux >= 2:2.74', 'libcgroup', 'iptables', ...(major >= 20 ? ['docker-ce-rootless-extras'] : [])];
    const out = [P('docker-ce', ce, 27000, requires, 'The open-source application container engine'), P('docker-ce-cli', cli, 15000, [], 'The open-source application container engine')];
    if (major >= 20) out.push(P('docker-ce-rootless-extras', upstream, 9400, ['fuse-overlayfs >= 0.7', 'slirp4netns >= 0.4'], 'Rootless support for Docker'));
    return out;
  }),
  ...['1.2.13-3.2.el7', '1.4.13-3.1.el7', '1.6.33-3.1.el7'].map((v) => P('containerd.io', v, 35000, ['container-selinux >= 2:2.74'], 'An industry-standard container runtime', 'x86_64', ['containerd', 'runc'])),
  ...['0.10.5-1.el7', '0.14.1-1.el7'].map((v) => P('docker-buildx-plugin', v, 13000, [], 'Docker Buildx plugin for the Docker CLI.')),
  ...['2.20.3-1.el7', '2.27.1-1.el7'].map((v) => P('docker-compose-plugin', v, 13000, [], 'Docker Compose (V2) plugin for the Docker CLI.')),
];

/** The legacy Google el7 repository as aliyun and tuna mirror it: X.Y.Z-0 up to 1.28.2. */
const LEGACY_PATCHES: Record<number, number> = { 18: 20, 19: 16, 20: 15, 21: 14, 22: 17, 23: 17, 24: 17, 25: 16, 26: 9, 27: 6, 28: 2 };

function legacyEntries(): RpmEntry[] {
  const out: RpmEntry[] = [];
  for (const [m, last] of Object.entries(LEGACY_PATCHES)) {
    const minor = Number(m);
    const cni = minor >= 25 ? '1.1.1' : minor >= 20 ? '0.8.7' : '0.8.6';
    for (let p = 0; p <= last; p++) {
      const v = `1.${minor}.${p}-0`;
      out.push(P('kubelet', v, 21000, [`kubernetes-cni >= ${cni}`, 'conntrack', 'ebtables', 'ethtool', 'iproute', 'iptables >= 1.4.21', 'socat', 'util-linux'], 'Container cluster management'));
      out.push(P('kubeadm', v, 9600, ['kubelet >= 1.19.0', 'kubectl >= 1.19.0', `kubernetes-cni >= ${cni}`, `cri-tools >= ${minor >= 26 ? '1.26.0' : '1.13.0'}`], 'Command-line utility for administering a Kubernetes cluster.'));
      out.push(P('kubectl', v, 9800, [], 'Command-line utility for interacting with a Kubernetes cluster.'));
    }
  }
  for (const v of ['0.8.6-0', '0.8.7-0', '1.1.1-0', '1.2.0-0']) out.push(P('kubernetes-cni', v, 19000, [], 'Binaries required to provision kubernetes container networking'));
  for (const v of ['1.13.0-0', '1.19.0-0', '1.23.0-0', '1.24.2-0', '1.25.0-0', '1.26.0-0']) out.push(P('cri-tools', v, 8400, [], 'Command-line utility for interacting with a container runtime.'));
  return out;
}

const CRI_TOOLS: Record<number, string> = { 28: '1.28.0', 29: '1.29.0', 30: '1.30.1', 31: '1.31.1', 32: '1.32.0', 33: '1.33.0', 34: '1.34.0' };
const K8S_CNI: Record<number, string> = { 28: '1.2.0', 29: '1.3.0', 30: '1.4.0', 31: '1.5.1', 32: '1.6.0', 33: '1.6.0', 34: '1.7.1' };

function pkgsK8sEntries(minor: number): RpmEntry[] {
  const out: RpmEntry[] = [];
  for (let p = 0; p <= K8S_LATEST_PATCH[minor]; p++) {
    const v = `1.${minor}.${p}-150500.1.1`;
    out.push(P('kubelet', v, 21000, ['kubernetes-cni', 'conntrack', 'ethtool', 'iptables', 'iproute', 'socat', 'util-linux'], 'Node agent for Kubernetes clusters'));
    out.push(P('kubeadm', v, 10000, [`cri-tools >= 1.${Math.min(minor, 30)}.0`], 'Command-line utility for administering a Kubernetes cluster'));
    out.push(P('kubectl', v, 10800, [], 'Command-line utility for interacting with a Kubernetes cluster'));
  }
  out.push(P('cri-tools', `${CRI_TOOLS[minor]}-150500.1.1`, 20000, [], 'Command-line utility for interacting with a container runtime'));
  out.push(P('kubernetes-cni', `${K8S_CNI[minor]}-150500.1.1`, 36000, [], 'Binaries required to provision kubernetes container networking'));
  return out;
}

const GOOGLE_KEY = { id: '0xA7317B0F', userid: '"Google Cloud Packages Automatic Signing Key <gc-team@google.com>"', fingerprint: 'd0bc 747f d8ca f711 7500 d6fa 3746 c208 a731 7b0f' };
const CENTOS_KEY = { id: '0xF4A80EB5', userid: '"CentOS-7 Key (CentOS 7 Official Signing Key) <security@centos.org>"', fingerprint: '6341 ab27 53d7 8a78 a7c2 7bb1 24c6 a8a7 f4a8 0eb5' };
const DOCKER_KEY = { id: '0x621E9F35', userid: '"Docker Release (CE rpm) <docker@docker.com>"', fingerprint: '060a 61c5 1b55 8a7f 742b 77aa c52f eb6b 621e 9f35' };
const EPEL_KEY = { id: '0x352C64E5', userid: '"Fedora EPEL (7) <epel@fedoraproject.org>"', fingerprint: '91e9 7d7c 4a5e 96f1 7f3e 888f 6a2f aea2 352c 64e5' };
const K8S_KEY = { id: '0x9A296436', userid: '"isv:kubernetes OBS Project <isv:kubernetes@build.opensuse.org>"', fingerprint: 'de15 b144 86cd 377b 9e87 6e1a 2346 54da 9a29 6436' };

export const RPM_REPOSITORIES: RpmRepoDef[] = [
  { id: 'centos-os', repomd: '3.6 kB', primary: '6.1 MB', entries: CENTOS_OS, key: CENTOS_KEY, total: 10072 },
  { id: 'centos-updates', repomd: '2.9 kB', primary: '27 MB', entries: CENTOS_UPDATES, key: CENTOS_KEY, total: 6173 },
  { id: 'centos-extras', repomd: '2.9 kB', primary: '253 kB', entries: CENTOS_EXTRAS, key: CENTOS_KEY, total: 526 },
  { id: 'epel', repomd: '4.7 kB', primary: '7.0 MB', entries: EPEL, key: EPEL_KEY, total: 13791 },
  { id: 'docker-ce-stable', repomd: '3.5 kB', primary: '152 kB', entries: DOCKER, key: DOCKER_KEY },
  { id: 'kubernetes-el7', repomd: '1.4 kB', primary: '201 kB', entries: legacyEntries(), key: GOOGLE_KEY },
  ...Object.keys(K8S_LATEST_PATCH).map((m) => ({ id: `pkgs.k8s.io-rpm/v1.${m}`, repomd: '1.7 kB', primary: '13 kB', entries: pkgsK8sEntries(Number(m)), key: K8S_KEY })),
];

const CENTOS_MIRRORS = '(?:https?://(?:mirrors\\.aliyun\\.com|mirrors\\.aliyuncs\\.com|mirrors\\.cloud\\.aliyuncs\\.com|repo\\.huaweicloud\\.com|mirrors\\.tuna\\.tsinghua\\.edu\\.cn|mirrors\\.163\\.com)/centos|https?://vault\\.centos\\.org/7\\.9\\.2009|https?://mirrors\\.aliyun\\.com/centos-vault/7\\.9\\.2009)';

/** URL patterns (after $releasever/$basearch substitution) → repository. */
const URL_PATTERNS: Array<[RegExp, string]> = [
  [new RegExp(`^${CENTOS_MIRRORS}(?:/7(?:\\.9\\.2009)?)?/os/x86_64/?$`), 'centos-os'],
  [new RegExp(`^${CENTOS_MIRRORS}(?:/7(?:\\.9\\.2009)?)?/updates/x86_64/?$`), 'centos-updates'],
  [new RegExp(`^${CENTOS_MIRRORS}(?:/7(?:\\.9\\.2009)?)?/extras/x86_64/?$`), 'centos-extras'],
  [/^https?:\/\/(?:repo\.huaweicloud\.com|mirrors\.aliyun\.com|mirrors\.tuna\.tsinghua\.edu\.cn|download\.fedoraproject\.org\/pub|dl\.fedoraproject\.org\/pub\/archive)\/epel\/7\/x86_64\/?$/, 'epel'],
  [/^https:\/\/mirrors\.fedoraproject\.org\/metalink\?repo=epel-7&arch=x86_64/, 'epel'],
  [/^https?:\/\/(?:download\.docker\.com\/linux|mirrors\.aliyun\.com\/docker-ce\/linux|repo\.huaweicloud\.com\/docker-ce\/linux|mirrors\.tuna\.tsinghua\.edu\.cn\/docker-ce\/linux)\/centos\/7\/x86_64\/stable\/?$/, 'docker-ce-stable'],
  [/^https?:\/\/(?:mirrors\.aliyun\.com|mirrors\.tuna\.tsinghua\.edu\.cn)\/kubernetes\/yum\/repos\/kubernetes-el7-x86_64\/?$/, 'kubernetes-el7'],
];

/** The repository served at a URL, if the world knows it. */
export function rpmRepoAt(url: string): RpmRepoDef | undefined {
  const k8s = /^https:\/\/pkgs\.k8s\.io\/core:\/stable:\/v1\.(\d+)\/rpm\/?$/.exec(url);
  if (k8s) return RPM_REPOSITORIES.find((r) => r.id === `pkgs.k8s.io-rpm/v1.${k8s[1]}`);
  const hit = URL_PATTERNS.find(([re]) => re.test(url));
  return hit ? RPM_REPOSITORIES.find((r) => r.id === hit[1]) : undefined;
}

/** What `rpm -qa` lists on a fresh CentOS 7.9 minimal install (the packages the courses touch). */
export const CENTOS_BASE_INSTALLED: Array<[string, string, RpmEntry['arch']]> = [
  ['bash', '4.2.46-35.el7_9', 'x86_64'], ['centos-release', '7-9.2009.1.el7.centos', 'x86_64'], ['chrony', '3.4-1.el7', 'x86_64'],
  ['coreutils', '8.22-24.el7_9.2', 'x86_64'], ['curl', '7.29.0-59.el7_9.2', 'x86_64'], ['device-mapper', '7:1.02.170-6.el7_9.5', 'x86_64'],
  ['ebtables', '2.0.10-16.el7', 'x86_64'], ['ethtool', '2:4.8-10.el7', 'x86_64'], ['firewalld', '0.6.3-13.el7_9', 'noarch'],
  ['gnupg2', '2.0.22-5.el7_5', 'x86_64'], ['iproute', '4.11.0-30.el7', 'x86_64'], ['ipset', '7.1-1.el7', 'x86_64'],
  ['iptables', '1.4.21-35.el7', 'x86_64'], ['kernel', '3.10.0-1160.119.1.el7', 'x86_64'], ['libseccomp', '2.3.1-4.el7', 'x86_64'],
  ['lvm2', '7:2.02.187-6.el7_9.5', 'x86_64'], ['NetworkManager', '1:1.18.8-2.el7_9', 'x86_64'], ['openssh-server', '7.4p1-23.el7_9', 'x86_64'],
  ['policycoreutils', '2.5-34.el7', 'x86_64'], ['python', '2.7.5-94.el7_9', 'x86_64'], ['rpm', '4.11.3-48.el7_9', 'x86_64'],
  ['selinux-policy-targeted', '3.13.1-268.el7_9.2', 'noarch'], ['sudo', '1.8.23-10.el7_9.3', 'x86_64'], ['systemd', '219-78.el7_9.9', 'x86_64'],
  ['tar', '2:1.26-35.el7', 'x86_64'], ['tuned', '2.11.0-12.el7_9', 'noarch'], ['util-linux', '2.23.2-65.el7_9.1', 'x86_64'],
  ['vim-minimal', '2:7.4.629-8.el7_9', 'x86_64'], ['xz', '5.2.2-2.el7_9', 'x86_64'], ['yum', '3.4.3-168.el7.centos', 'noarch'],
  ['yum-plugin-fastestmirror', '1.1.31-54.el7_8', 'noarch'],
];
