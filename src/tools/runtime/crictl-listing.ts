/**
 * crictl's listings (cri-tools v1.33.0): `ps` (container.go OutputContainers), `pods`
 * (sandbox.go OutputPodSandboxes) and `images` (image.go). Each prints a table (text/tabwriter,
 * min width 20, padding 3), the IDs alone (-q), a block per item (-v), or the CRI answer as
 * protojson or YAML (-o json|yaml; any other format is refused after the call).
 */
import type { CommandContext } from '../../shell/command';
import type { Container, ContainerRuntime, Sandbox, StoredImage } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';
import { crictlTable, humanDuration, humanSize } from './cri';
import { filterContainers, filterSandboxes, listingFlags } from './crictl-filters';
import { containerImage, criContainer, criSandbox, printProto } from './crictl-cri-objects';
import { imageNames, imageStatus, isPinned, resolveImage } from './crictl-images';
import { criServer, fatal } from './crictl-rpc';
import { normalizeImage } from '../../sim/runtime/images';

/** getTruncatedID: 13 characters, after a `sha256:` prefix. */
function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 13);
}

function ago(ctx: CommandContext, at: number): string {
  return `${humanDuration(ctx.clock.now() - at)} ago`;
}

/** Go's time.Time String() of a time.Unix value in UTC: `2026-01-15 08:02:30.4 +0000 UTC`. */
function goTimeString(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, (_m, f: string) => `${f === '000' ? '' : `.${f.replace(/0+$/, '')}`} +0000 UTC`);
}

function sortedMap(title: string, m: Record<string, string>): string {
  return `${title}:\n${Object.keys(m).sort().map((k) => `\t${k} -> ${m[k]}\n`).join('')}`;
}

/** The -o value: table (the default), json or yaml; the error OutputContainers returns for another. */
function outputOf(parsed: ParsedFlags): string {
  return String(parsed.values.get('output') ?? 'table');
}

function stateName(c: Container): string {
  return c.state === 'CONTAINER_RUNNING' ? 'Running' : c.state === 'CONTAINER_EXITED' ? 'Exited' : 'Created';
}

/** --image: the containers whose image has the same ID as the named one (matchesImage; an unknown image matches none). */
export function imageMatcher(rt: ContainerRuntime | undefined, parsed: ParsedFlags): (c: Container) => boolean {
  const name = parsed.set.has('image') ? String(parsed.values.get('image') ?? '') : '';
  if (!name) return () => true;
  const wanted = resolveImage(rt, name);
  return (c) => !!wanted && containerImage(rt, c).id === wanted.id;
}

