/** Files that packages put on a machine besides their programs (units, drop-ins, configs), by package name. */
import type { SystemGroup } from './groups';

export const KUBELET_SERVICE = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

export const KUBEADM_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

export const CONTAINERD_SERVICE = `# Copyright The containerd Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd

Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not supports it.
# Only systemd 226 and above support this version.
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;

/** The config.toml of Docker's containerd.io package: the CRI plugin is disabled (kubeadm then fails). */
export const CONTAINERD_IO_CONFIG = `#   Copyright 2018-2022 Docker Inc.

#   Licensed under the Apache License, Version 2.0 (the "License");
#   you may not use this file except in compliance with the License.
#   You may obtain a copy of the License at

#       http://www.apache.org/licenses/LICENSE-2.0

#   Unless required by applicable law or agreed to in writing, software
#   distributed under the License is distributed on an "AS IS" BASIS,
#   WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
#   See the License for the specific language governing permissions and
#   limitations under the License.

disabled_plugins = ["cri"]

#root = "/var/lib/containerd"
#state = "/run/containerd"
#subreaper = true
#oom_score = 0

#[grpc]
#  address = "/run/containerd/containerd.sock"
#  uid = 0
#  gid = 0

#[debug]
#  address = "/run/containerd/debug.sock"
#  uid = 0
#  gid = 0
#  level = "info"
`;

export const DOCKER_SERVICE = `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always

[Install]
WantedBy=multi-user.target
`;

export const DOCKER_SOCKET = `[Unit]
Description=Docker Socket for the API

[Socket]
ListenStream=/run/docker.sock
SocketMode=0660
SocketUser=root
SocketGroup=docker

[Install]
WantedBy=sockets.target
`;

export const ETCD_SERVICE = `[Unit]
Description=etcd - highly-available key value store
Documentation=https://etcd.io/docs
Documentation=man:etcd
After=network.target
Wants=network-online.target

[Service]
Environment=DAEMON_ARGS=
Environment=ETCD_NAME=%H
Environment=ETCD_DATA_DIR=/var/lib/etcd/default
EnvironmentFile=-/etc/default/%p
Type=notify
User=etcd
PermissionsStartOnly=true
ExecStart=/usr/bin/etcd $DAEMON_ARGS
Restart=on-abnormal
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
Alias=etcd2.service
`;

export const CHRONY_SERVICE = `[Unit]
Description=chrony, an NTP client/server
Documentation=man:chronyd(8) man:chronyc(1) man:chrony.conf(5)
Conflicts=openntpd.service ntp.service ntpsec.service
Wants=time-sync.target
Before=time-sync.target
After=network.target
ConditionCapability=CAP_SYS_TIME

[Service]
Type=forking
PIDFile=/run/chrony/chronyd.pid
EnvironmentFile=-/etc/default/chrony
ExecStart=!/usr/sbin/chronyd $DAEMON_OPTS
ExecStartPost=-/usr/lib/chrony/chrony-helper update-daemon
ExecStopPost=-/usr/lib/chrony/chrony-helper remove-daemon-state
PrivateTmp=yes
ProtectHome=yes
ProtectSystem=full

[Install]
Alias=chronyd.service
WantedBy=multi-user.target
`;

export const CHRONY_CONF = `# Welcome to the chrony configuration file. See chrony.conf(5) for more
# information about usable directives.

# Include configuration files found in /etc/chrony/conf.d.
confdir /etc/chrony/conf.d

# This will use (up to):
# - 4 sources from ntp.ubuntu.com which some are ipv6 enabled
# - 2 sources from 2.ubuntu.pool.ntp.org which is ipv6 enabled as well
# - 1 source from [01].ubuntu.pool.ntp.org each (ipv4 only atm)
# This means by default, up to 6 dual-stack and up to 2 additional IPv4-only
# sources will be used.
# At the same time it retains some protection against one of the entries being
# down (compare to just using one of the lines). See (LP: #1754358) for the
# discussion.
#
# About using servers from the NTP Pool Project in general see (LP: #104525).
# Approved by Ubuntu Technical Board on 2011-02-08.
# See http://www.pool.ntp.org/join.html for more information.
pool ntp.ubuntu.com        iburst maxsources 4
pool 0.ubuntu.pool.ntp.org iburst maxsources 1
pool 1.ubuntu.pool.ntp.org iburst maxsources 1
pool 2.ubuntu.pool.ntp.org iburst maxsources 2

# Use time sources from DHCP.
sourcedir /run/chrony-dhcp

# Use NTP sources found in /etc/chrony/sources.d.
sourcedir /etc/chrony/sources.d

# This directive specify the location of the file containing ID/key pairs for
# NTP authentication.
keyfile /etc/chrony/chrony.keys

# This directive specify the file into which chronyd will store the rate
# information.
driftfile /var/lib/chrony/chrony.drift

# Save NTS keys and cookies.
ntsdumpdir /var/lib/chrony

