/**
 * chroot in a container: busybox's applet (busybox, alpine) or coreutils' (Debian-based images).
 *
 * The root a container can usefully enter is its node's, which a node-debugging Pod
 * (`kubectl debug node/NAME`) mounts at /host: `chroot /host` then runs the node's own shell and
 * programs (systemctl, journalctl, crictl, the kubelet's files) with the Pod's environment, as on
 * the node itself (the Pod shares the node's network, PID and IPC namespaces). Any other directory
 * holds no programs of this simulation and fails as a root without the program does.
 */
import type { OutputStream, Program } from '../../shell/command';
import { Session } from '../../shell/session';
import { hostShellOf } from './host-shells';
import { SHELLS } from '../runtime/behaviour';
import { shellQuote } from '../../shell/exec/interpreter';
import { searchPath } from '../../shell/exec/path-search';
import type { BufferedInput } from '../../shell/exec/streams';
import type { Machine } from '../machine/machine';
import type { FsView } from '../machine/fs';
import { findUser } from '../machine/users';

export type ChrootFlavour = 'busybox' | 'coreutils';

const BUSYBOX_USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n';

/** How each chroot words its failures, and its exit statuses (busybox dies with 1; coreutils' EXIT_CANCELED is 125). */
const WORDING: Record<ChrootFlavour, { noRoot: string; noProgram: string; failed: number }> = {
  busybox: { noRoot: "can't change root directory to", noProgram: "can't execute", failed: 1 },
  coreutils: { noRoot: 'cannot change root directory to', noProgram: 'failed to run command', failed: 125 },
};

export interface ChrootSetting {
  flavour: ChrootFlavour;
  /** The container's root filesystem (as root), where NEWROOT is looked up. */
  rootFs: FsView;
  /** The node the container runs on (its root is what a hostPath of `/` mounts). */
  node?: Machine;
  /** The input the container's shell reads its lines from: an interactive shell in the new root takes it over. */
  input: BufferedInput;
  /** Run a shell session on the terminal until it exits (the container's own prompt loop). */
  interact(session: Session, input: BufferedInput, stdout: OutputStream): Promise<number>;
  /** Run `fn` with the container shell's own wording of errors off: the node's shell words its own (`bash: …`). */
  verbatim<T>(fn: () => Promise<T>): Promise<T>;
}

export function chrootProgram(setting: ChrootSetting): Program {
  const words = WORDING[setting.flavour];
  return async (p) => {
    const args = p.argv.slice(1);
    if (setting.flavour === 'coreutils' && args[0] === '--') args.shift();
    if (!args.length) {
      if (setting.flavour === 'busybox') p.stderr.write(BUSYBOX_USAGE);
      else p.stderr.write("chroot: missing operand\nTry 'chroot --help' for more information.\n");
      return words.failed;
    }
    const newRoot = args[0];
    const abs = p.fs.resolve(newRoot);
    const target = setting.rootFs.inode(abs);
    if (!target || target.type !== 'dir') {
      p.stderr.write(`chroot: ${words.noRoot} '${newRoot}': ${target ? 'Not a directory' : 'No such file or directory'}\n`);
      return words.failed;
    }
    const host = setting.node && target === setting.node.rootFs.inode('/') ? hostShellOf(setting.node) : undefined;
    const env = p.env;
    // No command: the user's shell, interactive. busybox asks $SHELL, then the passwd entry it
    // reads once inside the new root; coreutils $SHELL, then /bin/sh.
    const argv = args.length > 1 ? args.slice(1) : [env.SHELL || (setting.flavour === 'busybox' && host ? rootShell(host.machine) : '') || '/bin/sh', '-i'];
    const program = argv[0];
    const nodeFs = host?.machine.rootFs;
    if (!nodeFs || !searchPath(program, env.PATH ?? '', (c) => nodeFs.stat(c)?.type === 'file' && nodeFs.canExecute(c))) {
      p.stderr.write(`chroot: ${words.noProgram} '${program}': No such file or directory\n`);
      return 127;
    }
    const base = program.replace(/^.*\//, '');
    const shellOnly = SHELLS.has(base) && argv.slice(1).every((a) => a === '-i');
    const interactive = shellOnly && p.isTTY;
    const session = new Session({
      world: host.world,
      programs: host.programs,
      machine: host.machine,
      user: 'root',
      mode: interactive ? 'interactive' : 'stdin',
      login: false,
      dialect: base === 'bash' ? 'bash' : 'dash',
      relogin: false,
      stdout: p.stdout,
      stderr: p.stderr,
      stdin: setting.input,
      cwd: '/',
      env,
    });
    p.signal.addEventListener('abort', () => session.interrupt(), { once: true });
    return setting.verbatim(async () => {
      if (interactive) return setting.interact(session, setting.input, p.stdout);
      if (shellOnly) return runLines(session, setting.input);
      await session.feed(`${argv.map(shellQuote).join(' ')}\n`);
      return session.finish();
    });
  };
}

/**
 * A shell without a terminal: it runs the lines of its input as they come, taking one line at a
 * time as bash does from a pipe, so that a program it starts (a chroot's shell) reads the rest.
 */
export async function runLines(session: Session, input: BufferedInput): Promise<number> {
  while (!session.closed) {
    // A line is taken only while the shell is still there to read it.
    const l = await input.readLine();
    if (l === null) break;
    await session.feed(l.terminated ? `${l.line}\n` : l.line);
  }
  return session.finish();
}

/** root's login shell in the machine's /etc/passwd. */
function rootShell(machine: Machine): string | undefined {
  return findUser(machine.rootFs, 0)?.shell || undefined;
}
