/**
 * Account tools of the shadow suite: useradd, usermod, userdel, groupadd. They edit /etc/passwd,
 * /etc/shadow, /etc/group and /etc/gshadow through the process's FileAccess, so only root can
 * (others get shadow's lock error), and `useradd -m` copies /etc/skel. Texts and exit codes as
 * shadow-utils prints them (checked against the real useradd with `-P PREFIX`).
 */
import type { CommandContext, FileAccess, Program } from '../command';

interface Account {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

interface Group {
  name: string;
  gid: number;
  members: string[];
}

const NAME = /^[a-z_][a-z0-9_-]*[$]?$/;
const UID_MIN = 1000;

function lines(fs: FileAccess, path: string): string[] {
  try {
    return fs.readFile(path).split('\n').filter((l) => l !== '');
  } catch {
    return [];
  }
}

function readAccounts(fs: FileAccess): Account[] {
  return lines(fs, '/etc/passwd').map((l) => {
    const [name, , uid, gid, gecos = '', home = '', shell = ''] = l.split(':');
    return { name, uid: Number(uid), gid: Number(gid), gecos, home, shell };
  });
}

function readGroups(fs: FileAccess): Group[] {
  return lines(fs, '/etc/group').map((l) => {
    const [name, , gid, members = ''] = l.split(':');
    return { name, gid: Number(gid), members: members ? members.split(',') : [] };
  });
}

function writeGroups(fs: FileAccess, groups: Group[]): void {
  fs.writeFile('/etc/group', groups.map((g) => `${g.name}:x:${g.gid}:${g.members.join(',')}`).join('\n') + '\n');
  const shadow = new Map(lines(fs, '/etc/gshadow').map((l) => [l.split(':')[0], l.split(':')]));
  fs.writeFile('/etc/gshadow', groups.map((g) => `${g.name}:${shadow.get(g.name)?.[1] ?? '!'}:${shadow.get(g.name)?.[2] ?? ''}:${g.members.join(',')}`).join('\n') + '\n');
}

/** Only root may lock the account files: shadow's two-line refusal. */
function lockRefused(ctx: CommandContext, program: string, file = '/etc/passwd'): number | undefined {
  if (ctx.user.uid === 0) return undefined;
  ctx.stderr.write(`${program}: Permission denied.\n${program}: cannot lock ${file}; try again later.\n`);
  return 1;
}

function findGroup(groups: Group[], spec: string): Group | undefined {
  return /^\d+$/.test(spec) ? groups.find((g) => g.gid === Number(spec)) : groups.find((g) => g.name === spec);
}

/** Options with an argument and flags, as getopt_long parses them for these tools. */
function parseOptions(argv: string[], withArg: Record<string, string>, flags: Record<string, string>): { opts: Map<string, string>; operands: string[]; bad?: string } {
  const opts = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [long, inline] = a.slice(2).split(/=(.*)/s, 2);
      const short = Object.entries({ ...withArg, ...flags }).find(([, l]) => l === long)?.[0];
      if (!short) return { opts, operands, bad: a };
      if (short in withArg) {
        const v = inline ?? argv[++i];
        if (v === undefined) return { opts, operands, bad: a };
        opts.set(short, v);
      } else opts.set(short, '');
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c in withArg) {
          const v = a.slice(j + 1) || argv[++i];
          if (v === undefined) return { opts, operands, bad: `-${c}` };
          opts.set(c, v);
          break;
        }
        if (!(c in flags)) return { opts, operands, bad: `-${c}` };
        opts.set(c, '');
      }
      continue;
    }
    operands.push(a);
  }
  return { opts, operands };
}

