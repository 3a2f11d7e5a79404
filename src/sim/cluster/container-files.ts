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

/**
 * Where a path of container `name` of `pod` lives on its node: under the hostPath of the deepest
 * volume mount holding it; null when no mount holds it (the path is in the container's own layer);
 * undefined when a volume of another kind holds it (not modelled here).
 */
export function nodePathOf(pod: KubeObject, name: string, path: string): string | null | undefined {
  const spec = pod.spec as { containers?: ContainerSpec[]; volumes?: Volume[] } | undefined;
  const mounts = spec?.containers?.find((c) => c.name === name)?.volumeMounts ?? [];
  const dirOf = (m: VolumeMount) => String(m.mountPath ?? '').replace(/\/+$/, '') || '/';
  // The deepest mount holding the path wins, as mounts stack.
  let best: VolumeMount | undefined;
  for (const m of mounts) if (under(path, dirOf(m)) && (!best || dirOf(m).length > dirOf(best).length)) best = m;
  if (!best) return null;
  const volume = (spec?.volumes ?? []).find((v) => v.name === best.name);
  if (!volume?.hostPath?.path) return undefined;
  const source = [volume.hostPath.path.replace(/\/+$/, ''), best.subPath].filter(Boolean).join('/');
  return source + path.slice(dirOf(best) === '/' ? 0 : dirOf(best).length);
}

/** How the container `name` of `pod` on `machine` sees paths (through its hostPath mounts only). */
export function containerFiles(machine: Pick<Machine, 'rootFs'>, pod: KubeObject, name: string): ContainerFiles {
  return (path) => {
    const onNode = nodePathOf(pod, name, path);
    // Another kind of volume is taken to hold what is asked.
    return onNode === undefined ? true : onNode !== null && !!machine.rootFs.stat(onNode);
  };
}
