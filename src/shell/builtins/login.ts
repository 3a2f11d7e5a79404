/**
 * Programs that start other shells: bash/sh, sudo, su, ssh and scp. They need the shell and its
 * session (to open a nested login shell on this or another machine of the world), so they are
 * session programs rather than plain programs.
 */
import type { CommandContext } from '../command';
import type { SessionProgram, Shell, ShellMode } from '../exec/interpreter';
import { FdTable } from '../exec/redirect';
import { KERNEL } from '../commands/lib/system';
import { readGroups, findUser, groupsOf } from '../../sim/machine/users';
import type { Machine } from '../../sim/machine/machine';
import { normalizePath } from '../../sim/machine/fs';
import { fsErrorText } from '../exec/redirect';
import type { ShellDialect } from '../exec/dialect';

function ioOf(ctx: CommandContext): FdTable {
  return FdTable.of(ctx.stdin, ctx.stdout, ctx.stderr);
}

/** bash / sh: -c, -s, script files, or a nested interactive shell on a terminal. */
export const bash: SessionProgram = async (ctx, shell) => {
  // sh is this machine's /bin/sh: dash, or busybox's ash in its images; dash is dash.
  const dialect: ShellDialect = /(^|\/)sh$/.test(ctx.argv[0]) ? shell.env.shDialect ?? 'dash' : /(^|\/)dash$/.test(ctx.argv[0]) ? 'dash' : 'bash';
  const args = ctx.argv.slice(1);
  let command: string | undefined;
  let fromStdin = false;
  let xtrace = false;
  let errexit = false;
  let login = false;
  let noexec = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--login') {
      login = true;
      continue;
    }
    if (a === '--norc' || a === '--noprofile' || a === '--posix') continue;
    if (a === '-o' && args[i + 1] !== undefined) {
      if (args[i + 1] === 'pipefail' || args[i + 1] === 'errexit') errexit = errexit || args[i + 1] === 'errexit';
      i++;
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'c') command = '';
      else if (f === 's') fromStdin = true;
      else if (f === 'x') xtrace = true;
      else if (f === 'e') errexit = true;
      else if (f === 'l') login = true;
      else if (f === 'n') noexec = true;
      else if ('iuvfhBCH'.includes(f)) continue;
      else {
        ctx.stderr.write(`${dialect === 'bash' ? 'bash' : 'sh'}: -${f}: invalid option\n`);
        return 2;
      }
    }
  }
  let rest = args.slice(i);
  let text: string;
  let mode: ShellMode;
  let scriptName: string | undefined;
  let arg0 = dialect === 'bash' ? 'bash' : 'sh';
  if (command !== undefined) {
    if (!rest.length) {
      ctx.stderr.write(`${arg0}: -c: option requires an argument\n`);
      return 2;
    }
    text = rest[0];
    mode = 'command';
    if (rest.length > 1) arg0 = rest[1];
    rest = rest.slice(2);
  } else if (!fromStdin && rest.length) {
    scriptName = rest[0];
    try {
      text = shell.fs.readFile(rest[0]);
    } catch (e) {
      ctx.stderr.write(`${arg0}: ${rest[0]}: ${fsErrorText(e)}\n`);
      return 127;
    }
    mode = 'script';
    arg0 = rest[0];
    rest = rest.slice(1);
  } else if (shell.env.host && ctx.stdin === shell.env.sessionInput) {
    // `bash` reading the session's own input: it takes over the following lines.
    const nested = shell.env.host.newShell({ machine: shell.env.machine, user: ctx.user.name, mode: ctx.isTTY ? 'interactive' : 'stdin', login, env: ctx.env, cwd: ctx.cwd, dialect });
    if (!nested) return 1;
    shell.env.host.pushShell(nested);
    return 0;
  } else {
    text = await ctx.stdin.readAll();
    mode = 'stdin';
  }
  const child = shell.childShell({ mode, scriptName, dialect }, ctx.env);
  // The new bash is the process ps lists for this command: `$$` in it is that pid.
  if (ctx.pid !== undefined) child.state.pid = ctx.pid;
  child.state.arg0 = arg0;
  child.state.positional = rest;
  child.state.options.xtrace = xtrace;
  child.state.options.errexit = errexit;
  if (noexec) return 0;
  return child.runProcess(text, ioOf(ctx));
};

