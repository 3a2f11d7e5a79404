/**
 * Images of the older install path the study notes take: Kubernetes v1.20/v1.21 from k8s.gcr.io,
 * v1.28.2, and the aliyun mirror of the control-plane images (registry.aliyuncs.com/
 * google_containers, which readers in China use with `--image-repository`). The mirror serves the
 * same tags as registry.k8s.io, with CoreDNS at the top level (coredns:v1.8.0, not coredns/coredns).
 */
import { K8S_RELEASE_TAGS } from './k8s-release-tags';

/** The mirror follows registry.k8s.io: the older releases the notes use, and every pkgs.k8s.io patch. */
const CONTROL_PLANE_TAGS = ['v1.20.9', 'v1.20.15', 'v1.21.0', 'v1.21.14', 'v1.22.17', 'v1.23.17', ...K8S_RELEASE_TAGS];
const SIZES: Record<string, number> = { 'kube-apiserver': 30_071_307, 'kube-controller-manager': 26_628_857, 'kube-scheduler': 20_555_616, 'kube-proxy': 31_890_245 };

function controlPlane(registry: string, tags: string[]): Record<string, { tags: string[]; size: number }> {
  return Object.fromEntries(Object.entries(SIZES).map(([name, size]) => [`${registry}/${name}`, { tags, size }]));
}

export const LEGACY_IMAGES: Record<string, { tags: string[]; size: number }> = {
  ...controlPlane('k8s.gcr.io', CONTROL_PLANE_TAGS.filter((t) => /^v1\.2[0-3]\./.test(t))),
  'k8s.gcr.io/etcd': { tags: ['3.4.13-0', '3.5.0-0', '3.5.6-0'], size: 86_742_272 },
  'k8s.gcr.io/coredns': { tags: ['1.7.0'], size: 13_982_350 },
  'k8s.gcr.io/coredns/coredns': { tags: ['v1.8.0', 'v1.8.4', 'v1.8.6'], size: 12_945_155 },
  'k8s.gcr.io/pause': { tags: ['3.2', '3.4.1', '3.5', '3.6'], size: 299_513 },
  ...controlPlane('registry.aliyuncs.com/google_containers', CONTROL_PLANE_TAGS),
  'registry.aliyuncs.com/google_containers/etcd': { tags: ['3.4.13-0', '3.5.0-0', '3.5.6-0', '3.5.9-0', '3.5.12-0', '3.5.15-0', '3.5.16-0', '3.5.21-0', '3.6.4-0'], size: 57_680_541 },
  'registry.aliyuncs.com/google_containers/coredns': { tags: ['1.7.0', 'v1.8.0', 'v1.8.4', 'v1.8.6', 'v1.10.1', 'v1.11.1', 'v1.11.3', 'v1.12.0', 'v1.12.1'], size: 16_190_758 },
  'registry.aliyuncs.com/google_containers/pause': { tags: ['3.2', '3.4.1', '3.5', '3.6', '3.9', '3.10', '3.10.1'], size: 322_048 },
  ...controlPlane('registry.k8s.io', ['v1.28.2', 'v1.28.15', 'v1.21.0', 'v1.20.9']),
  'registry.k8s.io/etcd': { tags: ['3.5.9-0', '3.5.21-0', '3.5.16-0', '3.5.15-0', '3.5.12-0', '3.6.4-0', '3.4.13-0'], size: 57_680_541 },
  'registry.k8s.io/coredns': { tags: ['1.7.0'], size: 13_982_350 },
  'registry.k8s.io/coredns/coredns': { tags: ['v1.10.1', 'v1.12.0', 'v1.11.3', 'v1.11.1', 'v1.12.1', 'v1.8.0'], size: 16_190_758 },
  'registry.k8s.io/pause': { tags: ['3.9', '3.10', '3.8', '3.2', '3.4.1', '3.10.1'], size: 320_368 },
  'docker.io/calico/node': { tags: ['v3.18.1', 'v3.29.3', 'v3.30.0', 'v3.30.2'], size: 151_323_540 },
  'docker.io/calico/cni': { tags: ['v3.18.1', 'v3.29.3', 'v3.30.0', 'v3.30.2'], size: 97_210_223 },
  'docker.io/calico/kube-controllers': { tags: ['v3.18.1', 'v3.29.3', 'v3.30.0', 'v3.30.2'], size: 34_817_002 },
  'docker.io/calico/pod2daemon-flexvol': { tags: ['v3.18.1'], size: 9_368_423 },
};