/** `crictl ps`. */
export function ps(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const flags = listingFlags(parsed, 'ps');
  if ('error' in flags) return fatal(ctx, flags.error);
  const containers = filterContainers([...(rt?.containers.values() ?? [])].filter(imageMatcher(rt, parsed)), flags);
  const output = outputOf(parsed);
  if (output === 'json' || output === 'yaml') {
    printProto(ctx, { containers: containers.map((c) => criContainer(ctx, rt, c)) }, output);
    return 0;
  }
  if (output !== 'table') return fatal(ctx, `list containers: unsupported output format ${JSON.stringify(output)}`);
  const verbose = parsed.values.get('verbose') === true;
  const id = (full: string) => (flags.noTrunc ? full : shortId(full));
  // cri-tools 1.32 added NAMESPACE (the pod's, from the container's labels), last.
  const rows = verbose || flags.quiet ? [] : [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
  for (const c of containers) {
    if (flags.quiet) {
      ctx.stdout.write(`${c.id}\n`);
      continue;
    }
    const image = containerImage(rt, c);
    if (verbose) {
      const o = criContainer(ctx, rt, c);
      ctx.stdout.write(`ID: ${c.id}\nPodID: ${c.sandboxId}\nNamespace: ${c.namespace}\nName: ${c.name}\nAttempt: ${c.attempt}\nState: ${stateName(c)}\nImage: ${image.id}\nCreated: ${ago(ctx, c.createdAt)}\n`);
      ctx.stdout.write(`${sortedMap('Labels', o.labels as Record<string, string>)}${sortedMap('Annotations', o.annotations as Record<string, string>)}\n`);
      continue;
    }
    // IMAGE is the image ID (the config digest); -r resolves it to the image's first tag.
    const imageCell = parsed.values.get('resolve-image-path') === true ? (imageOf(rt, image.id, (i) => imageNames(ctx, i).tag) ?? image.id) : id(image.id);
    rows.push([id(c.id), imageCell, ago(ctx, c.createdAt), stateName(c), c.name, String(c.attempt), id(c.sandboxId), c.podName, c.namespace]);
  }
  if (rows.length) ctx.stdout.write(crictlTable(rows));
  return 0;
}

/** `crictl pods`. */
export function pods(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const flags = listingFlags(parsed, 'pods');
  if ('error' in flags) return fatal(ctx, flags.error);
  const sandboxes = filterSandboxes(rt?.sandboxes.values() ?? [], flags);
  const output = outputOf(parsed);
  if (output === 'json' || output === 'yaml') {
    printProto(ctx, { items: sandboxes.map((s) => criSandbox(ctx, s)) }, output);
    return 0;
  }
  if (output !== 'table') return fatal(ctx, `list pod sandboxes: unsupported output format ${JSON.stringify(output)}`);
  const verbose = parsed.values.get('verbose') === true;
  const rows = verbose || flags.quiet ? [] : [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  const state = (s: Sandbox) => (s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady');
  for (const s of sandboxes) {
    if (flags.quiet) {
      ctx.stdout.write(`${s.id}\n`);
      continue;
    }
    if (verbose) {
      const o = criSandbox(ctx, s);
      ctx.stdout.write(`ID: ${s.id}\nName: ${s.podName}\nUID: ${s.podUid}\nNamespace: ${s.namespace}\n${s.attempt ? `Attempt: ${s.attempt}\n` : ''}Status: ${state(s)}\nCreated: ${goTimeString(s.createdAt)}\n`);
      ctx.stdout.write(`${sortedMap('Labels', o.labels as Record<string, string>)}${sortedMap('Annotations', o.annotations as Record<string, string>)}Runtime: (default)\n\n`);
      continue;
    }
    rows.push([flags.noTrunc ? s.id : shortId(s.id), ago(ctx, s.createdAt), state(s), s.podName, s.namespace, String(s.attempt), '(default)']);
  }
  if (rows.length) ctx.stdout.write(crictlTable(rows));
  return 0;
}

function imageOf<T>(rt: ContainerRuntime | undefined, id: string, f: (img: StoredImage) => T): T | undefined {
  const img = resolveImage(rt, id);
  return img ? f(img) : undefined;
}

/**
 * `crictl images [REPOSITORY[:TAG]]`: containerd 1.7's ListImages ignores the filter it is given
 * (image_list.go), so the argument selects nothing there; cri-dockerd hands it to Docker as a
 * reference filter (core/image.go). Sorted by first tag (imageByRef).
 */
export function images(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const wanted = parsed.args[0] && criServer(ctx) === 'cri-dockerd' ? normalizeImage(parsed.args[0]) : undefined;
  // Docker's reference filter: the repository, and the tag when one is given.
  const explicitTag = !!parsed.args[0] && parsed.args[0].lastIndexOf(':') > parsed.args[0].lastIndexOf('/');
  const selected = (i: StoredImage) => !wanted || (i.ref.repository === wanted.repository && (!explicitTag || i.ref.tag === wanted.tag));
  const tagOf = (i: StoredImage) => imageNames(ctx, i).tag;
  const list = [...(rt?.images.values() ?? [])].filter(selected).sort((a, b) => (tagOf(a) < tagOf(b) ? -1 : tagOf(a) > tagOf(b) ? 1 : 0));
  const output = String(parsed.values.get('output') ?? '');
  if (output === 'json' || output === 'yaml') {
    printProto(ctx, { images: list.map((i) => imageStatus(ctx, i)) }, output);
    return 0;
  }
  const flag = (name: string) => parsed.values.get(name) === true;
  const [verbose, quiet, digests, showPinned, noTrunc] = ['verbose', 'quiet', 'digests', 'pinned', 'no-trunc'].map(flag);
  const cut = (id: string) => (noTrunc ? id : shortId(id));
  const rows: string[][] = verbose || quiet ? [] : [['IMAGE', 'TAG', ...(digests ? ['DIGEST'] : []), 'IMAGE ID', 'SIZE', ...(showPinned ? ['PINNED'] : [])]];
  for (const img of list) {
    if (quiet) {
      ctx.stdout.write(`${img.id}\n`);
      continue;
    }
    if (verbose) {
      const names = imageNames(ctx, img);
      ctx.stdout.write(`ID: ${img.id}\nRepoTags: ${names.tag}\nRepoDigests: ${names.digest}\nSize: ${img.size}\n${isPinned(img) ? 'Pinned: true\n' : ''}\n`);
      continue;
    }
    // HumanSizeWithPrecision(size, 3).
    const tag = imageNames(ctx, img).tag;
    rows.push([tag.slice(0, tag.lastIndexOf(':')), img.ref.tag, ...(digests ? [cut(img.digest)] : []), cut(img.id), humanSize(img.size, 3), ...(showPinned ? [String(isPinned(img))] : [])]);
  }
  if (rows.length) ctx.stdout.write(crictlTable(rows));
  return 0;
}
