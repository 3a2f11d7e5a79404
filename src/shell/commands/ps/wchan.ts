/**
 * The kernel function a sleeping process waits in (/proc/PID/wchan on Ubuntu 22.04's 5.15
 * kernel): systemd's daemons in epoll, Go programs on a futex, a shell waiting for its job,
 * sshd in poll, cron and sleep in a timed sleep, pause in pause(2).
 */
const BY_PROGRAM: [RegExp, string][] = [
  [/^(systemd|systemd-journal|systemd-udevd|systemd-resolve|systemd-logind|systemd-network|systemd-timesyn)$/, 'ep_poll'],
  [/^(bash|sh|dash|ash)$/, 'do_wait'],
  [/^sshd$/, 'do_sys_poll'],
  [/^(cron|sleep)$/, 'hrtimer_nanosleep'],
  [/^pause$/, '__x64_sys_pause'],
  [/^(kubelet|containerd|containerd-shim|kube-apiserver|etcd|kube-controller|kube-scheduler|kube-proxy|coredns|flanneld|dockerd|cri-dockerd|kubectl|kubeadm|crictl|etcdctl)/, 'futex_wait_queue_me'],
];

export function wchanOf(comm: string, command: string): string {
  if (/^nginx: master/.test(command)) return 'sigsuspend';
  if (/^nginx: worker/.test(command)) return 'ep_poll';
  return BY_PROGRAM.find(([re]) => re.test(comm))?.[1] ?? 'do_sys_poll';
}
