/**
 * The registry the simulated nodes pull from: real repositories with real tags and realistic
 * compressed sizes. A reference is normalised the way containerd does it
 * (`nginx` → `docker.io/library/nginx:latest`); an unknown repository or tag fails with the
 * registry's real error text.
 */
import { fnv32a } from '../controllers/machinery/hash';
import { ADDON_IMAGES } from '../addons/images';
import { LEGACY_IMAGES } from './legacy-images';
import { K8S_RELEASE_TAGS } from './k8s-release-tags';

export interface ImageRef {
  /** docker.io/library/nginx */
  repository: string;
  tag: string;
  /** docker.io/library/nginx:1.27 */
  full: string;
}

interface RepoInfo {
  tags: string[];
  /** Compressed size in bytes of the newest tag (others vary slightly). */
  size: number;
}

const K8S_VERSIONS = [...K8S_RELEASE_TAGS];

const CATALOGUE: Record<string, RepoInfo> = {
  'docker.io/library/nginx': { tags: ['latest', '1.27', '1.27.4', '1.27.5', '1.28', '1.28.0', '1.29', '1.29.1', '1.25', '1.25.5', '1.26', '1.26.3', '1.23', '1.21', '1.19', '1.14.2', 'alpine', '1.27-alpine', 'stable', 'mainline', 'perl'], size: 72_195_292 },
  'docker.io/library/busybox': { tags: ['latest', '1.36', '1.36.1', '1.37', '1.37.0', '1.35', '1.28', 'stable', 'musl', 'glibc', 'uclibc'], size: 2_166_810 },
  'docker.io/library/alpine': { tags: ['latest', '3.22', '3.21', '3.20', '3.19', '3.18', '3', 'edge'], size: 3_653_068 },
  'docker.io/library/httpd': { tags: ['latest', '2.4', '2.4.63', '2.4.65', 'alpine', '2.4-alpine'], size: 45_296_120 },
  'docker.io/library/redis': { tags: ['latest', '7', '7.2', '7.4', '8', '8.0', 'alpine', '7-alpine', '6.2'], size: 49_326_123 },
  'docker.io/library/mysql': { tags: ['latest', '8.0', '8.4', '9', '9.3', '5.7', 'lts'], size: 233_712_645 },
  'docker.io/library/postgres': { tags: ['latest', '16', '17', '15', '14', '16-alpine', '17-alpine', 'alpine'], size: 158_408_530 },
  'docker.io/library/perl': { tags: ['latest', '5.34', '5.34.0', '5.36', '5.36.0', '5.38', '5.38.0', '5.40', '5.40.0', '5', 'slim'], size: 337_012_442 },
  'docker.io/library/ubuntu': { tags: ['latest', '22.04', '24.04', 'jammy', 'noble', '20.04'], size: 29_724_688 },
  'docker.io/library/debian': { tags: ['latest', 'bookworm', '12', 'bookworm-slim', 'bullseye'], size: 48_480_125 },
  'docker.io/library/python': { tags: ['latest', '3.12', '3.13', '3.12-slim', '3.13-slim', 'alpine'], size: 412_394_233 },
  'docker.io/curlimages/curl': { tags: ['latest', '8.11.1', '8.12.1', '8.13.0', '8.14.1', '8.15.0', '8.16.0'], size: 10_186_752 },
  'docker.io/library/node': { tags: ['latest', '20', '22', 'lts', '20-alpine', '22-alpine'], size: 391_233_113 },
  'docker.io/library/memcached': { tags: ['latest', '1.6', 'alpine'], size: 33_018_920 },
  'docker.io/library/wordpress': { tags: ['latest', '6', 'php8.3-apache'], size: 254_883_201 },
  'docker.io/library/tomcat': { tags: ['latest', '10', '11', '9'], size: 198_201_335 },
  'docker.io/flannel/flannel': { tags: ['v0.26.7', 'v0.27.0', 'v0.27.2'], size: 32_396_432 },
  'docker.io/flannel/flannel-cni-plugin': { tags: ['v1.6.2-flannel1', 'v1.7.1-flannel1'], size: 4_856_026 },
  'docker.io/calico/node': { tags: ['v3.29.3', 'v3.30.0', 'v3.30.2'], size: 151_323_540 },
  'docker.io/calico/cni': { tags: ['v3.29.3', 'v3.30.0', 'v3.30.2'], size: 97_210_223 },
  'docker.io/calico/kube-controllers': { tags: ['v3.29.3', 'v3.30.0', 'v3.30.2'], size: 34_817_002 },
  'docker.io/kubernetesui/dashboard': { tags: ['v2.7.0'], size: 75_786_981 },
  'gcr.io/google-samples/hello-app': { tags: ['1.0', '2.0'], size: 11_208_323 },
  'gcr.io/k8s-minikube/storage-provisioner': { tags: ['v5'], size: 9_058_936 },
  'registry.k8s.io/pause': { tags: ['3.10', '3.9', '3.8'], size: 320_368 },
  'registry.k8s.io/etcd': { tags: ['3.5.21-0', '3.5.16-0', '3.5.15-0', '3.5.12-0', '3.6.4-0'], size: 57_680_541 },
  'registry.k8s.io/coredns/coredns': { tags: ['v1.12.0', 'v1.11.3', 'v1.11.1', 'v1.12.1'], size: 20_939_036 },
  'registry.k8s.io/kube-apiserver': { tags: K8S_VERSIONS, size: 30_071_307 },
  'registry.k8s.io/kube-controller-manager': { tags: K8S_VERSIONS, size: 26_628_857 },
  'registry.k8s.io/kube-scheduler': { tags: K8S_VERSIONS, size: 20_555_616 },
  'registry.k8s.io/kube-proxy': { tags: K8S_VERSIONS, size: 31_890_245 },
  'registry.k8s.io/metrics-server/metrics-server': { tags: ['v0.7.2', 'v0.8.0'], size: 19_494_617 },
  'registry.k8s.io/hpa-example': { tags: ['latest'], size: 139_871_432 },
  'registry.k8s.io/ingress-nginx/controller': { tags: ['v1.12.1', 'v1.13.0'], size: 109_288_190 },
  'registry.k8s.io/e2e-test-images/agnhost': { tags: ['2.40', '2.39', '2.52', '2.53'], size: 51_041_712 },
  'registry.k8s.io/busybox': { tags: ['latest', '1.27.2'], size: 1_144_547 },
  'registry.k8s.io/nginx-slim': { tags: ['0.8', '0.27'], size: 18_012_342 },
  'registry.k8s.io/liveness': { tags: ['latest'], size: 2_617_310 },
  'docker.io/polinux/stress': { tags: ['latest', '1.0.4'], size: 4_040_218 },
  'docker.io/vish/stress': { tags: ['latest'], size: 2_547_962 },
};

