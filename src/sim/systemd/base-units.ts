/** Units of a fresh jammy server that learners meet in status and list-units. */
export interface BaseUnit {
  name: string;
  text: string;
  enabled: boolean;
  active: boolean;
  pid?: number;
}

export const BASE_UNITS: BaseUnit[] = [
  { name: 'ssh.service', text: '[Unit]\nDescription=OpenBSD Secure Shell server\nDocumentation=https://man.openbsd.org/sshd(8)\nDocumentation=man:sshd_config(5)\n\n[Service]\nExecStart=/usr/sbin/sshd -D $SSHD_OPTS\n\n[Install]\nWantedBy=multi-user.target\n', enabled: true, active: true, pid: 815 },
  { name: 'cron.service', text: '[Unit]\nDescription=Regular background program processing daemon\nDocumentation=man:cron(8)\n\n[Service]\nExecStart=/usr/sbin/cron -f -P $EXTRA_OPTS\n\n[Install]\nWantedBy=multi-user.target\n', enabled: true, active: true, pid: 790 },
  { name: 'systemd-resolved.service', text: '[Unit]\nDescription=Network Name Resolution\nDocumentation=man:systemd-resolved.service(8)\n\n[Service]\nExecStart=/lib/systemd/systemd-resolved\n\n[Install]\nWantedBy=multi-user.target\n', enabled: true, active: true, pid: 602 },
  { name: 'systemd-timesyncd.service', text: '[Unit]\nDescription=Network Time Synchronization\nDocumentation=man:systemd-timesyncd.service(8)\n\n[Service]\nExecStart=/lib/systemd/systemd-timesyncd\n\n[Install]\nWantedBy=multi-user.target\n', enabled: true, active: true, pid: 598 },
  { name: 'rsyslog.service', text: '[Unit]\nDescription=System Logging Service\nDocumentation=man:rsyslogd(8)\n\n[Service]\nExecStart=/usr/sbin/rsyslogd -n -iNONE\n\n[Install]\nWantedBy=multi-user.target\n', enabled: true, active: true, pid: 640 },
  { name: 'ufw.service', text: '[Unit]\nDescription=Uncomplicated firewall\nDocumentation=man:ufw(8)\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/lib/ufw/ufw-init start quiet\n\n[Install]\nWantedBy=multi-user.target\n', enabled: true, active: true },
  { name: 'apparmor.service', text: '[Unit]\nDescription=Load AppArmor profiles\nDocumentation=man:apparmor(7)\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/lib/apparmor/apparmor.systemd reload\n\n[Install]\nWantedBy=multi-user.target\n', enabled: true, active: true },
  {
    name: 'systemd-modules-load.service',
    text:
      '[Unit]\nDescription=Load Kernel Modules\nDocumentation=man:systemd-modules-load.service(8) man:modules-load.d(5)\nDefaultDependencies=no\nConflicts=shutdown.target\n' +
      'Before=sysinit.target shutdown.target\nConditionCapability=CAP_SYS_MODULE\nConditionDirectoryNotEmpty=|/lib/modules-load.d\nConditionDirectoryNotEmpty=|/usr/lib/modules-load.d\n' +
      'ConditionDirectoryNotEmpty=|/usr/local/lib/modules-load.d\nConditionDirectoryNotEmpty=|/etc/modules-load.d\nConditionDirectoryNotEmpty=|/run/modules-load.d\n' +
      'ConditionKernelCommandLine=|modules-load\nConditionKernelCommandLine=|rd.modules-load\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/lib/systemd/systemd-modules-load\nTimeoutSec=90s\n',
    enabled: false,
    active: true,
  },
];

const unit = (desc: string, exec: string, extra = '', install = 'WantedBy=multi-user.target') =>
  `[Unit]\nDescription=${desc}\n${extra}\n[Service]\nExecStart=${exec}\n\n[Install]\n${install}\n`;

/** Units of a CentOS 7 minimal install (systemd 219): firewalld and chronyd run, as after anaconda. */
export const CENTOS_BASE_UNITS: BaseUnit[] = [
  { name: 'sshd.service', text: unit('OpenSSH server daemon', '/usr/sbin/sshd -D $OPTIONS', 'Documentation=man:sshd(8) man:sshd_config(5)\nAfter=network.target sshd-keygen.service\n'), enabled: true, active: true, pid: 1021 },
  { name: 'crond.service', text: unit('Command Scheduler', '/usr/sbin/crond -n $CRONDARGS', 'After=auditd.service systemd-user-sessions.service time-sync.target\n'), enabled: true, active: true, pid: 706 },
  { name: 'firewalld.service', text: unit('firewalld - dynamic firewall daemon', '/usr/sbin/firewalld --nofork --nopid $FIREWALLD_ARGS', 'Before=network-pre.target\nWants=network-pre.target\nAfter=dbus.service\nAfter=polkit.service\nConflicts=iptables.service ip6tables.service ebtables.service ipset.service\nDocumentation=man:firewalld(1)\n', 'WantedBy=multi-user.target\nAlias=dbus-org.fedoraproject.FirewallD1.service'), enabled: true, active: true, pid: 689 },
  { name: 'chronyd.service', text: unit('NTP client/server', '/usr/sbin/chronyd $OPTIONS', 'Documentation=man:chronyd(8) man:chrony.conf(5)\nAfter=ntpdate.service sntp.service ntpd.service\nConflicts=ntpd.service systemd-timesyncd.service\n'), enabled: true, active: true, pid: 671 },
  { name: 'NetworkManager.service', text: unit('Network Manager', '/usr/sbin/NetworkManager --no-daemon', 'Documentation=man:NetworkManager(8)\nWants=network.target\nBefore=network.target network.service\n'), enabled: true, active: true, pid: 742 },
  { name: 'rsyslog.service', text: unit('System Logging Service', '/usr/sbin/rsyslogd -n $SYSLOGD_OPTIONS', 'Documentation=man:rsyslogd(8)\n'), enabled: true, active: true, pid: 1023 },
  { name: 'tuned.service', text: unit('Dynamic System Tuning Daemon', '/usr/sbin/tuned -l -P', 'After=systemd-sysctl.service network.target dbus.service\n'), enabled: true, active: true, pid: 1019 },
  {
    name: 'systemd-modules-load.service',
    text: '[Unit]\nDescription=Load Kernel Modules\nDocumentation=man:systemd-modules-load.service(8) man:modules-load.d(5)\nDefaultDependencies=no\nConflicts=shutdown.target\nBefore=sysinit.target shutdown.target\n\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/usr/lib/systemd/systemd-modules-load\nTimeoutSec=90s\n',
    enabled: false,
    active: true,
  },
];
