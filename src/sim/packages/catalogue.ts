/**
 * The repositories a machine can reach (offline): Ubuntu's archive, pkgs.k8s.io (one repository
 * per minor, v1.28 … v1.34, `-1.1` revisions), Docker's repository, and the legacy Kubernetes
 * mirror (aliyun, `-00` revisions) that the older study notes use. Patch ranges follow the
 * container images the runtime can pull (src/sim/runtime/images.ts).
 */

export interface PackageInfo {
  description: string;
  section: string;
  installedKiB: number;
  debKiB: number;
  /** Depends: names with an optional relation, e.g. `cri-tools (>= 1.28.0)`. */
  depends: string[];
  maintainer: string;
  homepage?: string;
}

const K8S_MAINT = 'Kubernetes Authors <dev@kubernetes.io>';
const UBUNTU_MAINT = 'Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>';

export const PACKAGE_INFO: Record<string, PackageInfo> = {
  kubeadm: { description: 'Command-line utility for administering a Kubernetes cluster', section: 'admin', installedKiB: 76456, debKiB: 10441, depends: ['cri-tools (>= 1.28.0)'], maintainer: K8S_MAINT, homepage: 'https://kubernetes.io' },
  kubelet: { description: 'Node agent for Kubernetes clusters', section: 'admin', installedKiB: 78536, debKiB: 15425, depends: ['iptables (>= 1.4.21)', 'kubernetes-cni (>= 1.1.1)', 'iproute2', 'socat', 'util-linux', 'mount', 'ebtables', 'ethtool', 'conntrack'], maintainer: K8S_MAINT, homepage: 'https://kubernetes.io' },
  kubectl: { description: 'Command-line utility for interacting with a Kubernetes cluster', section: 'admin', installedKiB: 57560, debKiB: 10924, depends: [], maintainer: K8S_MAINT, homepage: 'https://kubernetes.io' },
  'cri-tools': { description: 'Command-line utility for interacting with a container runtime', section: 'admin', installedKiB: 59788, debKiB: 20132, depends: [], maintainer: K8S_MAINT, homepage: 'https://kubernetes.io' },
  'kubernetes-cni': { description: 'Binaries required to provision kubernetes container networking', section: 'misc', installedKiB: 148700, debKiB: 36582, depends: [], maintainer: K8S_MAINT, homepage: 'https://kubernetes.io' },
  'containerd.io': { description: 'An open and reliable container runtime', section: 'devel', installedKiB: 122636, debKiB: 30462, depends: [], maintainer: 'Containerd team <help@containerd.io>', homepage: 'https://containerd.io' },
  'docker-ce': { description: 'Docker: the open-source application container engine', section: 'admin', installedKiB: 104900, debKiB: 27213, depends: ['containerd.io (>= 1.6.24)', 'docker-ce-cli', 'iptables'], maintainer: 'Docker <support@docker.com>', homepage: 'https://www.docker.com' },
  'docker-ce-cli': { description: 'Docker CLI: the open-source application container engine', section: 'admin', installedKiB: 40320, debKiB: 15040, depends: [], maintainer: 'Docker <support@docker.com>', homepage: 'https://www.docker.com' },
  containerd: { description: 'daemon to control runC', section: 'admin', installedKiB: 142116, debKiB: 36364, depends: ['runc (>= 1.1.12)'], maintainer: UBUNTU_MAINT, homepage: 'https://containerd.io' },
  runc: { description: 'Open Container Project - runtime', section: 'admin', installedKiB: 31256, debKiB: 8801, depends: [], maintainer: UBUNTU_MAINT, homepage: 'https://github.com/opencontainers/runc' },
  'docker.io': { description: 'Linux container runtime', section: 'admin', installedKiB: 107312, debKiB: 29063, depends: ['containerd (>= 1.2.6-0ubuntu1~)', 'runc (>= 1.0.0~rc94)', 'iptables', 'bridge-utils', 'pigz', 'ubuntu-fan'], maintainer: UBUNTU_MAINT },
  'bridge-utils': { description: 'Utilities for configuring the Linux Ethernet bridge', section: 'net', installedKiB: 100, debKiB: 34, depends: [], maintainer: UBUNTU_MAINT },
  pigz: { description: 'Parallel Implementation of GZip', section: 'utils', installedKiB: 172, debKiB: 57, depends: [], maintainer: UBUNTU_MAINT },
  'ubuntu-fan': { description: 'Ubuntu FAN network support enablement', section: 'net', installedKiB: 79, debKiB: 35, depends: [], maintainer: UBUNTU_MAINT },
  socat: { description: 'multipurpose relay for bidirectional data transfer', section: 'net', installedKiB: 1386, debKiB: 349, depends: [], maintainer: UBUNTU_MAINT },
  conntrack: { description: 'Program to modify the conntrack tables', section: 'net', installedKiB: 112, debKiB: 33, depends: [], maintainer: UBUNTU_MAINT },
  ebtables: { description: 'Ethernet bridge frame table administration', section: 'net', installedKiB: 90, debKiB: 84, depends: [], maintainer: UBUNTU_MAINT },
  ipset: { description: 'administration tool for kernel IP sets', section: 'net', installedKiB: 108, debKiB: 32, depends: [], maintainer: UBUNTU_MAINT },
  ipvsadm: { description: 'Linux Virtual Server support programs', section: 'net', installedKiB: 122, debKiB: 42, depends: [], maintainer: UBUNTU_MAINT },
  chrony: { description: 'Versatile implementation of the Network Time Protocol', section: 'net', installedKiB: 640, debKiB: 287, depends: [], maintainer: UBUNTU_MAINT, homepage: 'https://chrony.tuxfamily.org' },
  ntpdate: { description: 'client for setting system time from NTP servers (deprecated)', section: 'net', installedKiB: 137, debKiB: 48, depends: [], maintainer: UBUNTU_MAINT },
  'etcd-client': { description: 'highly-available key value store -- client', section: 'database', installedKiB: 22044, debKiB: 4563, depends: [], maintainer: UBUNTU_MAINT },
  'etcd-server': { description: 'highly-available key value store -- daemon', section: 'database', installedKiB: 29520, debKiB: 6101, depends: [], maintainer: UBUNTU_MAINT },
  'nfs-common': { description: 'NFS support files common to client and server', section: 'net', installedKiB: 1078, debKiB: 241, depends: [], maintainer: UBUNTU_MAINT },
  'apt-transport-https': { description: 'transitional package for https support', section: 'oldlibs', installedKiB: 169, debKiB: 1510 / 1024, depends: [], maintainer: UBUNTU_MAINT },
  'ca-certificates': { description: 'Common CA certificates', section: 'misc', installedKiB: 384, debKiB: 160, depends: [], maintainer: UBUNTU_MAINT },
  curl: { description: 'command line tool for transferring data with URL syntax', section: 'web', installedKiB: 453, debKiB: 194, depends: [], maintainer: UBUNTU_MAINT },
  gpg: { description: 'GNU Privacy Guard -- minimalist public key operations', section: 'utils', installedKiB: 1032, debKiB: 476, depends: [], maintainer: UBUNTU_MAINT },
  gnupg: { description: 'GNU privacy guard - a free PGP replacement', section: 'utils', installedKiB: 389, debKiB: 315, depends: [], maintainer: UBUNTU_MAINT },
  iptables: { description: 'administration tools for packet filtering and NAT', section: 'net', installedKiB: 2811, debKiB: 439, depends: [], maintainer: UBUNTU_MAINT },
  iproute2: { description: 'networking and traffic control tools', section: 'net', installedKiB: 3194, debKiB: 1088, depends: [], maintainer: UBUNTU_MAINT },
  ethtool: { description: 'display or change Ethernet device settings', section: 'net', installedKiB: 668, debKiB: 206, depends: [], maintainer: UBUNTU_MAINT },
  'util-linux': { description: 'miscellaneous system utilities', section: 'utils', installedKiB: 3397, debKiB: 1154, depends: [], maintainer: UBUNTU_MAINT },
  mount: { description: 'tools for mounting and manipulating filesystems', section: 'admin', installedKiB: 443, debKiB: 134, depends: [], maintainer: UBUNTU_MAINT },
  'openssh-server': { description: 'secure shell (SSH) server, for secure access from remote machines', section: 'net', installedKiB: 1478, debKiB: 434, depends: [], maintainer: UBUNTU_MAINT },
  'bash-completion': { description: 'programmable completion for the bash shell', section: 'shells', installedKiB: 1470, debKiB: 180, depends: [], maintainer: UBUNTU_MAINT },
  vim: { description: 'Vi IMproved - enhanced vi editor', section: 'editors', installedKiB: 4030, debKiB: 1735, depends: [], maintainer: UBUNTU_MAINT },
  jq: { description: 'lightweight and flexible command-line JSON processor', section: 'utils', installedKiB: 102, debKiB: 52, depends: [], maintainer: UBUNTU_MAINT },
  systemd: { description: 'system and service manager', section: 'admin', installedKiB: 15070, debKiB: 4580, depends: [], maintainer: UBUNTU_MAINT },
  kmod: { description: 'tools for managing Linux kernel modules', section: 'admin', installedKiB: 258, debKiB: 94, depends: [], maintainer: UBUNTU_MAINT },
  procps: { description: '/proc file system utilities', section: 'admin', installedKiB: 1484, debKiB: 367, depends: [], maintainer: UBUNTU_MAINT },
  ufw: { description: 'program for managing a Netfilter firewall', section: 'admin', installedKiB: 857, debKiB: 149, depends: [], maintainer: UBUNTU_MAINT },
  wget: { description: 'retrieves files from the web', section: 'web', installedKiB: 955, debKiB: 339, depends: [], maintainer: UBUNTU_MAINT },
  tar: { description: 'GNU version of the tar archiving utility', section: 'utils', installedKiB: 960, debKiB: 295, depends: [], maintainer: UBUNTU_MAINT },
  apt: { description: 'commandline package manager', section: 'admin', installedKiB: 4156, debKiB: 1376, depends: [], maintainer: UBUNTU_MAINT },
  sudo: { description: 'Provide limited super user privileges to specific users', section: 'admin', installedKiB: 2504, debKiB: 821, depends: [], maintainer: UBUNTU_MAINT },
  'software-properties-common': { description: 'manage the repositories that you install software from (common)', section: 'admin', installedKiB: 180, debKiB: 14, depends: [], maintainer: UBUNTU_MAINT },
  'lsb-release': { description: 'Linux Standard Base version reporting utility', section: 'misc', installedKiB: 25, debKiB: 3, depends: [], maintainer: UBUNTU_MAINT },
};