/** Is the user allowed to use sudo (root, the sudo/admin group, or a sudoers line)? */
function maySudo(machine: Machine, user: string): boolean {
  if (user === 'root') return true;
  const fs = machine.fs.admin;
  const groups = readGroups(fs).filter((g) => g.members.includes(user) || g.gid === findUser(fs, user)?.gid).map((g) => g.name);
  const files = ['/etc/sudoers'];
  try {
    for (const f of fs.readdir('/etc/sudoers.d')) if (!f.includes('.') && !f.endsWith('~')) files.push(`/etc/sudoers.d/${f}`);
  } catch {
    // no drop-in directory
  }
  for (const f of files) {
    let text = '';
    try {
      text = fs.readFile(f);
    } catch {
      continue;
    }
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#') || line.startsWith('Defaults') || line.startsWith('@')) continue;
      const who = line.split(/\s+/)[0];
      if (who === user) return true;
      if (who.startsWith('%') && groups.includes(who.slice(1))) return true;
    }
  }
  return false;
}

const SUDO_USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user]
            [command]
usage: sudo [-ABbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-ABknS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            file ...
`;

const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin';

export const sudo: SessionProgram = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  let target = 'root';
  let loginShell = false;
  let plainShell = false;
  let preserveEnv = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-u' || a === '--user') {
      target = args[++i] ?? '';
      continue;
    }
    if (a.startsWith('--user=')) {
      target = a.slice(7);
      continue;
    }
    if (a === '-V' || a === '--version') {
      ctx.stdout.write('Sudo version 1.9.9\nSudoers policy plugin version 1.9.9\nSudoers file grammar version 48\nSudoers I/O plugin version 1.9.9\nSudoers audit plugin version 1.9.9\n');
      return 0;
    }
    if (a === '-h' || a === '--help') {
      ctx.stdout.write(`sudo - execute a command as another user\n\n${SUDO_USAGE}`);
      return 0;
    }
    for (const f of a.slice(1)) {
      if (f === 'i') loginShell = true;
      else if (f === 's') plainShell = true;
      else if (f === 'E') preserveEnv = true;
      else if ('nHSAkKbP'.includes(f)) continue;
      else if (f === 'u') target = args[++i] ?? '';
      else {
        ctx.stderr.write(`sudo: invalid option -- '${f}'\n${SUDO_USAGE}`);
        return 1;
      }
    }
  }
  // sudo VAR=value cmd: environment assignments before the command.
  const assigned: Record<string, string> = {};
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i])) {
    const eq = args[i].indexOf('=');
    assigned[args[i].slice(0, eq)] = args[i].slice(eq + 1);
    i++;
  }
  const rest = args.slice(i);
  if (!rest.length && !loginShell && !plainShell) {
    ctx.stderr.write(SUDO_USAGE);
    return 1;
  }
  const machine = shell.env.machine;
  if (!maySudo(machine, ctx.user.name)) {
    ctx.stderr.write(`[sudo] password for ${ctx.user.name}: \n${ctx.user.name} is not in the sudoers file.  This incident will be reported.\n`);
    return 1;
  }
  const host = shell.env.host;
  const resolved = machine.user(target);
  if (!resolved || !host) {
    ctx.stderr.write(`sudo: unknown user ${target}\nsudo: error initializing audit plugin sudoers_audit\n`);
    return 1;
  }
  markAdminSuccess(ctx, shell);
  const env: Record<string, string> = preserveEnv ? { ...ctx.env } : {};
  for (const k of ['TERM', 'LANG', 'LC_ALL', 'COLORTERM', 'DISPLAY', 'KUBECONFIG_PRESERVED']) if (ctx.env[k] !== undefined && !preserveEnv) env[k] = ctx.env[k];
  Object.assign(env, {
    PATH: SECURE_PATH,
    HOME: resolved.identity.home,
    USER: target,
    LOGNAME: target,
    SHELL: resolved.shell,
    MAIL: `/var/mail/${target}`,
    SUDO_USER: ctx.user.name,
    SUDO_UID: String(ctx.user.uid),
    SUDO_GID: String(ctx.user.gid),
    SUDO_COMMAND: rest.length ? rest.join(' ') : resolved.shell,
  });
  Object.assign(env, assigned);
  if (loginShell || plainShell) {
    const nested = host.newShell({ machine, user: target, mode: ctx.isTTY ? 'interactive' : 'stdin', login: loginShell, env, cwd: loginShell ? resolved.identity.home : ctx.cwd });
    if (!nested) return 1;
    if (rest.length) {
      nested.env.mode = 'command';
      return nested.runProcess(rest.join(' '), ioOf(ctx));
    }
    if (ctx.stdin !== shell.env.sessionInput) return nested.runProcess(await ctx.stdin.readAll(), ioOf(ctx));
    host.pushShell(nested);
    return 0;
  }
  const runner = host.newShell({ machine, user: target, mode: 'command', login: false, env, cwd: ctx.cwd, bare: true });
  if (!runner) return 1;
  // sudo runs programs, not shell builtins: look the command up on the secure path.
  const name = rest[0];
  const path = name.includes('/') ? name : runner.findOnPath(name);
  if (!path) {
    ctx.stderr.write(`sudo: ${name}: command not found\n`);
    return 1;
  }
  return runner.execFile(path, rest, ioOf(ctx), {});
};

export const su: SessionProgram = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  let login = false;
  let command: string | undefined;
  let user: string | undefined;
  let shellPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || a === '-l' || a === '--login') login = true;
    else if (a === '-c' || a === '--command') command = args[++i];
    else if (a.startsWith('--command=')) command = a.slice(10);
    else if (a === '-s' || a === '--shell') shellPath = args[++i];
    else if (a === '-m' || a === '-p') continue;
    else if (a.startsWith('-')) {
      ctx.stderr.write(`su: invalid option -- '${a.replace(/^-+/, '')[0]}'\nTry 'su --help' for more information.\n`);
      return 1;
    } else if (user === undefined) user = a;
  }
  void shellPath;
  const target = user ?? 'root';
  const machine = shell.env.machine;
  const resolved = machine.user(target);
  if (!resolved) {
    ctx.stderr.write(`su: user ${target} does not exist or the user entry does not contain all the required fields\n`);
    return 1;
  }
  if (ctx.user.uid !== 0) {
    // Ubuntu's root has no password; other users' passwords are not known here.
    ctx.stderr.write('Password: \nsu: Authentication failure\n');
    return 1;
  }
  const host = shell.env.host;
  if (!host) return 1;
  const env: Record<string, string> = login ? { TERM: ctx.env.TERM ?? 'xterm-256color' } : { ...ctx.env };
  Object.assign(env, { HOME: resolved.identity.home, SHELL: resolved.shell, USER: target, LOGNAME: target });
  const nested = host.newShell({ machine, user: target, mode: command !== undefined ? 'command' : ctx.isTTY ? 'interactive' : 'stdin', login, env, cwd: login ? resolved.identity.home : ctx.cwd });
  if (!nested) return 1;
  if (command !== undefined) return nested.runProcess(command, ioOf(ctx));
  if (ctx.stdin !== shell.env.sessionInput) return nested.runProcess(await ctx.stdin.readAll(), ioOf(ctx));
  host.pushShell(nested);
  return 0;
};

/** [user@]host of ssh and scp: resolves through /etc/hosts, then the world's name service. */
function resolveHost(shell: Shell, name: string): Machine | undefined {
  const host = shell.env.host;
  if (!host) return undefined;
  let target = name;
  try {
    for (const line of shell.env.machine.fs.admin.readFile('/etc/hosts').split('\n')) {
      const fields = line.replace(/#.*/, '').trim().split(/\s+/);
      if (fields.length > 1 && fields.slice(1).includes(name)) {
        target = fields[0];
        break;
      }
    }
  } catch {
    // no /etc/hosts
  }
  if (target === '127.0.0.1' || target === '127.0.1.1' || target === 'localhost') return shell.env.machine;
  return host.resolveMachine(target, shell.env.machine);
}

const SSH_USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]
           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]
           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]
           [-i identity_file] [-J [user@]host[:port]] [-L address]
           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]
           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]
           [-w local_tun[:remote_tun]] destination [command [argument ...]]
`;

export const ssh: SessionProgram = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  let login: string | undefined;
  let quiet = false;
  let forceTty = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) break;
    if (a === '-V') {
      ctx.stderr.write('OpenSSH_8.9p1 Ubuntu-3ubuntu0.10, OpenSSL 3.0.2 15 Mar 2022\n');
      return 0;
    }
    if (/^-[lioEFIJLmOpQRSWwbBcDe]$/.test(a)) {
      if (a === '-l') login = args[i + 1];
      i++;
      continue;
    }
    if (a.includes('q')) quiet = true;
    if (a.includes('t')) forceTty = true;
  }
  const dest = args[i];
  if (dest === undefined) {
    ctx.stderr.write(SSH_USAGE);
    return 255;
  }
  const at = dest.lastIndexOf('@');
  const user = at >= 0 ? dest.slice(0, at) : login ?? ctx.user.name;
  const hostName = at >= 0 ? dest.slice(at + 1) : dest;
  const remote = resolveHost(shell, hostName);
  if (!remote) {
    ctx.stderr.write(`ssh: Could not resolve hostname ${hostName}: Name or service not known\n`);
    return 255;
  }
  const host = shell.env.host!;
  const resolved = remote.user(user);
  if (!resolved) {
    ctx.stderr.write(`${user}@${hostName}: Permission denied (publickey).\n`);
    return 255;
  }
  const command = args.slice(i + 1).join(' ');
  const env: Record<string, string> = { TERM: ctx.env.TERM ?? 'xterm-256color', LANG: ctx.env.LANG ?? 'C.UTF-8' };
  if (command) {
    const nested = host.newShell({ machine: remote, user, mode: 'command', login: false, env, cwd: resolved.identity.home });
    if (!nested) return 255;
    return nested.runProcess(command, ioOf(ctx));
  }
  const interactive = ctx.isTTY || forceTty;
  const nested = host.newShell({ machine: remote, user, mode: interactive ? 'interactive' : 'stdin', login: true, env, cwd: resolved.identity.home });
  if (!nested) return 255;
  if (!interactive) {
    if (!quiet) ctx.stderr.write('Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n');
    if (ctx.stdin !== shell.env.sessionInput) return nested.runProcess(await ctx.stdin.readAll(), ioOf(ctx));
    host.pushShell(nested);
    return 0;
  }
  if (!quiet) ctx.stdout.write(motd(remote, shell.env.clock.date()));
  host.pushShell(nested, () => {
    if (!quiet) ctx.stderr.write(`Connection to ${hostName} closed.\n`);
  });
  return 0;
};

