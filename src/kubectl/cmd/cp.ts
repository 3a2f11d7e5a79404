/**
 * kubectl cp: files into and out of a container through exec, as kubectl does with tar (and with
 * tar's message when the path in the container is absolute).
 */
import { FsError } from '../../shell/command';
import { requestExec, textInput, type ExecAnswer } from '../client/exec';
import { connect, namespaceOf, type Connection } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { tarDecode, tarEncode, type TarEntry } from '../../shell/commands/lib/archive';
import { errorText } from '../../shell/commands/lib/io';
import { goQuote } from '../../sim/go-quote';

interface Remote {
  namespace: string;
  pod: string;
  path: string;
}

function parseSpec(spec: string, defaultNs: string): Remote | undefined {
  const colon = spec.indexOf(':');
  if (colon <= 0) return undefined;
  const ref = spec.slice(0, colon);
  const [ns, pod] = ref.includes('/') ? ref.split('/', 2) : [defaultNs, ref];
  return { namespace: ns, pod, path: spec.slice(colon + 1) };
}

/** Runs a command in the container (streaming it when the kubelet can, as `kubectl exec -i` does). */
async function exec(conn: Connection, r: Remote, container: string | undefined, command: string[], stdin?: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const res = requestExec(conn, { namespace: r.namespace, pod: r.pod, container }, command, { stdin });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  const body = res.body as ExecAnswer;
  if (typeof body.run !== 'function') return body;
  let stdout = '';
  let stderr = '';
  const exitCode = await body.run({
    stdin: stdin !== undefined ? textInput(stdin) : undefined,
    stdout: { write: (s: string) => void (stdout += s) },
    stderr: { write: (s: string) => void (stderr += s) },
    tty: false,
  });
  return { stdout, stderr, exitCode };
}

async function cp(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length !== 2) throw usageError('cp', 'source and destination are required');
  const ns = namespaceOf(inv);
  const src = parseSpec(args[0], ns);
  const dst = parseSpec(args[1], ns);
  const container = inv.flags.str('container') || undefined;
  if (src && dst) throw fail('one of src or dest must be a local file specification');
  if (!src && !dst) throw fail('one of src or dest must be a remote file specification');
  const conn = connect(inv);
  if (src) return copyFromPod(inv, conn, src, container, args[1]);
  return copyToPod(inv, conn, args[0], dst!, container);
}

/**
 * copyToPod: the local path made into a tar stream here (makeTar: files, symlinks and empty
 * directories, named under the destination's base), then `tar -xmf - -C DIR` in the container; a
 * destination that is a directory there (`test -d`) receives the source under its own name.
 */
async function copyToPod(inv: Invocation, conn: Connection, source: string, dst: Remote, container: string | undefined): Promise<number> {
  const fs = inv.ctx.fs;
  if (!fs.stat(source)) throw fail(`${source} doesn't exist in local filesystem`);
  const srcPath = goClean(source);
  let destPath = goClean(dst.path);
  const isDir = await exec(conn, dst, container, ['test', '-d', dst.path]).then((r) => r.exitCode === 0, () => false);
  if (isDir) destPath = goClean(`${destPath}/${baseOf(srcPath)}`);
  const entries: TarEntry[] = [];
  const add = (local: string, name: string) => {
    const st = fs.lstat(local);
    if (!st) return;
    const head = { name, mode: st.mode, uid: st.uid, gid: st.gid, mtimeMs: st.mtimeMs };
    if (st.type === 'dir') {
      const children = fs.readdir(local);
      if (!children.length) entries.push({ ...head, type: 'dir' });
      for (const child of children) add(`${local}/${child}`, `${name}/${child}`);
    } else if (st.type === 'symlink') entries.push({ ...head, type: 'symlink', target: st.target });
    else entries.push({ ...head, type: 'file', data: fs.readFile(local) });
  };
  add(srcPath, baseOf(destPath));
  const slash = destPath.lastIndexOf('/');
  const destDir = slash < 0 ? '.' : destPath.slice(0, slash) || '/';
  const out = await exec(conn, dst, container, ['tar', '-xmf', '-', '-C', destDir], tarEncode(entries));
  if (out.stdout) inv.out(out.stdout);
  if (out.stderr) inv.err(out.stderr);
  if (out.exitCode !== 0) {
    inv.err(`command terminated with exit code ${out.exitCode}\n`);
    return out.exitCode;
  }
  return 0;
}

function baseOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

/**
 * copyFromPod: `tar cf - PATH` in the container, its messages on kubectl's standard output (the
 * tar pipe's ErrOut is o.Out), then untarAll: each entry below the source's prefix written under
 * the destination, directories made, symlinks skipped with a warning. The exec's non-zero exit
 * ends kubectl as CheckErr does (`command terminated with exit code N`, that code).
 */
async function copyFromPod(inv: Invocation, conn: Connection, src: Remote, container: string | undefined, dest: string): Promise<number> {
  const out = await exec(conn, src, container, ['tar', 'cf', '-', src.path]);
  if (out.stderr) inv.out(out.stderr);
  const entries = out.stdout ? (tarDecode(out.stdout) ?? []) : [];
  const prefix = stripPathShortcuts(goClean(src.path.replace(/^\/+/, '')));
  const base = goClean(dest);
  let symlinkWarned = false;
  for (const entry of entries) {
    if (!entry.name.startsWith(prefix)) throw fail('tar contents corrupted');
    const rest = entry.name.slice(prefix.length).replace(/\/+$/, '');
    const target = goClean(`${dest}/${rest}`);
    if (target !== base && !target.startsWith(base === '/' ? '/' : `${base}/`)) {
      inv.err(`warning: file ${goQuote(target)} is outside target destination, skipping\n`);
      continue;
    }
    try {
      const slash = target.lastIndexOf('/');
      inv.ctx.fs.mkdir(slash < 0 ? '.' : target.slice(0, slash) || '/', { recursive: true, mode: 0o755 });
      if (entry.type === 'dir') {
        inv.ctx.fs.mkdir(target, { recursive: true, mode: 0o755 });
        continue;
      }
      if (entry.type === 'symlink') {
        const hint = symlinkWarned ? '' : ` (consider using "kubectl exec -n ${goQuote(src.namespace)} ${goQuote(src.pod)} -- tar cf - ${goQuote(src.path)} | tar xf -")`;
        symlinkWarned = true;
        inv.err(`warning: skipping symlink: ${goQuote(target)} -> ${goQuote(entry.target ?? '')}${hint}\n`);
        continue;
      }
      if (inv.ctx.fs.stat(target)?.type === 'dir') throw new FsError('EISDIR', target);
      inv.ctx.fs.writeFile(target, entry.data ?? '');
    } catch (e) {
      if (e instanceof FsError) throw fail(`open ${target}: ${errorText(e).toLowerCase()}`);
      throw e;
    }
  }
  if (out.exitCode !== 0) {
    inv.err(`command terminated with exit code ${out.exitCode}\n`);
    return out.exitCode;
  }
  return 0;
}

/** Go's path.Clean: one slash between elements, no "." elements, ".." taking the element before it. */
function goClean(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** Leading "../" and a lone "." or ".." removed, then one leading slash (cp's stripPathShortcuts). */
function stripPathShortcuts(p: string): string {
  let path = p;
  while (path.startsWith('../')) path = path.slice(3);
  if (path === '.' || path === '..') path = '';
  return path.startsWith('/') ? path.slice(1) : path;
}

register('cp', cp);