export interface CatalogueEntry {
  name: string;
  version: string;
  arch: 'amd64' | 'all';
  /** Ubuntu-style repositories: the suite and component the version is published in. */
  suite?: string;
  component?: string;
}

export interface RepoDef {
  id: string;
  /** The URI as sources lines write it (normalised: no trailing slash). */
  uri: string;
  /** Suites it serves; '/' for a flat repository (pkgs.k8s.io). */
  suites: string[];
  /** What apt-get update prints as the address (pkgs.k8s.io redirects to its CDN). */
  fetchUri?: string;
  /** Long key id that signs the Release file; undefined: signed by the Ubuntu archive keys already trusted. */
  keyId?: string;
  entries: CatalogueEntry[];
  /** Size of InRelease and of the Packages index, for the Get: lines. */
  inReleaseBytes: number;
  packagesKiB?: number;
}

export const K8S_KEY_ID = '234654DA9A296436';
export const DOCKER_KEY_ID = '7EA0A9C3F273FCD8';
export const GOOGLE_KEY_ID = 'B53DC80D13EDEF05';
export const UBUNTU_ARCHIVE = 'http://archive.ubuntu.com/ubuntu';
export const UBUNTU_SECURITY = 'http://security.ubuntu.com/ubuntu';

/** Highest patch per minor on pkgs.k8s.io in this world. */
export const K8S_LATEST_PATCH: Record<number, number> = { 28: 15, 29: 15, 30: 14, 31: 12, 32: 8, 33: 4, 34: 0 };
const CRI_TOOLS: Record<number, string[]> = { 28: ['1.28.0'], 29: ['1.29.0'], 30: ['1.30.0', '1.30.1'], 31: ['1.31.0', '1.31.1'], 32: ['1.32.0'], 33: ['1.33.0'], 34: ['1.34.0'] };
const K8S_CNI: Record<number, string[]> = { 28: ['1.2.0-2.1'], 29: ['1.3.0-1.1'], 30: ['1.4.0-1.1'], 31: ['1.5.1-1.1'], 32: ['1.6.0-1.1'], 33: ['1.6.0-1.1'], 34: ['1.7.1-1.1'] };

