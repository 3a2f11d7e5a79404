/**
 * Volume set-up before a pod's sandbox starts, with the kubelet's FailedMount texts: a claim that
 * cannot be used (claim-volumes.ts), a missing ConfigMap or Secret or one without an item's key
 * (unless optional; a projected volume's sources together), a hostPath
 * whose type check fails, a local volume whose path is missing. hostPath volumes of type
 * DirectoryOrCreate / FileOrCreate are created on the node, as the kubelet does.
 */
import type { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import type { Machine } from '../machine';
import { spec, type Obj } from '../controllers/machinery/objects';
import { claimedVolumes } from './claim-volumes';
import { aggregate } from '../go-errors';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

/**
 * Why a configMap or secret volume source cannot be written (SetUpAt, then MakePayload): the object
 * the kubelet's cache cannot find (`configmap "x" not found`: its group resource is "configmap"),
 * or an item's key it does not hold; both pass when the source is optional.
 */
function payloadError(client: ApiClient, ns: string | undefined, source: Obj): string | undefined {
  const cm = source.configMap as Obj | undefined;
  const secret = source.secret as Obj | undefined;
  const ref = cm ?? secret;
  if (!ref) return undefined;
  const name = String((cm ? ref.name : ref.secretName ?? ref.name) ?? '');
  const r = client.get(cm ? CONFIGMAPS : SECRETS, ns, name, { readOnly: true });
  if (r.code === 404) return ref.optional ? undefined : `${cm ? 'configmap' : 'secret'} "${name}" not found`;
  if (r.code !== 200) return undefined;
  const obj = r.body as Obj;
  const has = (key: string) => key in ((obj.data ?? {}) as Obj) || (!!cm && key in ((obj.binaryData ?? {}) as Obj));
  for (const item of (ref.items ?? []) as Obj[]) {
    if (has(String(item.key)) || ref.optional) continue;
    return cm ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`;
  }
  return undefined;
}

/** The first volume that cannot be set up, as the FailedMount event message; undefined when all are ready. */
export function setUpVolumes(client: ApiClient | undefined, pod: KubeObject, machine: Machine): string | undefined {
  const ns = pod.metadata?.namespace;
  const claimed = claimedVolumes(client, pod);
  if (typeof claimed === 'string') return claimed;
  // A claim's volume is mounted under the volume's own name (the PersistentVolume's).
  const persistent = claimed.map(({ pv }) => ({ name: pv.metadata!.name, ...spec(pv) }) as Obj);
  for (const v of [...((spec(pod).volumes ?? []) as Obj[]), ...persistent]) {
    const prefix = `MountVolume.SetUp failed for volume "${v.name}" : `;
    if (client && (v.configMap || v.secret || v.projected)) {
      const sources: Obj[] = v.projected ? ((v.projected.sources ?? []) as Obj[]) : [v];
      const errs = sources.flatMap((source) => payloadError(client, ns, source) ?? []);
      // The projected plugin gathers every source's error (utilerrors.NewAggregate).
      if (errs.length) return `${prefix}${aggregate(errs)}`;
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