const USERADD_USAGE = `Usage: useradd [options] LOGIN
       useradd -D
       useradd -D [options]

Options:
      --badname                 do not check for bad names
  -b, --base-dir BASE_DIR       base directory for the home directory of the
                                new account
  -c, --comment COMMENT         GECOS field of the new account
  -d, --home-dir HOME_DIR       home directory of the new account
  -D, --defaults                print or change default useradd configuration
  -e, --expiredate EXPIRE_DATE  expiration date of the new account
  -f, --inactive INACTIVE       password inactivity period of the new account
  -g, --gid GROUP               name or ID of the primary group of the new
                                account
  -G, --groups GROUPS           list of supplementary groups of the new
                                account
  -h, --help                    display this help message and exit
  -k, --skel SKEL_DIR           use this alternative skeleton directory
  -K, --key KEY=VALUE           override /etc/login.defs defaults
  -l, --no-log-init             do not add the user to the lastlog and
                                faillog databases
  -m, --create-home             create the user's home directory
  -M, --no-create-home          do not create the user's home directory
  -N, --no-user-group           do not create a group with the same name as
                                the user
  -o, --non-unique              allow to create users with duplicate
                                (non-unique) UID
  -p, --password PASSWORD       encrypted password of the new account
  -r, --system                  create a system account
  -R, --root CHROOT_DIR         directory to chroot into
  -P, --prefix PREFIX_DIR       prefix directory where are located the /etc/* files
  -s, --shell SHELL             login shell of the new account
  -u, --uid UID                 user ID of the new account
  -U, --user-group              create a group with the same name as the user
  -Z, --selinux-user SEUSER     use a specific SEUSER for the SELinux user mapping

`;

/** Copies the skeleton into a new home, owned by the user. */
function copySkel(fs: FileAccess, from: string, to: string, uid: number, gid: number): void {
  for (const name of fs.readdir(from)) {
    const src = `${from}/${name}`;
    const dst = `${to}/${name}`;
    const st = fs.stat(src);
    if (st?.type === 'dir') {
      fs.mkdir(dst, { mode: st.mode & 0o7777 });
      copySkel(fs, src, dst, uid, gid);
    } else if (st?.type === 'file') {
      fs.writeFile(dst, fs.readFile(src), { mode: st.mode & 0o7777 });
    } else continue;
    fs.chown(dst, uid, gid);
  }
}

