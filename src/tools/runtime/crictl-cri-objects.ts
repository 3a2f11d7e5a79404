/**
 * The CRI messages crictl prints (k8s.io/cri-api v1 as cri-tools v1.33 vendors it), built from the
 * runtime model: Container and PodSandbox as ListContainers and ListPodSandbox answer them, in
 * the proto's field order, with protojson's defaults emitted (EmitDefaultValues: empty strings,
 * lists and maps; int64 times as strings of nanoseconds). What the kubelet put in them (labels,
 * annotations, the image spec) follows kuberuntime's labels and container config.
 */
import type { CommandContext } from '../../shell/command';
import type { Container, ContainerRuntime, Sandbox } from '../../sim/runtime/containerd';
import { fnv32a } from '../../sim/controllers/machinery/hash';
import { containerLabels, sandboxLabels } from './crictl-filters';
import { fileSourceAnnotations } from '../../sim/kubelet/static-pods';
import { kubeletOf, unixNanos } from './crictl-rpc';
import { goJsonIndent, goJson } from '../../sim/go-json';
import { toYaml } from '../../sim/go-yaml/emit';

/** The image a container runs: its ID (the config digest) and the repo digest containerd resolved. */
export function containerImage(rt: ContainerRuntime | undefined, c: Container): { id: string; repoDigest: string } {
  const img = rt?.images.get(c.imageRef) ?? rt?.images.get(c.imageId);
  return { id: img?.id ?? c.imageId, repoDigest: img ? `${img.ref.repository}@${img.digest}` : c.imageRef };
}

/** kuberuntime's container annotations (labels.go newContainerAnnotations), from the pod the kubelet runs. */
export function containerAnnotations(ctx: CommandContext, c: Container): Record<string, string> {
  const worker = kubeletOf(ctx)?.podWorkers.find((w) => w.uid === c.podUid);
  const cs = worker?.containers.find((x) => x.name === c.name);
  const spec = (cs?.spec ?? {}) as Record<string, unknown>;
  const grace = (worker?.pod.spec as Record<string, unknown> | undefined)?.terminationGracePeriodSeconds;
  return {
    'io.kubernetes.container.hash': fnv32a(goJson(spec)).toString(16),
    'io.kubernetes.container.restartCount': String(c.attempt),
    'io.kubernetes.container.terminationMessagePath': String(spec.terminationMessagePath ?? '/dev/termination-log'),
    'io.kubernetes.container.terminationMessagePolicy': String(spec.terminationMessagePolicy ?? 'File'),
    'io.kubernetes.pod.terminationGracePeriod': String(grace ?? 30),
  };
}

/**
 * The pod's annotations as the kubelet gave them to RunPodSandbox: its own, and those its config
 * source adds (where it read the pod from and when; a static pod's hash).
 */
export function podAnnotations(ctx: CommandContext, sb: Sandbox): Record<string, string> {
  const worker = kubeletOf(ctx)?.podWorkers.find((w) => w.uid === sb.podUid);
  const own = (worker?.pod.metadata?.annotations as Record<string, string> | undefined) ?? {};
  const source = worker?.isStatic ? fileSourceAnnotations(sb.podUid, sb.createdAt) : { 'kubernetes.io/config.seen': fileSourceAnnotations('', sb.createdAt)['kubernetes.io/config.seen'], 'kubernetes.io/config.source': 'api' };
  return { ...source, ...own };
}

/** runtime.Container as ListContainers answers it. */
export function criContainer(ctx: CommandContext, rt: ContainerRuntime | undefined, c: Container): Record<string, unknown> {
  const image = containerImage(rt, c);
  return {
    id: c.id,
    podSandboxId: c.sandboxId,
    metadata: { name: c.name, attempt: c.attempt },
    image: { image: image.id, annotations: {}, userSpecifiedImage: c.image, runtimeHandler: '' },
    imageRef: image.repoDigest,
    state: c.state,
    createdAt: unixNanos(c.createdAt),
    labels: containerLabels(c),
    annotations: containerAnnotations(ctx, c),
    imageId: '',
  };
}

/** runtime.PodSandbox as ListPodSandbox answers it. */
export function criSandbox(ctx: CommandContext, s: Sandbox): Record<string, unknown> {
  return {
    id: s.id,
    metadata: { name: s.podName, uid: s.podUid, namespace: s.namespace, attempt: s.attempt },
    state: s.state,
    createdAt: unixNanos(s.createdAt),
    labels: sandboxLabels(s),
    annotations: podAnnotations(ctx, s),
    runtimeHandler: '',
  };
}

/**
 * outputProtobufObjAsJSON / AsYAML (util.go): protojson indented by two spaces in field order, or
 * that JSON through sigs.k8s.io/yaml (keys sorted); fmt.Println ends either with a line break.
 */
export function printProto(ctx: CommandContext, message: Record<string, unknown>, format: 'json' | 'yaml'): void {
  ctx.stdout.write(format === 'json' ? `${goJsonIndent(message, '  ')}\n` : `${toYaml(message)}\n`);
}
