/**
 * crictl's image commands that go beyond the listing (cri-tools v1.33.0 cmd/crictl/image.go) over
 * containerd 1.7's CRI image service (pkg/cri/server image_pull.go, image_status.go,
 * imagefs_info.go): `pull` stores the image as the kubelet's pulls do (it shows in `crictl
 * images`; an unknown one fails with the registry's answer), `inspecti` reads an image by
 * reference or (short) ID, `imagefsinfo` sums the image store.
 */
import type { CommandContext } from '../../shell/command';
import type { ContainerRuntime, StoredImage } from '../../sim/runtime/containerd';
import { lookupImage, normalizeImage } from '../../sim/runtime/images';
import { PAUSE_IMAGE } from '../../sim/kubelet/pod-worker';
import type { ParsedFlags } from './crictl-cli';
import { noIdsGiven, showSubcommandHelp } from './crictl-app';
import { logrusLine } from './crictl-log';
import { criErrorLine, criServer, exitWithErrors, fatal, printStatusData, rpcError, unixNanos } from './crictl-rpc';
import { humanSize } from './cri';

/** Where containerd's overlayfs snapshotter keeps the image layers (criService.imageFSPath). */
const IMAGE_FS = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs';
/** Docker's data root (cri-dockerd's dockerRootDir, from docker info). */
const DOCKER_ROOT = '/var/lib/docker';

/** `crictl pull NAME[:TAG|@DIGEST]`: PullImage, then the image's ID as containerd answers it. */
export function pull(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  // crictl-app.ts refused an empty name before the connection.
  const name = parsed.args[0];
  if (parsed.args.length > 1) {
    ctx.stdout.write(showSubcommandHelp('pull'));
    return 0;
  }
  const result = lookupImage(name);
  if (!result.ok || !rt) {
    const err = result.ok ? 'rpc error: code = Unavailable desc = no runtime' : criServer(ctx) === 'cri-dockerd' ? dockerPullError(name, result.message) : result.message;
    criErrorLine(ctx, 'PullImage from image service failed', err, [['image', name]]);
    return fatal(ctx, `pulling image: ${err}`);
  }
  rt.storeImage(result.image, ctx.clock.now());
  ctx.stdout.write(`Image is up to date for ${result.image.id}\n`);
  return 0;
}

/** Docker's familiar form of a repository (docker.io's library and registry left out), as its RepoTags hold it. */
function familiar(repository: string): string {
  return repository.replace(/^docker\.io\/(library\/)?/, '');
}

/**
 * An image's first RepoTag and RepoDigest as the CRI server reports them: containerd's full
 * references, Docker's familiar ones (`busybox:1.36`) through cri-dockerd.
 */
export function imageNames(ctx: CommandContext, img: StoredImage): { tag: string; digest: string } {
  const repo = criServer(ctx) === 'cri-dockerd' ? familiar(img.ref.repository) : img.ref.repository;
  return { tag: `${repo}:${img.ref.tag}`, digest: `${repo}@${img.digest}` };
}

/** Docker's answer to the same pull, which cri-dockerd passes on (Unknown), the reference in Docker's familiar form. */
function dockerPullError(name: string, containerdMessage: string): string {
  const ref = normalizeImage(name);
  const repo = familiar(ref.repository);
  const why = containerdMessage.includes('pull access denied')
    ? `pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`
    : `manifest for ${repo}:${ref.tag} not found: manifest unknown: manifest unknown`;
  return rpcError('Unknown', `Error response from daemon: ${why}`);
}

/**
 * containerd's localResolve: a reference (normalised as docker.ParseDockerRef does), else an
 * image ID or a unique prefix of one, with or without `sha256:`.
 */
export function resolveImage(rt: ContainerRuntime | undefined, refOrId: string): StoredImage | undefined {
  if (!rt || !refOrId) return undefined;
  const images = [...rt.images.values()];
  const byRef = images.find((i) => i.ref.full === normalizeImage(refOrId).full || `${i.ref.repository}@${i.digest}` === refOrId);
  if (byRef) return byRef;
  const hex = refOrId.replace(/^sha256:/, '');
  if (!/^[0-9a-f]+$/.test(hex)) return undefined;
  const found = images.filter((i) => i.id.replace(/^sha256:/, '').startsWith(hex));
  return found.length === 1 ? found[0] : undefined;
}

/** The sandbox image is pinned: the kubelet's image garbage collection never removes it. */
export function isPinned(img: StoredImage): boolean {
  return img.ref.full === PAUSE_IMAGE;
}

/**
 * toCRIImage as protojson writes it: the size (a uint64) as a string, no uid for an image without
 * a numeric user, no spec (containerd 1.7 sets none).
 */
export function imageStatus(ctx: CommandContext, img: StoredImage): Record<string, unknown> {
  const names = imageNames(ctx, img);
  return {
    id: img.id,
    repoTags: [names.tag],
    repoDigests: [names.digest],
    size: String(img.size),
    username: '',
    pinned: isPinned(img),
  };
}

/** verboseImageInfo: the layer chain's ID and the OCI image config (only its platform and root filesystem here). */
function imageInfo(img: StoredImage): Record<string, unknown> {
  const layer = `sha256:${img.digest.replace(/^sha256:/, '').split('').reverse().join('')}`;
  return {
    chainID: layer,
    imageSpec: { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer] } },
  };
}

