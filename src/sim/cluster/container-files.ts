/**
 * The files a control-plane container sees. kubeadm's images are distroless: nothing of
 * /etc/kubernetes or /var/lib/etcd is in them, every file the programs read comes through a
 * hostPath volume of the static pod (the certificates directory, one kubeconfig file, etcd's data
 * directory). A path no volume mount covers does not exist in the container, even when the node
 * has it; a path under a mount exists when the node has it under the volume's hostPath, so a
 * volume pointed at the wrong node directory (`/etc/kubernetes/pki-x`, which the kubelet creates
 * empty for DirectoryOrCreate) hides the files the flags name.
 */
import type { Machine } from '../machine/machine';
import type { KubeObject } from '../apiserver/types';

interface VolumeMount {
  name?: string;
  mountPath?: string;
  subPath?: string;
}

interface Volume {
  name?: string;
  hostPath?: { path?: string };
}

interface ContainerSpec {
  name?: string;
  volumeMounts?: VolumeMount[];
}

/** A test of whether a path exists as one container of a pod sees it. */
export type ContainerFiles = (path: string) => boolean;

const under = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/** How the container `name` of `pod` on `machine` sees paths (through its hostPath mounts only). */
export function containerFiles(machine: Pick<Machine, 'rootFs'>, pod: KubeObject, name: string): ContainerFiles {
  const spec = pod.spec as { containers?: ContainerSpec[]; volumes?: Volume[] } | undefined;
  const mounts = spec?.containers?.find((c) => c.name === name)?.volumeMounts ?? [];
  const volumes = new Map((spec?.volumes ?? []).map((v) => [v.name, v]));
  return (path) => {
    // The deepest mount holding the path wins, as mounts stack.
    let best: VolumeMount | undefined;
    for (const m of mounts) {
      const dir = String(m.mountPath ?? '').replace(/\/+$/, '') || '/';
      if (under(path, dir) && (!best || dir.length > String(best.mountPath).replace(/\/+$/, '').length)) best = m;
    }
    if (!best) return false;
    const volume = volumes.get(best.name);
    // Only hostPath volumes are modelled here; another kind is taken to hold what is asked.
    if (!volume?.hostPath?.path) return true;
    const dir = String(best.mountPath).replace(/\/+$/, '');
    const source = [volume.hostPath.path.replace(/\/+$/, ''), best.subPath].filter(Boolean).join('/');
    return !!machine.rootFs.stat(source + path.slice(dir.length));
  };
}