function k8sRepo(minor: number): RepoDef {
  const entries: CatalogueEntry[] = [];
  for (let p = 0; p <= K8S_LATEST_PATCH[minor]; p++) {
    for (const name of ['kubeadm', 'kubelet', 'kubectl']) entries.push({ name, version: `1.${minor}.${p}-1.1`, arch: 'amd64' });
  }
  for (const v of CRI_TOOLS[minor]) entries.push({ name: 'cri-tools', version: `${v}-1.1`, arch: 'amd64' });
  for (const v of K8S_CNI[minor]) entries.push({ name: 'kubernetes-cni', version: v, arch: 'amd64' });
  return {
    id: `pkgs.k8s.io/v1.${minor}`,
    uri: `https://pkgs.k8s.io/core:/stable:/v1.${minor}/deb`,
    fetchUri: `https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.${minor}/deb`,
    suites: ['/'],
    keyId: K8S_KEY_ID,
    entries,
    inReleaseBytes: 1186 + minor,
    packagesKiB: 4 + (minor % 7),
  };
}

/** The legacy apt.kubernetes.io layout, as mirrored by aliyun (kubernetes-xenial main, `-00` revisions). */
const LEGACY_PATCHES: Record<number, number> = { 18: 20, 19: 16, 20: 15, 21: 14, 22: 17, 23: 17, 24: 17, 25: 16, 26: 9, 27: 6, 28: 2 };

