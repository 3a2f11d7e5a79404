/**
 * Registry repositories and tags of the add-ons' images (the registry model in
 * src/sim/runtime/images.ts merges them): every release the catalogue's manifests and charts name.
 */
const range = (prefix: string, minors: Record<string, number>): string[] =>
  Object.entries(minors).flatMap(([minor, last]) => Array.from({ length: last + 1 }, (_, p) => `${prefix}${minor}.${p}`));

const CALICO_TAGS = range('v', { '3.25': 2, '3.26': 4, '3.27': 5, '3.28': 5, '3.29': 5, '3.30': 3 });
const OPERATOR_TAGS = range('v', { '1.29': 6, '1.30': 6, '1.32': 6, '1.34': 6, '1.36': 6, '1.38': 6 });
const INGRESS_TAGS = range('v', { '1.8': 5, '1.9': 6, '1.10': 6, '1.11': 7, '1.12': 4, '1.13': 3 });

export const ADDON_IMAGES: Record<string, { tags: string[]; size: number }> = {
  // minikube's kindnet (src/sim/addons/kindnet.ts); the size is the simulation's.
  'docker.io/kindest/kindnetd': { tags: ['v20250512-df8de77b'], size: 38_601_118 },
  'docker.io/calico/node': { tags: CALICO_TAGS, size: 151_323_540 },
  'docker.io/calico/cni': { tags: CALICO_TAGS, size: 97_210_223 },
  'docker.io/calico/kube-controllers': { tags: CALICO_TAGS, size: 34_817_002 },
  'docker.io/calico/typha': { tags: CALICO_TAGS, size: 31_211_877 },
  'docker.io/calico/apiserver': { tags: CALICO_TAGS, size: 43_012_556 },
  'docker.io/calico/csi': { tags: CALICO_TAGS, size: 9_402_341 },
  'docker.io/calico/node-driver-registrar': { tags: CALICO_TAGS, size: 11_204_902 },
  'docker.io/calico/pod2daemon-flexvol': { tags: CALICO_TAGS, size: 7_290_115 },
  'quay.io/tigera/operator': { tags: OPERATOR_TAGS, size: 21_402_119 },
  'docker.io/flannel/flannel': { tags: ['v0.27.2', 'v0.27.0', 'v0.26.7', 'v0.25.7', 'v0.24.4', 'v0.22.3'], size: 32_396_432 },
  'docker.io/flannel/flannel-cni-plugin': { tags: ['v1.7.1-flannel1', 'v1.6.2-flannel1', 'v1.5.1-flannel2', 'v1.4.1-flannel1', 'v1.2.0'], size: 4_856_026 },
  'registry.k8s.io/ingress-nginx/controller': { tags: INGRESS_TAGS.reverse(), size: 109_288_190 },
  'registry.k8s.io/ingress-nginx/kube-webhook-certgen': { tags: ['v1.6.0', 'v1.5.2', 'v1.4.1', 'v1.4.0', 'v20231011-8b53cabe0', 'v20230407'], size: 27_760_312 },
  'docker.io/kubernetesui/dashboard': { tags: ['v2.7.0'], size: 75_786_981 },
  'docker.io/kubernetesui/metrics-scraper': { tags: ['v1.0.8'], size: 19_745_867 },
  'ghcr.io/headlamp-k8s/headlamp': { tags: ['v0.30.1', 'v0.31.0', 'v0.32.0'], size: 61_905_440 },
  'docker.io/bitnami/nginx': { tags: ['1.27.4-debian-12-r6', '1.28.0-debian-12-r3', 'latest'], size: 64_117_093 },
};
