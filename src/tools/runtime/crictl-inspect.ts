/**
 * `crictl inspect` (cri-tools v1.33.0 container.go containerStatus, marshalContainerStatus) against
 * containerd 1.7 (container_status.go): the status with its times in RFC 3339 (the start only
 * once started, the finish only once exited), the image as its first tag and its repo digest,
 * and, unless -q, containerd's ContainerInfo beside it; all keys sorted (outputStatusData).
 */
import type { CommandContext } from '../../shell/command';
import type { Container, ContainerRuntime } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';
import { noIdsGiven } from './crictl-app';
import { containerLabels, filterContainers, listingFlags } from './crictl-filters';
import { containerAnnotations, containerImage } from './crictl-cri-objects';
import { containerById, containerNotFound, criErrorLine, fatal, printStatusData, rfc3339Nano } from './crictl-rpc';
import { humanDuration, systemdCgroup } from './cri';
import { fnv32a } from '../../sim/controllers/machinery/hash';

/** The reason containerd gives an exited container that has none of its own. */
function reasonOf(c: Container): string {
  if (c.reason) return c.reason;
  return c.state === 'CONTAINER_EXITED' ? (c.exitCode === 0 ? 'Completed' : 'Error') : '';
}

function containerStatus(ctx: CommandContext, rt: ContainerRuntime | undefined, c: Container): Record<string, unknown> {
  const image = containerImage(rt, c);
  const tag = rt?.images.get(c.imageRef)?.ref.full ?? c.imageRef;
  return {
    id: c.id,
    metadata: { name: c.name, attempt: c.attempt },
    state: c.state,
    createdAt: rfc3339Nano(c.createdAt),
    startedAt: rfc3339Nano(c.state === 'CONTAINER_CREATED' ? undefined : c.startedAt),
    finishedAt: rfc3339Nano(c.state === 'CONTAINER_EXITED' ? c.finishedAt : undefined),
    exitCode: c.exitCode ?? 0,
    image: { image: tag, annotations: {}, userSpecifiedImage: '', runtimeHandler: '' },
    imageRef: image.repoDigest,
    reason: reasonOf(c),
    message: '',
    labels: containerLabels(c),
    annotations: containerAnnotations(ctx, c),
    mounts: [],
    logPath: `/var/log/pods/${c.namespace}_${c.podName}_${c.podUid}/${c.name}/${c.attempt}.log`,
    imageId: '',
    stopSignal: 'RUNTIME_DEFAULT',
  };
}

/** ContainerInfo (json.Marshal of its Go struct); the OCI runtime spec and the full container config are left out here. */
function containerInfo(ctx: CommandContext, rt: ContainerRuntime | undefined, c: Container): Record<string, unknown> {
  return {
    sandboxID: c.sandboxId,
    pid: c.state === 'CONTAINER_RUNNING' ? 1000 + (fnv32a(c.id) % 60000) : 0,
    removing: false,
    snapshotKey: c.id,
    snapshotter: 'overlayfs',
    runtimeType: 'io.containerd.runc.v2',
    runtimeOptions: systemdCgroup(ctx) ? { SystemdCgroup: true } : {},
    config: { metadata: { name: c.name, ...(c.attempt ? { attempt: c.attempt } : {}) }, image: { image: containerImage(rt, c).id, user_specified_image: c.image }, labels: containerLabels(c), annotations: containerAnnotations(ctx, c), log_path: `${c.name}/${c.attempt}.log` },
  };
}

/** outputContainerStatusTable. */
function statusTable(ctx: CommandContext, rt: ContainerRuntime | undefined, c: Container, verbose: boolean): string {
  const ago = (ms: number) => `${humanDuration(ctx.clock.now() - ms)} ago`;
  const sorted = (m: Record<string, string>) => Object.keys(m).sort().map((k) => `\t${k} -> ${m[k]}\n`).join('');
  let out = `ID: ${c.id}\nName: ${c.name}\n${c.attempt ? `Attempt: ${c.attempt}\n` : ''}State: ${c.state}\nCreated: ${ago(c.createdAt)}\n`;
  if (c.state !== 'CONTAINER_CREATED') out += `Started: ${ago(c.startedAt ?? c.createdAt)}\n`;
  if (c.state === 'CONTAINER_EXITED') out += `${c.finishedAt ? `Finished: ${ago(c.finishedAt)}\n` : ''}Exit Code: ${c.exitCode ?? 0}\n`;
  out += `Labels:\n${sorted(containerLabels(c))}Annotations:\n${sorted(containerAnnotations(ctx, c))}`;
  if (verbose) out += `Info: map[info:${JSON.stringify(containerInfo(ctx, rt, c))}]\n`;
  return out;
}

export function inspect(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  let ids = parsed.args;
  if (ids.length === 0) {
    const flags = listingFlags(parsed, 'ps');
    if ('error' in flags) return fatal(ctx, flags.error);
    ids = filterContainers(rt?.containers.values() ?? [], flags).map((c) => c.id);
  }
  if (ids.length === 0) return noIdsGiven(ctx, 'inspect');
  const verbose = parsed.values.get('quiet') !== true;
  const output = String(parsed.values.get('output') || 'json');
  const items: Record<string, unknown>[] = [];
  for (const id of ids) {
    const c = containerById(rt, id);
    if (!c) {
      criErrorLine(ctx, 'ContainerStatus from runtime service failed', containerNotFound(ctx, id), [['containerID', id]]);
      return fatal(ctx, `get the status of containers: get container status: ${containerNotFound(ctx, id)}`);
    }
    if (output === 'table') ctx.stdout.write(statusTable(ctx, rt, c, verbose));
    else items.push({ status: containerStatus(ctx, rt, c), ...(verbose ? { info: containerInfo(ctx, rt, c) } : {}) });
  }
  if (output === 'table') return 0;
  const error = printStatusData(ctx, items, output);
  return error ? fatal(ctx, `get the status of containers: ${error}`) : 0;
}
