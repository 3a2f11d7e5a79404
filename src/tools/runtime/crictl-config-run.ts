/**
 * crictl runp, create and run (cri-tools v1.33.0 sandbox.go, container.go): the pod and container
 * config files they read (util.go loadPodSandboxConfig, loadContainerConfig, openFile) and the
 * errors a misconfigured file gives, in the order the commands read them. A config that loads is
 * not run: a sandbox or container made outside the kubelet is not modelled.
 */
import { parseAllDocuments } from 'yaml';
import type { CommandContext } from '../../shell/command';
import type { ParsedFlags } from './crictl-cli';
import { fatal } from './crictl-rpc';

type Obj = Record<string, unknown>;

/** The config's metadata as the CRI types hold it (absent fields are zero values). */
type Loaded = { metadata: Obj } | { error: string };

/**
 * utilyaml.NewYAMLOrJSONDecoder(f).Decode: the first document of the file (YAML or JSON), or
 * io.EOF for a file without one. Undefined: a document these checks do not model (a type error).
 */
function decodeFirst(ctx: CommandContext, path: string): { value: unknown } | { error: string } | undefined {
  if (!ctx.fs.stat(path)) return { error: `config at ${path} not found` };
  const text = ctx.fs.readFile(path);
  const docs = parseAllDocuments(text);
  const first = Array.isArray(docs) ? docs.find((d) => d.contents !== null) : undefined;
  if (!first) return { error: 'EOF' };
  if (first.errors.length) return undefined;
  const value = first.toJS() as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return { value };
}

/** The loaded config, its error, or undefined when the file is of a shape not modelled. */
function load(ctx: CommandContext, path: string, check: (meta: Obj) => string | undefined): Loaded | undefined {
  const decoded = decodeFirst(ctx, path);
  if (!decoded || 'error' in decoded) return decoded;
  const meta = (decoded.value as Obj).metadata;
  if (meta === undefined || meta === null) return { error: 'metadata is not set' };
  if (typeof meta !== 'object' || Array.isArray(meta)) return undefined;
  for (const v of Object.values(meta as Obj)) if (v !== null && typeof v === 'object') return undefined;
  const error = check(meta as Obj);
  return error ? { error } : { metadata: meta as Obj };
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The gogo String() of the metadata types, as %q quotes it. */
const quoted = (s: string) => JSON.stringify(s);

function podConfig(ctx: CommandContext, path: string): Loaded | undefined {
  return load(ctx, path, (m) =>
    str(m.name) && str(m.namespace) && str(m.uid)
      ? undefined
      : `name, namespace or uid is not in metadata ${quoted(`&PodSandboxMetadata{Name:${str(m.name)},Uid:${str(m.uid)},Namespace:${str(m.namespace)},Attempt:${str(m.attempt) || 0},}`)}`,
  );
}

function containerConfig(ctx: CommandContext, path: string): Loaded | undefined {
  return load(ctx, path, (m) => (str(m.name) ? undefined : `name is not in metadata ${quoted(`&ContainerMetadata{Name:,Attempt:${str(m.attempt) || 0},}`)}`));
}

/** What crictl says when the files load: running them is not modelled. */
function notModelled(ctx: CommandContext, what: string): number {
  return fatal(ctx, `${what} from config files is not available in this simulated node`);
}

/** A file of a shape whose decoding error is not modelled. */
function unreadable(ctx: CommandContext, path: string): number {
  return fatal(ctx, `the config file ${path} is not of a shape this simulated crictl reads`);
}

/** `crictl runp POD-CONFIG`: "load podSandboxConfig: …". */
export function runp(ctx: CommandContext, parsed: ParsedFlags): number {
  const path = parsed.args[0];
  const pod = podConfig(ctx, path);
  if (!pod) return unreadable(ctx, path);
  if ('error' in pod) return fatal(ctx, `load podSandboxConfig: ${pod.error}`);
  return notModelled(ctx, 'running a pod sandbox');
}

/** `crictl create POD-ID CONTAINER-CONFIG POD-CONFIG`: the container's file first, then the pod's. */
export function create(ctx: CommandContext, parsed: ParsedFlags): number {
  const [, ctrPath, podPath] = parsed.args;
  const ctr = containerConfig(ctx, ctrPath);
  if (!ctr) return unreadable(ctx, ctrPath);
  if ('error' in ctr) return fatal(ctx, `creating container: ${ctr.error}`);
  if (podPath) {
    const pod = podConfig(ctx, podPath);
    if (!pod) return unreadable(ctx, podPath);
    if ('error' in pod) return fatal(ctx, `creating container: ${pod.error}`);
  }
  return notModelled(ctx, 'creating a container');
}

/** `crictl run CONTAINER-CONFIG POD-CONFIG`: the pod's file first (RunContainer), then the container's. */
export function run(ctx: CommandContext, parsed: ParsedFlags): number {
  const [, podPath] = parsed.args;
  const pod = podConfig(ctx, podPath);
  if (!pod) return unreadable(ctx, podPath);
  if ('error' in pod) return fatal(ctx, `running container: load podSandboxConfig: ${pod.error}`);
  // RunPodSandbox comes before the container's file is read: the sandbox is not modelled.
  return notModelled(ctx, 'running a container');
}