function legacyRepo(id: string, uri: string): RepoDef {
  const entries: CatalogueEntry[] = [];
  for (const [minor, last] of Object.entries(LEGACY_PATCHES)) {
    for (let p = 0; p <= last; p++) for (const name of ['kubeadm', 'kubelet', 'kubectl']) entries.push({ name, version: `1.${minor}.${p}-00`, arch: 'amd64', suite: 'kubernetes-xenial', component: 'main' });
  }
  for (const v of ['1.13.0-01', '1.19.0-00', '1.23.0-00', '1.24.2-00', '1.26.0-00']) entries.push({ name: 'cri-tools', version: v, arch: 'amd64', suite: 'kubernetes-xenial', component: 'main' });
  for (const v of ['0.8.7-00', '1.1.1-00', '1.2.0-00']) entries.push({ name: 'kubernetes-cni', version: v, arch: 'amd64', suite: 'kubernetes-xenial', component: 'main' });
  return { id, uri, suites: ['kubernetes-xenial'], keyId: GOOGLE_KEY_ID, entries, inReleaseBytes: 8993, packagesKiB: 69 };
}

const U = (name: string, version: string, suite: string, component = 'main', arch: 'amd64' | 'all' = 'amd64'): CatalogueEntry => ({ name, version, arch, suite, component });

