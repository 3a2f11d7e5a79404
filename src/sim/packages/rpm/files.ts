/** Files of CentOS 7 packages whose content differs from the Debian packages of the same software. */

export const DOCKER_SERVICE_EL7 = `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
BindsTo=containerd.service
After=network-online.target firewalld.service containerd.service
Wants=network-online.target
Requires=docker.socket

[Service]
Type=notify
# the default is not to use systemd for cgroups because the delegate issues still
# exists and systemd currently does not support the cgroup feature set required
# for containers run by docker
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutSec=0
RestartSec=2
Restart=always

# Note that StartLimit* options were moved from "Service" to "Unit" in systemd 229.
# Both the old, and new location are accepted by systemd 229 and up, so using the old location
# to make them work for either version of systemd.
StartLimitBurst=3

# Note that StartLimitInterval was renamed to StartLimitIntervalSec in systemd 230.
# Both the old, and new name are accepted by systemd 230 and up, so using the old name to make
# this option work for either version of systemd.
StartLimitInterval=60s

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNOFILE=infinity
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not support it.
# Only systemd 226 and above support this option.
TasksMax=infinity

# set delegate yes so that systemd does not reset the cgroups of docker containers
Delegate=yes

# kill only the docker process, not all processes in the cgroup
KillMode=process

[Install]
WantedBy=multi-user.target
`;

export const CHRONYD_SERVICE_EL7 = `[Unit]
Description=NTP client/server
Documentation=man:chronyd(8) man:chrony.conf(5)
After=ntpdate.service sntp.service ntpd.service
Conflicts=ntpd.service systemd-timesyncd.service
ConditionCapability=CAP_SYS_TIME

[Service]
Type=forking
PIDFile=/var/run/chrony/chronyd.pid
EnvironmentFile=-/etc/sysconfig/chronyd
ExecStart=/usr/sbin/chronyd $OPTIONS
ExecStartPost=/usr/libexec/chrony-helper update-daemon
PrivateTmp=yes
ProtectHome=yes
ProtectSystem=full

[Install]
WantedBy=multi-user.target
`;

export const EPEL_REPO = `[epel]
name=Extra Packages for Enterprise Linux 7 - $basearch
#baseurl=http://download.fedoraproject.org/pub/epel/7/$basearch
metalink=https://mirrors.fedoraproject.org/metalink?repo=epel-7&arch=$basearch
failovermethod=priority
enabled=1
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7

[epel-debuginfo]
name=Extra Packages for Enterprise Linux 7 - $basearch - Debug
#baseurl=http://download.fedoraproject.org/pub/epel/7/$basearch/debug
metalink=https://mirrors.fedoraproject.org/metalink?repo=epel-debug-7&arch=$basearch
failovermethod=priority
enabled=0
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7
gpgcheck=1

[epel-source]
name=Extra Packages for Enterprise Linux 7 - $basearch - Source
#baseurl=http://download.fedoraproject.org/pub/epel/7/SRPMS
metalink=https://mirrors.fedoraproject.org/metalink?repo=epel-source-7&arch=$basearch
failovermethod=priority
enabled=0
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7
gpgcheck=1
`;

/** docker-ce.repo as Docker publishes it (mirrors serve the same file with their host). */
export function dockerCeRepo(base: string): string {
  const section = (id: string, name: string, path: string, enabled: number) =>
    `[${id}]\nname=${name}\nbaseurl=${base}/linux/centos/$releasever/$basearch/${path}\nenabled=${enabled}\ngpgcheck=1\ngpgkey=${base}/linux/centos/gpg\n`;
  return [
    section('docker-ce-stable', 'Docker CE Stable - $basearch', 'stable', 1),
    section('docker-ce-stable-debuginfo', 'Docker CE Stable - Debuginfo $basearch', 'debug-stable', 0),
    section('docker-ce-stable-source', 'Docker CE Stable - Sources', 'source-stable', 0),
    section('docker-ce-test', 'Docker CE Test - $basearch', 'test', 0),
    section('docker-ce-nightly', 'Docker CE Nightly - $basearch', 'nightly', 0),
  ].join('\n');
}

