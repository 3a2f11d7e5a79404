/** kubeadm's kubelet unit and drop-in on cka01 of a fresh world (no kubelet config yet: the kubelet fails to start). */
import { freshWorld } from '../../tools/helpers';

export const KUBELET_UNIT = [
  '[Unit]',
  'Description=kubelet: The Kubernetes Node Agent',
  'Documentation=https://kubernetes.io/docs/',
  'Wants=network-online.target',
  'After=network-online.target',
  '',
  '[Service]',
  'ExecStart=/usr/bin/kubelet',
  'Restart=always',
  'StartLimitInterval=0',
  'RestartSec=10',
  '',
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n');

export const DROPIN = [
  '[Service]',
  'Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"',
  'Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"',
  'EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env',
  'EnvironmentFile=-/etc/default/kubelet',
  'ExecStart=',
  'ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS',
  '',
].join('\n');

export function withKubeletUnit() {
  const w = freshWorld();
  const fs = w.machines.get('cka01')!.rootFs;
  fs.writeFile('/usr/lib/systemd/system/kubelet.service', KUBELET_UNIT);
  fs.mkdir('/usr/lib/systemd/system/kubelet.service.d', { recursive: true });
  fs.writeFile('/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', DROPIN);
  return w;
}
