/**
 * The code of the machine tools (see index.ts): imported only through index.ts's lazy table, so the
 * terminal's first screen does not wait for packages, systemd, kubeadm or openssl to be parsed.
 */
import type { Program } from '../shell/command';
import { swapoff, swapon } from './swap';
import { modprobe, lsmod } from './modules';
import { sysctl } from './sysctl';
import { hostnamectl, reboot, getenforce, setenforce, sestatus } from './host';
import { systemctl } from './systemctl';
import { journalctl } from './journalctl';
import { apt, aptGet } from './apt/apt-get';
import { aptCache, aptMark } from './apt/apt-cache';
import { dpkg, dpkgQuery } from './dpkg';
import { gpg, aptKey } from './gpg';
import { crictl } from './runtime/crictl';
import { containerd, ctr } from './runtime/containerd';
import { kubeadm } from './kubeadm';
import { etcdctl } from './etcd/etcdctl';
import { etcdutl } from './etcd/etcdutl';
import { ufw, ip6tables, timedatectl } from './firewall';
import { iptables, iptablesRestore, iptablesSave } from './iptables';
import { ipvsadm } from './ipvsadm';
import { conntrack } from './conntrack';
import { kubelet, runc, ntpdate } from './node-binaries';
import { getent } from './getent';
import { chronyc } from './chrony';
import { uname } from './uname';
import { yum } from './yum/yum';
import { yumConfigManager } from './yum/yum-config-manager';
import { rpm } from './rpm';
import { docker } from './docker';
import { criDockerd } from './cri-dockerd';
import { wget } from './wget';
import { firewallCmd } from './firewall-cmd';
import { openssl } from './openssl/index';

export const machineToolTable: Record<string, Program> = {
  swapoff,
  swapon,
  modprobe,
  lsmod,
  sysctl,
  hostnamectl,
  reboot,
  getenforce,
  setenforce,
  sestatus,
  systemctl,
  journalctl,
  apt,
  'apt-get': aptGet,
  'apt-cache': aptCache,
  'apt-mark': aptMark,
  'apt-key': aptKey,
  dpkg,
  'dpkg-query': dpkgQuery,
  gpg,
  crictl,
  containerd,
  ctr,
  kubeadm,
  etcdctl,
  etcdutl,
  ufw,
  iptables,
  'iptables-save': iptablesSave,
  'iptables-restore': iptablesRestore,
  ipvsadm,
  conntrack,
  ip6tables,
  timedatectl,
  kubelet,
  runc,
  ntpdate,
  getent,
  chronyc,
  uname,
  yum,
  'yum-config-manager': yumConfigManager,
  rpm,
  docker,
  'cri-dockerd': criDockerd,
  wget,
  'firewall-cmd': firewallCmd,
  openssl,
};