export const useradd: Program = async (ctx) => {
  const { opts, operands, bad } = parseOptions(
    ctx.argv.slice(1),
    { b: 'base-dir', c: 'comment', d: 'home-dir', e: 'expiredate', f: 'inactive', g: 'gid', G: 'groups', k: 'skel', K: 'key', p: 'password', R: 'root', P: 'prefix', s: 'shell', u: 'uid', Z: 'selinux-user' },
    { D: 'defaults', h: 'help', l: 'no-log-init', m: 'create-home', M: 'no-create-home', N: 'no-user-group', o: 'non-unique', r: 'system', U: 'user-group', B: 'badname' },
  );
  if (opts.has('h')) {
    ctx.stdout.write(USERADD_USAGE);
    return 0;
  }
  if (bad !== undefined || operands.length !== 1) {
    if (bad !== undefined) ctx.stderr.write(`useradd: unrecognized option '${bad}'\n`);
    ctx.stderr.write(USERADD_USAGE);
    return 2;
  }
  const refused = lockRefused(ctx, 'useradd');
  if (refused !== undefined) return refused;
  const name = operands[0];
  const fs = ctx.fs;
  if (!NAME.test(name) || name.length > 32) {
    ctx.stderr.write(`useradd: invalid user name '${name}': use --badname to ignore\n`);
    return 3;
  }
  const accounts = readAccounts(fs);
  const groups = readGroups(fs);
  if (accounts.some((a) => a.name === name)) {
    ctx.stderr.write(`useradd: user '${name}' already exists\n`);
    return 9;
  }
  let uid: number;
  if (opts.has('u')) {
    const u = opts.get('u')!;
    if (!/^\d+$/.test(u)) {
      ctx.stderr.write(`useradd: invalid user ID '${u}'\n`);
      return 3;
    }
    uid = Number(u);
    if (!opts.has('o') && accounts.some((a) => a.uid === uid)) {
      ctx.stderr.write(`useradd: UID ${uid} is not unique\n`);
      return 4;
    }
  } else {
    const system = opts.has('r');
    const used = accounts.map((a) => a.uid).filter((u) => (system ? u >= 100 && u < UID_MIN : u >= UID_MIN && u < 60000));
    uid = system ? Math.max(99, ...used) + 1 : Math.max(UID_MIN - 1, ...used) + 1;
  }
  let gid: number;
  let ownGroup = false;
  if (opts.has('g')) {
    const g = findGroup(groups, opts.get('g')!);
    if (!g) {
      ctx.stderr.write(`useradd: group '${opts.get('g')}' does not exist\n`);
      return 6;
    }
    gid = g.gid;
  } else if (opts.has('N')) {
    gid = 100;
  } else {
    if (groups.some((g) => g.name === name)) {
      ctx.stderr.write(`useradd: group ${name} exists - if you want to add this user to that group, use -g.\n`);
      return 9;
    }
    ownGroup = true;
    gid = groups.some((g) => g.gid === uid) ? Math.max(UID_MIN - 1, ...groups.map((g) => g.gid).filter((g) => g < 60000)) + 1 : uid;
  }
  const extra: Group[] = [];
  for (const spec of (opts.get('G') ?? '').split(',').filter(Boolean)) {
    const g = findGroup(groups, spec);
    if (!g) {
      ctx.stderr.write(`useradd: group '${spec}' does not exist\n`);
      return 6;
    }
    extra.push(g);
  }
  const home = opts.get('d') ?? `${opts.get('b') ?? '/home'}/${name}`;
  const shell = opts.get('s') ?? '/bin/sh';
  fs.writeFile('/etc/passwd', `${name}:x:${uid}:${gid}:${opts.get('c') ?? ''}:${home}:${shell}\n`, { append: true });
  fs.writeFile('/etc/shadow', `${name}:${opts.get('p') ?? '!'}:${Math.floor(ctx.clock.now() / 86_400_000)}:0:99999:7:::\n`, { append: true });
  if (ownGroup) groups.push({ name, gid, members: [] });
  for (const g of extra) g.members.push(name);
  writeGroups(fs, groups);
  if (opts.has('m') && !opts.has('M')) {
    if (fs.stat(home)) {
      ctx.stderr.write(`useradd: warning: the home directory ${home} already exists.\nuseradd: Not copying any file from skel directory into it.\n`);
    } else {
      fs.mkdir(home, { recursive: true, mode: 0o750 });
      fs.chmod(home, 0o750);
      fs.chown(home, uid, gid);
      const skel = opts.get('k') ?? '/etc/skel';
      if (fs.stat(skel)?.type === 'dir') copySkel(fs, skel, home, uid, gid);
    }
  }
  return 0;
};

export const usermod: Program = async (ctx) => {
  const { opts, operands, bad } = parseOptions(
    ctx.argv.slice(1),
    { c: 'comment', d: 'home', g: 'gid', G: 'groups', l: 'login', s: 'shell', u: 'uid', p: 'password' },
    { a: 'append', h: 'help', L: 'lock', U: 'unlock', m: 'move-home', r: 'remove' },
  );
  if (bad !== undefined || operands.length !== 1 || opts.has('h')) {
    if (bad !== undefined) ctx.stderr.write(`usermod: unrecognized option '${bad}'\n`);
    (opts.has('h') ? ctx.stdout : ctx.stderr).write('Usage: usermod [options] LOGIN\n\nOptions:\n');
    return opts.has('h') ? 0 : 2;
  }
  const refused = lockRefused(ctx, 'usermod');
  if (refused !== undefined) return refused;
  const name = operands[0];
  const fs = ctx.fs;
  const accounts = readAccounts(fs);
  const account = accounts.find((a) => a.name === name);
  if (!account) {
    ctx.stderr.write(`usermod: user '${name}' does not exist\n`);
    return 6;
  }
  const groups = readGroups(fs);
  if (opts.has('G')) {
    const wanted: Group[] = [];
    for (const spec of opts.get('G')!.split(',').filter(Boolean)) {
      const g = findGroup(groups, spec);
      if (!g) {
        ctx.stderr.write(`usermod: group '${spec}' does not exist\n`);
        return 6;
      }
      wanted.push(g);
    }
    for (const g of groups) {
      const member = g.members.includes(name);
      const keep = wanted.includes(g) || (opts.has('a') && member);
      if (keep && !member) g.members.push(name);
      if (!keep && member && !opts.has('r')) g.members = g.members.filter((m) => m !== name);
      if (opts.has('r') && wanted.includes(g)) g.members = g.members.filter((m) => m !== name);
    }
    writeGroups(fs, groups);
  }
  if (opts.has('s')) account.shell = opts.get('s')!;
  if (opts.has('c')) account.gecos = opts.get('c')!;
  if (opts.has('d')) account.home = opts.get('d')!;
  if (opts.has('g')) {
    const g = findGroup(groups, opts.get('g')!);
    if (!g) {
      ctx.stderr.write(`usermod: group '${opts.get('g')}' does not exist\n`);
      return 6;
    }
    account.gid = g.gid;
  }
  if (opts.has('s') || opts.has('c') || opts.has('d') || opts.has('g')) {
    const raw = lines(fs, '/etc/passwd');
    fs.writeFile('/etc/passwd', raw.map((l) => (l.split(':')[0] === name ? `${name}:x:${account.uid}:${account.gid}:${account.gecos}:${account.home}:${account.shell}` : l)).join('\n') + '\n');
  }
  return 0;
};

