/**
 * What a container costs when it does nothing special: the idle CPU (millicores) and resident
 * memory (bytes) of the program its image runs, as `kubectl top` shows them on a small kubeadm
 * cluster. Busy loops and stress workers are recognised from the command and peg a CPU.
 */
import { normalizeImage } from '../runtime/images';

const Mi = 1024 ** 2;

export interface UsageProfile {
  cpuMilli: number;
  memoryBytes: number;
}

/** Idle usage by image repository (registry-normalised). */
const BY_IMAGE: Record<string, UsageProfile> = {
  'docker.io/library/nginx': { cpuMilli: 1, memoryBytes: 3 * Mi },
  'docker.io/library/httpd': { cpuMilli: 1, memoryBytes: 6 * Mi },
  'docker.io/library/redis': { cpuMilli: 2, memoryBytes: 3 * Mi },
  'docker.io/library/mysql': { cpuMilli: 5, memoryBytes: 380 * Mi },
  'docker.io/library/postgres': { cpuMilli: 1, memoryBytes: 24 * Mi },
  'docker.io/library/busybox': { cpuMilli: 0, memoryBytes: Mi / 2 },
  'registry.k8s.io/busybox': { cpuMilli: 0, memoryBytes: Mi / 2 },
  'docker.io/library/alpine': { cpuMilli: 0, memoryBytes: Mi / 2 },
  'docker.io/library/ubuntu': { cpuMilli: 0, memoryBytes: Mi },
  'docker.io/library/debian': { cpuMilli: 0, memoryBytes: Mi },
  'registry.k8s.io/hpa-example': { cpuMilli: 1, memoryBytes: 10 * Mi },
  'registry.k8s.io/coredns/coredns': { cpuMilli: 2, memoryBytes: 15 * Mi },
  'registry.k8s.io/etcd': { cpuMilli: 22, memoryBytes: 58 * Mi },
  'registry.k8s.io/kube-apiserver': { cpuMilli: 40, memoryBytes: 250 * Mi },
  'registry.k8s.io/kube-controller-manager': { cpuMilli: 14, memoryBytes: 52 * Mi },
  'registry.k8s.io/kube-scheduler': { cpuMilli: 3, memoryBytes: 22 * Mi },
  'registry.k8s.io/kube-proxy': { cpuMilli: 1, memoryBytes: 18 * Mi },
  'registry.k8s.io/metrics-server/metrics-server': { cpuMilli: 3, memoryBytes: 19 * Mi },
  'docker.io/calico/node': { cpuMilli: 24, memoryBytes: 118 * Mi },
  'docker.io/calico/kube-controllers': { cpuMilli: 2, memoryBytes: 16 * Mi },
  'docker.io/calico/typha': { cpuMilli: 2, memoryBytes: 20 * Mi },
  'docker.io/flannel/flannel': { cpuMilli: 2, memoryBytes: 12 * Mi },
  'ghcr.io/flannel-io/flannel': { cpuMilli: 2, memoryBytes: 12 * Mi },
  'registry.k8s.io/ingress-nginx/controller': { cpuMilli: 2, memoryBytes: 42 * Mi },
};

/** A program we know nothing about: a small server. */
const DEFAULT: UsageProfile = { cpuMilli: 1, memoryBytes: 8 * Mi };

/** One full CPU: what a single busy process can take. */
export const ONE_CORE_MILLI = 1000;

function repositoryOf(image: string): string {
  // Calico and others also ship from quay.io; the repository name is what matters.
  const repo = normalizeImage(image).repository;
  return repo.replace(/^quay\.io\//, 'docker.io/');
}

/** The idle profile of an image. */
export function idleProfile(image: string): UsageProfile {
  return BY_IMAGE[repositoryOf(image)] ?? DEFAULT;
}

/** The shell script a container runs (`sh -c '…'`), or its argv joined. */
export function scriptOf(argv: string[]): string {
  const c = argv.indexOf('-c');
  if (c >= 0 && /(^|\/)(sh|ash|bash|dash)$/.test(argv[0] ?? '')) return argv[c + 1] ?? '';
  return argv.join(' ');
}

/**
 * CPU a command burns on its own, in millicores (before limits), or undefined when it is idle:
 * `while true; do :; done` and loops without a sleep spin one core; `stress --cpu N` spins N;
 * `yes`, `md5sum /dev/zero` and `dd if=/dev/zero` spin one.
 */
export function busyCpuMilli(argv: string[]): number | undefined {
  const script = scriptOf(argv);
  const stress = /(?:^|\s)(?:stress(?:-ng)?)\b[^;]*?(?:--cpu|-c)\s+(\d+)/.exec(script);
  if (stress) return Number(stress[1]) * ONE_CORE_MILLI;
  // vish/stress (the CPU example of the Kubernetes docs): `-cpus 2`.
  const vish = /(?:^|\s)-cpus\s+(\d+)/.exec(script);
  if (vish) return Number(vish[1]) * ONE_CORE_MILLI;
  if (/(?:^|[\s;&|])(yes|md5sum\s+\/dev\/zero|sha1sum\s+\/dev\/zero|dd\s+if=\/dev\/zero)\b/.test(script)) return ONE_CORE_MILLI;
  const loop = /while\s+([^;]*?)\s*;\s*do\s+([\s\S]*?)\s*;?\s*done/.exec(script);
  if (loop) {
    const waits = /\bsleep\b/.test(loop[1]) || /\bsleep\b/.test(loop[2]);
    const network = /\b(wget|curl|nc|nslookup|ping)\b/.test(loop[2]);
    if (!waits && !network) return ONE_CORE_MILLI;
  }
  return undefined;
}

/** Memory a stress worker holds (`stress --vm 1 --vm-bytes 150M`), in bytes. */
export function stressMemoryBytes(argv: string[]): number | undefined {
  const m = /--vm-bytes\s+(\d+)([bkmgBKMG]?)/.exec(argv.join(' '));
  if (!m) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: Mi, g: 1024 * Mi }[m[2].toLowerCase()]!;
  return Number(m[1]) * unit;
}