const UBUNTU_ENTRIES: CatalogueEntry[] = [
  U('containerd', '1.5.9-0ubuntu3', 'jammy'),
  U('containerd', '1.7.27-0ubuntu1~22.04.1', 'jammy-updates'),
  U('runc', '1.1.0-0ubuntu1', 'jammy'),
  U('runc', '1.2.5-0ubuntu1~22.04.1', 'jammy-updates'),
  U('docker.io', '20.10.12-0ubuntu4', 'jammy', 'universe'),
  U('docker.io', '27.5.1-0ubuntu3~22.04.2', 'jammy-updates', 'universe'),
  U('bridge-utils', '1.7-1ubuntu3', 'jammy'),
  U('pigz', '2.6-1', 'jammy', 'universe'),
  U('ubuntu-fan', '0.12.16', 'jammy', 'main', 'all'),
  U('socat', '1.7.4.1-3ubuntu4', 'jammy'),
  U('conntrack', '1:1.4.6-2build2', 'jammy'),
  U('ebtables', '2.0.11-4build2', 'jammy'),
  U('ipset', '7.15-1build1', 'jammy'),
  U('ipvsadm', '1:1.31-1build2', 'jammy'),
  U('chrony', '4.2-2ubuntu2', 'jammy'),
  U('ntpdate', '1:4.2.8p15+dfsg-1ubuntu2', 'jammy', 'universe'),
  U('etcd-client', '3.3.25+dfsg-7ubuntu0.22.04.2', 'jammy-updates', 'universe'),
  U('etcd-server', '3.3.25+dfsg-7ubuntu0.22.04.2', 'jammy-updates', 'universe'),
  U('nfs-common', '1:2.6.1-1ubuntu1.2', 'jammy-updates'),
  U('apt-transport-https', '2.4.14', 'jammy-updates', 'universe', 'all'),
  U('ca-certificates', '20240203~22.04.1', 'jammy-updates', 'main', 'all'),
  U('curl', '7.81.0-1ubuntu1.21', 'jammy-updates'),
  U('gpg', '2.2.27-3ubuntu2.4', 'jammy-updates'),
  U('gnupg', '2.2.27-3ubuntu2.4', 'jammy-updates', 'main', 'all'),
  U('iptables', '1.8.7-1ubuntu5.2', 'jammy-updates'),
  U('iproute2', '5.15.0-1ubuntu2', 'jammy'),
  U('ethtool', '1:5.16-1ubuntu0.2', 'jammy-updates'),
  U('util-linux', '2.37.2-4ubuntu3.4', 'jammy-updates'),
  U('mount', '2.37.2-4ubuntu3.4', 'jammy-updates'),
  U('openssh-server', '1:8.9p1-3ubuntu0.13', 'jammy-updates'),
  U('bash-completion', '1:2.11-5ubuntu1', 'jammy', 'main', 'all'),
  U('vim', '2:8.2.3995-1ubuntu2.24', 'jammy-updates'),
  U('jq', '1.6-2.1ubuntu3.1', 'jammy-updates'),
  U('systemd', '249.11-0ubuntu3.16', 'jammy-updates'),
  U('kmod', '29-1ubuntu1', 'jammy'),
  U('procps', '2:3.3.17-6ubuntu2.1', 'jammy-updates'),
  U('ufw', '0.36.1-4ubuntu0.1', 'jammy-updates', 'main', 'all'),
  U('wget', '1.21.2-2ubuntu1.1', 'jammy-updates'),
  U('tar', '1.34+dfsg-1ubuntu0.1.22.04.2', 'jammy-updates'),
  U('apt', '2.4.14', 'jammy-updates'),
  U('sudo', '1.9.9-1ubuntu2.5', 'jammy-updates'),
  U('software-properties-common', '0.99.22.9', 'jammy-updates', 'main', 'all'),
  U('lsb-release', '11.1.0ubuntu4', 'jammy', 'main', 'all'),
];