# Uncomment the following line to turn logging on.
#log tracking measurements statistics

# Log files location.
logdir /var/log/chrony

# Stop bad estimates upsetting machine clock.
maxupdateskew 100.0

# This directive enables kernel synchronisation (every 11 minutes) of the
# real-time clock. Note that it can't be used along with the 'rtcfile' directive.
rtcsync

# Step the system clock instead of slewing it if the adjustment is larger than
# one second, but only in the first three clock updates.
makestep 1 3

# Get TAI-UTC offset and leap seconds from the system tz database.
# This directive must be commented out when using time sources serving
# leap-smeared time.
leapsectz right/UTC
`;

const CNI_PLUGINS = ['bandwidth', 'bridge', 'dhcp', 'dummy', 'firewall', 'host-device', 'host-local', 'ipvlan', 'loopback', 'macvlan', 'portmap', 'ptp', 'sbr', 'static', 'tap', 'tuning', 'vlan', 'vrf'];

export interface PackagePayload {
  /** Program name → directory (the program table entry of that name runs it). */
  programs?: Record<string, string>;
  files?: Record<string, string>;
  dirs?: string[];
  /** Units the postinst enables and starts (deb-systemd-helper). */
  services?: string[];
  /** System groups the postinst creates (docker's socket group). */
  systemGroups?: SystemGroup[];
}

export const PAYLOADS: Record<string, PackagePayload> = {
  kubeadm: { programs: { kubeadm: '/usr/bin' }, files: { '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf': KUBEADM_DROPIN } },
  kubelet: { programs: { kubelet: '/usr/bin' }, files: { '/usr/lib/systemd/system/kubelet.service': KUBELET_SERVICE }, dirs: ['/etc/kubernetes/manifests', '/var/lib/kubelet'], services: ['kubelet.service'] },
  kubectl: { programs: { kubectl: '/usr/bin' } },
  'cri-tools': { programs: { crictl: '/usr/bin' } },
  'kubernetes-cni': { programs: Object.fromEntries(CNI_PLUGINS.map((p) => [p, '/opt/cni/bin'])) },
  'containerd.io': {
    programs: { containerd: '/usr/bin', 'containerd-shim-runc-v2': '/usr/bin', ctr: '/usr/bin', runc: '/usr/bin' },
    files: { '/usr/lib/systemd/system/containerd.service': CONTAINERD_SERVICE, '/etc/containerd/config.toml': CONTAINERD_IO_CONFIG },
    services: ['containerd.service'],
  },
  containerd: { programs: { containerd: '/usr/bin', 'containerd-shim-runc-v2': '/usr/bin', ctr: '/usr/bin' }, files: { '/usr/lib/systemd/system/containerd.service': CONTAINERD_SERVICE }, services: ['containerd.service'] },
  runc: { programs: { runc: '/usr/sbin' } },
  'docker-ce': { programs: { dockerd: '/usr/bin' }, files: { '/usr/lib/systemd/system/docker.service': DOCKER_SERVICE, '/usr/lib/systemd/system/docker.socket': DOCKER_SOCKET }, services: ['docker.service'], systemGroups: [{ name: 'docker', tool: 'groupadd' }] },
  'docker-ce-cli': { programs: { docker: '/usr/bin' } },
  'docker.io': { programs: { docker: '/usr/bin', dockerd: '/usr/bin' }, files: { '/usr/lib/systemd/system/docker.service': DOCKER_SERVICE, '/usr/lib/systemd/system/docker.socket': DOCKER_SOCKET }, services: ['docker.service'], systemGroups: [{ name: 'docker', tool: 'addgroup' }] },
  socat: { programs: { socat: '/usr/bin' } },
  conntrack: { programs: { conntrack: '/usr/sbin' } },
  ebtables: { programs: { ebtables: '/usr/sbin' } },
  ipset: { programs: { ipset: '/usr/sbin' } },
  ipvsadm: { programs: { ipvsadm: '/usr/sbin' } },
  ntpdate: { programs: { ntpdate: '/usr/sbin' } },
  chrony: {
    programs: { chronyc: '/usr/bin', chronyd: '/usr/sbin' },
    files: { '/usr/lib/systemd/system/chrony.service': CHRONY_SERVICE, '/etc/chrony/chrony.conf': CHRONY_CONF },
    dirs: ['/etc/chrony/conf.d', '/etc/chrony/sources.d', '/var/lib/chrony', '/var/log/chrony'],
    services: ['chrony.service'],
  },
  'etcd-client': { programs: { etcdctl: '/usr/bin' } },
  'etcd-server': { programs: { etcd: '/usr/bin' }, files: { '/usr/lib/systemd/system/etcd.service': ETCD_SERVICE }, services: ['etcd.service'] },
  'nfs-common': { programs: { showmount: '/usr/sbin', 'mount.nfs': '/usr/sbin' } },
  'bash-completion': { files: { '/usr/share/bash-completion/bash_completion': '# bash completion\n' } },
};
