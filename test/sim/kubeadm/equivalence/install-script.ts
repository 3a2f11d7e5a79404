/**
 * What a learner types to turn the `machines` scenario into the `cluster` scenario, following the
 * install chapter: the node preparation on every machine, `kubeadm init` on cka01, the kubeconfig
 * copy and flannel, then `kubeadm join` on the workers with the command init printed.
 */
export const PREPARE_NODE = [
  // prepare-node.sh of the install chapter (content/docs/install-kubeadm.mdx)
  'set -e',
  'swapoff -a',
  "sed -ri '/\\sswap\\s/s/^#?/#/' /etc/fstab",
  "printf 'overlay\\nbr_netfilter\\n' > /etc/modules-load.d/k8s.conf",
  'modprobe overlay',
  'modprobe br_netfilter',
  "printf '%s\\n' 'net.bridge.bridge-nf-call-iptables = 1' 'net.bridge.bridge-nf-call-ip6tables = 1' 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/k8s.conf",
  'sysctl --system > /dev/null',
  'apt-get update -q > /dev/null',
  'apt-get install -y -q containerd > /dev/null',
  'mkdir -p /etc/containerd',
  'containerd config default > /etc/containerd/config.toml',
  "sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml",
  "sed -i 's#sandbox_image = .*#sandbox_image = \"registry.k8s.io/pause:3.10\"#' /etc/containerd/config.toml",
  'systemctl restart containerd',
  'systemctl enable containerd',
  // The chapter's "Install kubeadm, kubelet and kubectl" and "Holding the versions".
  'apt-get install -y apt-transport-https ca-certificates curl gpg > /dev/null',
  'mkdir -p -m 755 /etc/apt/keyrings',
  'curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.33/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg',
  "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.33/deb/ /' > /etc/apt/sources.list.d/kubernetes.list",
  'apt-get update > /dev/null',
  'apt-get install -y kubelet kubeadm kubectl > /dev/null',
  'apt-mark hold kubelet kubeadm kubectl > /dev/null',
  'systemctl enable --now kubelet',
  '',
].join('\n');

/** The pod network of the `cluster` scenario (flannel's default). */
export const INIT = 'kubeadm init --pod-network-cidr=10.244.0.0/16';

export const KUBECONFIG_AND_CNI = [
  'mkdir -p $HOME/.kube',
  'cp -i /etc/kubernetes/admin.conf $HOME/.kube/config',
  'chown $(id -u):$(id -g) $HOME/.kube/config',
  'kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml',
  // The chapter waits for the control plane node to turn Ready before joining the workers.
  'kubectl wait --for=condition=Ready node/cka01 --timeout=300s',
  '',
].join('\n');