export const groupadd: Program = async (ctx) => {
  const { opts, operands, bad } = parseOptions(ctx.argv.slice(1), { g: 'gid', K: 'key', p: 'password' }, { f: 'force', h: 'help', o: 'non-unique', r: 'system' });
  if (bad !== undefined || operands.length !== 1 || opts.has('h')) {
    (opts.has('h') ? ctx.stdout : ctx.stderr).write('Usage: groupadd [options] GROUP\n\nOptions:\n');
    return opts.has('h') ? 0 : 2;
  }
  const refused = lockRefused(ctx, 'groupadd', '/etc/group');
  if (refused !== undefined) return refused;
  const name = operands[0];
  const groups = readGroups(ctx.fs);
  if (groups.some((g) => g.name === name)) {
    if (opts.has('f')) return 0;
    ctx.stderr.write(`groupadd: group '${name}' already exists\n`);
    return 9;
  }
  const gid = opts.has('g') ? Number(opts.get('g')) : Math.max(UID_MIN - 1, ...groups.map((g) => g.gid).filter((g) => g < 60000)) + 1;
  groups.push({ name, gid, members: [] });
  writeGroups(ctx.fs, groups);
  return 0;
};

export const userdel: Program = async (ctx) => {
  const { opts, operands, bad } = parseOptions(ctx.argv.slice(1), {}, { f: 'force', h: 'help', r: 'remove' });
  if (bad !== undefined || operands.length !== 1 || opts.has('h')) {
    (opts.has('h') ? ctx.stdout : ctx.stderr).write('Usage: userdel [options] LOGIN\n\nOptions:\n');
    return opts.has('h') ? 0 : 2;
  }
  const refused = lockRefused(ctx, 'userdel');
  if (refused !== undefined) return refused;
  const name = operands[0];
  const fs = ctx.fs;
  const account = readAccounts(fs).find((a) => a.name === name);
  if (!account) {
    ctx.stderr.write(`userdel: user '${name}' does not exist\n`);
    return 6;
  }
  fs.writeFile('/etc/passwd', lines(fs, '/etc/passwd').filter((l) => l.split(':')[0] !== name).join('\n') + '\n');
  fs.writeFile('/etc/shadow', lines(fs, '/etc/shadow').filter((l) => l.split(':')[0] !== name).join('\n') + '\n');
  const groups = readGroups(fs)
    .filter((g) => !(g.name === name && g.gid === account.gid && g.members.length === 0))
    .map((g) => ({ ...g, members: g.members.filter((m) => m !== name) }));
  writeGroups(fs, groups);
  if (opts.has('r') && fs.stat(account.home)) fs.remove(account.home, { recursive: true });
  return 0;
};