/** `crictl inspecti [-o json|yaml|table] [-q] IMAGE…`; without one, every image. */
export function inspecti(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  let ids = parsed.args;
  // ListImages (the --name and --filter selections are not modelled: every image).
  if (ids.length === 0) ids = [...(rt?.images.values() ?? [])].map((i) => i.id);
  if (ids.length === 0) return noIdsGiven(ctx, 'inspecti');
  const verbose = parsed.values.get('quiet') !== true;
  const output = String(parsed.values.get('output') || 'json');
  const items: Record<string, unknown>[] = [];
  for (const id of ids) {
    // ImageStatus of an image containerd does not have is an empty answer, not an error.
    const img = resolveImage(rt, id);
    if (!img) return fatal(ctx, `no such image ${JSON.stringify(id)} present`);
    if (output === 'table') {
      const names = imageNames(ctx, img);
      ctx.stdout.write(`ID: ${img.id}\nTag: ${names.tag}\nDigest: ${names.digest}\nSize: ${humanSize(img.size, 3)}\n`);
      if (verbose) ctx.stdout.write(`Info: map[info:${JSON.stringify(imageInfo(img))}]\n`);
      continue;
    }
    items.push({ status: imageStatus(ctx, img), ...(verbose ? { info: imageInfo(img) } : {}) });
  }
  if (output === 'table') return 0;
  const error = printStatusData(ctx, items, output);
  return error ? fatal(ctx, error) : 0;
}

/** `crictl imagefsinfo [-o json|yaml|table]`: the snapshotter's usage (containerd reports no container filesystem). */
export function imagefsinfo(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const images = [...(rt?.images.values() ?? [])];
  // Unpacked layers take about twice their compressed size; a few hundred inodes a megabyte of them.
  const used = images.reduce((sum, i) => sum + i.size * 2, 0);
  const inodes = images.reduce((sum, i) => sum + Math.ceil(i.size / 40_000), 0);
  const timestamp = images.reduce((t, i) => Math.min(t, i.pulledAt || t), ctx.clock.now());
  const output = String(parsed.values.get('output') || 'json');
  // cri-dockerd (imagefs_linux.go): Docker's root, its images' size and the filesystem's used inodes,
  // then the containers' writable layers (no inode count), both stamped now.
  const docker = criServer(ctx) === 'cri-dockerd';
  const at = docker ? ctx.clock.now() : timestamp;
  const mount = docker ? DOCKER_ROOT : IMAGE_FS;
  const writable = docker ? [...(rt?.containers.values() ?? [])].filter((c) => c.state !== 'CONTAINER_EXITED').length * 4096 : 0;
  if (output === 'table') {
    const containerFs = docker ? `TimeStamp[0]: ${unixNanos(at)}\nDisk[0]: ${humanSize(writable)}\nInodes[0]: 0\nMountpoint[0]: ${mount}\n` : '';
    ctx.stdout.write(`Container Filesystem \n${containerFs}Image Filesystem \nTimeStamp[0]: ${unixNanos(at)}\nDisk[0]: ${humanSize(used)}\nInodes[0]: ${inodes}\nMountpoint[0]: ${mount}\n`);
    return 0;
  }
  const status = {
    imageFilesystems: [{ timestamp: unixNanos(at), fsId: { mountpoint: mount }, usedBytes: { value: String(used) }, inodesUsed: { value: String(inodes) } }],
    containerFilesystems: docker ? [{ timestamp: unixNanos(at), fsId: { mountpoint: mount }, usedBytes: { value: String(writable) } }] : [],
  };
  const error = printStatusData(ctx, [{ status }], output);
  return error ? fatal(ctx, error) : 0;
}

/**
 * `crictl rmi [-a] [-q] IMAGE…`: containerd removes an image whatever uses it (image_remove.go);
 * an image it lacks is reported, the others removed, every tag printed. -q (prune) keeps the
 * pinned images and those of any container.
 */
export function rmi(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const all = parsed.values.get('all') === true;
  const prune = parsed.values.get('prune') === true;
  const ids = new Map<string, boolean>(parsed.args.map((id) => [id, true]));
  if (all || prune) for (const img of rt?.images.values() ?? []) if (!(prune && isPinned(img))) ids.set(img.id, true);
  if (prune) for (const c of rt?.containers.values() ?? []) {
    const used = resolveImage(rt, rt?.images.get(c.imageRef)?.id ?? c.imageId);
    if (used) ids.set(used.id, false);
  }
  if (ids.size === 0) {
    if (all || prune) {
      ctx.stderr.write(logrusLine('INFO', 'No images to remove'));
      return 0;
    }
    ctx.stdout.write(showSubcommandHelp('rmi'));
    return 0;
  }
  const errors: string[] = [];
  for (const [id, remove] of ids) {
    if (!remove) continue;
    const img = resolveImage(rt, id);
    if (!img || !rt) {
      errors.push(`no such image ${id}`);
      continue;
    }
    rt.removeImage(img.ref.full);
    ctx.stdout.write(`Deleted: ${imageNames(ctx, img).tag}\n`);
  }
  return exitWithErrors(ctx, errors);
}