const DOCKER_ENTRIES: CatalogueEntry[] = [
  ...['1.6.33-1', '1.7.24-1', '1.7.25-1', '1.7.27-1', '1.7.28-1'].map((v) => ({ name: 'containerd.io', version: v, arch: 'amd64' as const, suite: 'jammy', component: 'stable' })),
  ...['26.1.4-1', '27.5.1-1', '28.3.3-1'].flatMap((v) =>
    ['docker-ce', 'docker-ce-cli'].map((name) => ({ name, version: `5:${v}~ubuntu.22.04~jammy`, arch: 'amd64' as const, suite: 'jammy', component: 'stable' })),
  ),
];

export const REPOSITORIES: RepoDef[] = [
  { id: 'ubuntu', uri: UBUNTU_ARCHIVE, suites: ['jammy', 'jammy-updates', 'jammy-backports'], entries: UBUNTU_ENTRIES.filter((e) => e.suite !== 'jammy-security'), inReleaseBytes: 128000 },
  { id: 'ubuntu-security', uri: UBUNTU_SECURITY, suites: ['jammy-security'], entries: [], inReleaseBytes: 129000 },
  ...Object.keys(K8S_LATEST_PATCH).map((m) => k8sRepo(Number(m))),
  { id: 'docker', uri: 'https://download.docker.com/linux/ubuntu', suites: ['jammy'], keyId: DOCKER_KEY_ID, entries: DOCKER_ENTRIES, inReleaseBytes: 48800, packagesKiB: 60 },
  legacyRepo('aliyun-kubernetes', 'https://mirrors.aliyun.com/kubernetes/apt'),
  legacyRepo('tuna-kubernetes', 'https://mirrors.tuna.tsinghua.edu.cn/kubernetes/apt'),
];

export function normaliseUri(uri: string): string {
  return uri.replace(/\/+$/, '');
}

/** The repository a sources line points at, if the world knows it. */
export function findRepo(uri: string, suite: string): RepoDef | undefined {
  const u = normaliseUri(uri);
  return REPOSITORIES.find((r) => normaliseUri(r.uri) === u && (r.suites.includes(suite) || (suite === '/' && r.suites.includes('/'))));
}

/** Hosts the apt sources may name: known hosts answer, others do not resolve. */
export const KNOWN_HOSTS = new Set(['archive.ubuntu.com', 'security.ubuntu.com', 'pkgs.k8s.io', 'download.docker.com', 'mirrors.aliyun.com', 'mirrors.tuna.tsinghua.edu.cn', 'apt.kubernetes.io', 'packages.cloud.google.com']);

/** Packages of a fresh jammy server that the courses touch (dpkg -l shows these). */
export const BASE_INSTALLED: Array<[string, string]> = [
  ['apt', '2.4.14'], ['bash-completion', '1:2.11-5ubuntu1'], ['ca-certificates', '20240203~22.04.1'], ['curl', '7.81.0-1ubuntu1.21'],
  ['ethtool', '1:5.16-1ubuntu0.2'], ['gnupg', '2.2.27-3ubuntu2.4'], ['gpg', '2.2.27-3ubuntu2.4'], ['iproute2', '5.15.0-1ubuntu2'],
  ['iptables', '1.8.7-1ubuntu5.2'], ['kmod', '29-1ubuntu1'], ['lsb-release', '11.1.0ubuntu4'], ['mount', '2.37.2-4ubuntu3.4'],
  ['openssh-server', '1:8.9p1-3ubuntu0.13'], ['procps', '2:3.3.17-6ubuntu2.1'], ['software-properties-common', '0.99.22.9'],
  ['sudo', '1.9.9-1ubuntu2.5'], ['systemd', '249.11-0ubuntu3.16'], ['tar', '1.34+dfsg-1ubuntu0.1.22.04.2'], ['ufw', '0.36.1-4ubuntu0.1'],
  ['util-linux', '2.37.2-4ubuntu3.4'], ['vim', '2:8.2.3995-1ubuntu2.24'], ['wget', '1.21.2-2ubuntu1.1'],
];