/** CentOS-Base.repo files the notes download from Chinese mirrors (baseurl to the mirror; aliyun lists three hosts). */
export function mirrorBaseRepo(host: 'aliyun' | 'huawei'): string {
  const base = host === 'aliyun' ? 'http://mirrors.aliyun.com/centos' : 'https://repo.huaweicloud.com/centos';
  const section = (id: string, name: string, path: string, enabled = 1) => {
    const urls = host === 'aliyun' ? `baseurl=${base}/$releasever/${path}/$basearch/\n        http://mirrors.aliyuncs.com/centos/$releasever/${path}/$basearch/\n        http://mirrors.cloud.aliyuncs.com/centos/$releasever/${path}/$basearch/` : `baseurl=${base}/$releasever/${path}/$basearch/`;
    return `[${id}]\nname=CentOS-$releasever - ${name}${host === 'aliyun' ? ' - mirrors.aliyun.com' : ''}\n${host === 'aliyun' ? 'failovermethod=priority\n' : ''}${urls}\ngpgcheck=1\n${enabled ? '' : 'enabled=0\n'}gpgkey=${host === 'aliyun' ? 'http://mirrors.aliyun.com/centos/RPM-GPG-KEY-CentOS-7' : 'https://repo.huaweicloud.com/centos/RPM-GPG-KEY-CentOS-7'}\n`;
  };
  return `# CentOS-Base.repo\n#\n# The mirror system uses the connecting IP address of the client and the\n# update status of each mirror to pick mirrors that are updated to and\n# geographically close to the client.  You should use this for CentOS updates\n# unless you are manually picking other mirrors.\n#\n\n` +
    [section('base', 'Base', 'os'), '#released updates \n' + section('updates', 'Updates', 'updates'), '#additional packages that may be useful\n' + section('extras', 'Extras', 'extras'), '#additional packages that extend functionality of existing packages\n' + section('centosplus', 'Plus', 'centosplus', 0)].join('\n');
}

/** Files served by the mirrors, by URL (what wget -O and yum-config-manager --add-repo fetch). */
export function rpmArtefact(url: string): string | undefined {
  const docker = /^(https?:\/\/(?:download\.docker\.com|mirrors\.aliyun\.com\/docker-ce|repo\.huaweicloud\.com\/docker-ce|mirrors\.tuna\.tsinghua\.edu\.cn\/docker-ce))\/linux\/centos\/docker-ce\.repo$/.exec(url);
  if (docker) return dockerCeRepo(docker[1].replace(/^http:/, 'https:'));
  if (/^https?:\/\/mirrors\.aliyun\.com\/repo\/Centos-7\.repo$/.test(url)) return mirrorBaseRepo('aliyun');
  if (/^https?:\/\/repo\.huaweicloud\.com\/repository\/conf\/CentOS-7-reg\.repo$/.test(url)) return mirrorBaseRepo('huawei');
  if (/^https?:\/\/(mirrors\.aliyun\.com|mirrors\.tuna\.tsinghua\.edu\.cn)\/kubernetes\/yum\/doc\/(yum-key|rpm-package-key)\.gpg$/.test(url)) return '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGMHoXcBCADukGOEQyleViOgtkMVa7hKifP6POCTh+98xNW4TfHK/nBJN2sm\n-----END PGP PUBLIC KEY BLOCK-----\n';
  if (/^https:\/\/pkgs\.k8s\.io\/core:\/stable:\/v1\.\d+\/rpm\/repodata\/repomd\.xml\.key$/.test(url)) return '-----BEGIN PGP PUBLIC KEY BLOCK-----\nVersion: GnuPG v1.4.5 (GNU/Linux)\n\nmQENBGMHoXcBCADukGOEQyleViOgtkMVa7hKifP6POCTh+98xNW4TfHK/nBJN2sm\n-----END PGP PUBLIC KEY BLOCK-----\n';
  return undefined;
}