function motd(m: Machine, now: Date): string {
  const when = now.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_s, d, day, mon, y, t) => `${d} ${mon} ${String(day).padStart(2, ' ')} ${t} UTC ${y}`);
  return `Welcome to ${m.os.pretty} (GNU/Linux ${KERNEL.release} x86_64)

 * Documentation:  https://help.ubuntu.com
 * Management:     https://landscape.canonical.com
 * Support:        https://ubuntu.com/pro

 System information as of ${when}

Last login: ${when.replace(' UTC', '')} from 192.168.6.1
`;
}

/** scp [-r] [-q] SRC... DST where either side may be [user@]host:path. */
export const scp: SessionProgram = async (ctx, shell) => {
  const args = ctx.argv.slice(1);
  let recursive = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-') && a.length > 1) {
      if (a.includes('r')) recursive = true;
      if (/^-[iPoFlcSJ]$/.test(a)) i++;
      continue;
    }
    paths.push(a);
  }
  if (paths.length < 2) {
    ctx.stderr.write('usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]\n           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]\n           [-P port] [-S program] [-X sftp_option] source ... target\n');
    return 1;
  }
  type Loc = { machine: Machine; user: string; path: string; label: string };
  const parse = (spec: string): Loc | string => {
    const m = /^(?:([^@:/]+)@)?([^:/]+):(.*)$/.exec(spec);
    if (!m) return { machine: shell.env.machine, user: ctx.user.name, path: normalizePath(spec, ctx.cwd), label: spec };
    const machine = resolveHost(shell, m[2]);
    if (!machine) return `ssh: Could not resolve hostname ${m[2]}: Name or service not known\r\nscp: Connection closed\r\n`;
    const user = m[1] ?? ctx.user.name;
    const u = machine.user(user);
    if (!u) return `${user}@${m[2]}: Permission denied (publickey).\r\nscp: Connection closed\r\n`;
    return { machine, user, path: normalizePath(m[3] || '.', u.identity.home), label: spec };
  };
  const locs = paths.map(parse);
  for (const l of locs) {
    if (typeof l === 'string') {
      ctx.stderr.write(l);
      return 255;
    }
  }
  const [dst, ...srcs] = [locs[locs.length - 1] as Loc, ...(locs.slice(0, -1) as Loc[])];
  const view = (l: Loc) => {
    const u = l.machine.user(l.user)!;
    return l.machine.fs.view(u.creds, '/');
  };
  const dfs = view(dst);
  let status = 0;
  const copy = (sfs: ReturnType<typeof view>, from: string, to: string, label: string): void => {
    const st = sfs.stat(from);
    if (!st) {
      ctx.stderr.write(`scp: ${label}: No such file or directory\n`);
      status = 1;
      return;
    }
    if (st.type === 'dir') {
      if (!recursive) {
        ctx.stderr.write(`scp: ${label}: not a regular file\n`);
        status = 1;
        return;
      }
      if (!dfs.stat(to)) dfs.mkdir(to);
      for (const e of sfs.readdir(from)) copy(sfs, `${from}/${e}`, `${to}/${e}`, `${label}/${e}`);
      return;
    }
    const data = sfs.readFile(from);
    dfs.writeFile(to, data, { mode: st.mode });
    if (ctx.isTTY) {
      const name = from.split('/').pop()!;
      ctx.stdout.write(`${name.padEnd(40)}100% ${String(data.length).padStart(5)}     1.0MB/s   00:00    \n`);
    }
  };
  for (const s of srcs) {
    try {
      const sfs = view(s);
      const name = s.path.split('/').pop()!;
      const dstSt = dfs.stat(dst.path);
      const to = dstSt?.type === 'dir' ? `${dst.path}/${name}` : dst.path;
      copy(sfs, s.path, to, s.path);
    } catch (e) {
      ctx.stderr.write(`scp: ${s.label}: ${fsErrorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

/**
 * Ubuntu's sudo (admin_flag) leaves ~/.sudo_as_admin_successful after a member of group sudo or
 * admin uses it; /etc/bash.bashrc stops printing its hint once the file exists.
 */
function markAdminSuccess(ctx: CommandContext, shell: Shell): void {
  const fs = shell.env.machine.fs.admin;
  const me = findUser(fs, ctx.user.uid);
  if (!me || !groupsOf(fs, me).some((g) => g.name === 'sudo' || g.name === 'admin')) return;
  const flag = `${shell.env.user.identity.home}/.sudo_as_admin_successful`;
  try {
    if (!ctx.fs.stat(flag)) ctx.fs.writeFile(flag, '');
  } catch {
    // a home that cannot be written keeps the hint, as on a real system
  }
}
