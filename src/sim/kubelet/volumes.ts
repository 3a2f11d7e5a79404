/**
 * Volume set-up before a pod's sandbox starts, with the kubelet's FailedMount texts: a claim that
 * cannot be used (claim-volumes.ts), a missing ConfigMap or Secret (unless optional), a hostPath
 * whose type check fails, a local volume whose path is missing. hostPath volumes of type
 * DirectoryOrCreate / FileOrCreate are created on the node, as the kubelet does.
 */
import type { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import type { Machine } from '../machine';
import { spec, type Obj } from '../controllers/machinery/objects';
import { claimedVolumes } from './claim-volumes';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

/** The first volume that cannot be set up, as the FailedMount event message; undefined when all are ready. */
export function setUpVolumes(client: ApiClient | undefined, pod: KubeObject, machine: Machine): string | undefined {
  const ns = pod.metadata?.namespace;
  const claimed = claimedVolumes(client, pod);
  if (typeof claimed === 'string') return claimed;
  // A claim's volume is mounted under the volume's own name (the PersistentVolume's).
  const persistent = claimed.map(({ pv }) => ({ name: pv.metadata!.name, ...spec(pv) }) as Obj);
  for (const v of [...((spec(pod).volumes ?? []) as Obj[]), ...persistent]) {
    const prefix = `MountVolume.SetUp failed for volume "${v.name}" : `;
    if (v.configMap && !v.configMap.optional && client) {
      if (client.get(CONFIGMAPS, ns, v.configMap.name).code === 404) return `${prefix}configmap "${v.configMap.name}" not found`;
    }
    if (v.secret && !v.secret.optional && client) {
      if (client.get(SECRETS, ns, v.secret.secretName).code === 404) return `${prefix}secret "${v.secret.secretName}" not found`;
    }
    if (v.local && !machine.rootFs.stat(String(v.local.path))) return `MountVolume.NewMounter initialization failed for volume "${v.name}" : path "${v.local.path}" does not exist`;
    if (v.hostPath) {
      const path = String(v.hostPath.path);
      const type = String(v.hostPath.type ?? '');
      const fs = machine.rootFs;
      const st = fs.stat(path);
      try {
        if (type === 'DirectoryOrCreate' && !st) fs.mkdir(path, { recursive: true, mode: 0o755 });
        else if (type === 'FileOrCreate' && !st) {
          fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
          fs.writeFile(path, '', { mode: 0o644 });
        } else if (type === 'Directory' && st?.type !== 'dir') return `${prefix}hostPath type check failed: ${path} is not a directory`;
        else if (type === 'File' && st?.type !== 'file') return `${prefix}hostPath type check failed: ${path} is not a file`;
        else if (type === 'Socket' || type === 'CharDevice' || type === 'BlockDevice') {
          if (!st) return `${prefix}hostPath type check failed: ${path} is not a ${type === 'Socket' ? 'socket file' : type === 'CharDevice' ? 'character device' : 'block device'}`;
        } else if (!type && !st) fs.mkdir(path, { recursive: true, mode: 0o755 });
      } catch {
        // an unwritable path: leave it to the container
      }
    }
  }
  return undefined;
}
