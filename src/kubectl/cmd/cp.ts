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
  if (src) {
    if (src.path.startsWith('/')) inv.err("tar: Removing leading `/' from member names\n");
    const out = await exec(conn, src, container, ['cat', src.path]);
    if (out.exitCode !== 0) throw fail(`${src.path}: ${out.stderr.trim() || 'No such file or directory'}`);
    let target = args[1];
    if (inv.ctx.fs.stat(target)?.type === 'dir') target = `${target.replace(/\/$/, '')}/${src.path.split('/').pop()}`;
    inv.ctx.fs.writeFile(target, out.stdout);
    return 0;
  }
  let data: string;
  try {
    data = inv.ctx.fs.readFile(args[0]);
  } catch (e) {
    if (e instanceof FsError) throw fail(`${args[0]} doesn't exist in local filesystem`);
    throw e;
  }
  const out = await exec(conn, dst!, container, ['sh', '-c', `cat > '${dst!.path.replace(/'/g, "'\\''")}'`], data);
  if (out.exitCode !== 0) throw fail(out.stderr.trim() || 'command terminated with non-zero exit code');
  return 0;
}

register('cp', cp);