/** containerd's reference normalisation (docker.io default registry, library/ namespace, :latest). */
export function normalizeImage(ref: string): ImageRef {
  let name = ref.trim();
  let tag = 'latest';
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const first = name.split('/')[0];
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return { repository: name, tag, full: `${name}:${tag}` };
}

export interface CatalogueImage {
  ref: ImageRef;
  size: number;
  /** sha256 digest of the manifest (repo digest). */
  digest: string;
  /** sha256 of the image config (what crictl images shows as IMAGE ID). */
  id: string;
}

export type PullResult = { ok: true; image: CatalogueImage } | { ok: false; message: string };

function sha256Like(seed: string): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += fnv32a(`${seed}#${i}`).toString(16).padStart(8, '0');
  return out;
}

/** A repository's tags from every catalogue that knows it (current, add-ons, the older path). */
function repositoryInfo(name: string): RepoInfo | undefined {
  const parts = [CATALOGUE[name], ADDON_IMAGES[name], LEGACY_IMAGES[name]].filter((p): p is RepoInfo => !!p);
  if (!parts.length) return undefined;
  return { tags: [...new Set(parts.flatMap((p) => p.tags))], size: parts[0].size };
}

/** Answers by reference (the catalogues never change): every container start looks its image up. */
const lookups = new Map<string, PullResult>();

/** What a pull of `ref` finds in the catalogues (frozen: the same answer is shared). */
export function lookupImage(ref: string): PullResult {
  let found = lookups.get(ref);
  if (!found) {
    if (lookups.size >= 4096) lookups.clear();
    found = deepFreezeResult(findImage(ref));
    lookups.set(ref, found);
  }
  return found;
}

function deepFreezeResult(r: PullResult): PullResult {
  if (r.ok) {
    Object.freeze(r.image.ref);
    Object.freeze(r.image);
  }
  return Object.freeze(r);
}

function findImage(ref: string): PullResult {
  const r = normalizeImage(ref);
  const repo = repositoryInfo(r.repository);
  const host = r.repository.split('/')[0];
  if (!repo || !repo.tags.includes(r.tag)) {
    // registry.k8s.io and docker.io answer an unknown reference the same way through containerd.
    const why = !repo && host === 'docker.io'
      ? `pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
      : `${r.full}: not found`;
    return {
      ok: false,
      message: `rpc error: code = ${!repo && host === 'docker.io' ? 'Unknown' : 'NotFound'} desc = failed to pull and unpack image "${r.full}": failed to resolve reference "${r.full}": ${why}`,
    };
  }
  const variance = (fnv32a(r.full) % 2_000_000) - 1_000_000;
  const size = Math.max(100_000, repo.size + (r.tag === repo.tags[0] ? 0 : variance));
  return { ok: true, image: { ref: r, size, digest: `sha256:${sha256Like(`digest:${r.full}`)}`, id: `sha256:${sha256Like(`id:${r.full}`)}` } };
}

/** Simulated pull time: about 20 MB/s plus a registry round trip. */
export function pullDurationMs(size: number): number {
  return 300 + Math.round(size / 20_000);
}
