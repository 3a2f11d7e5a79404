/**
 * Users and groups, read from the machine's own /etc/passwd and /etc/group so that anything
 * which edits those files (useradd, a lab's setup) is seen by id, su, sudo and ls -l.
 */
import type { UserIdentity } from '../../shell/command';
import type { Credentials, FsView } from './fs';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function readLines(fs: FsView, path: string): string[][] {
  let text = '';
  try {
    text = fs.readFile(path);
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

export function readPasswd(fs: FsView): PasswdEntry[] {
  return readLines(fs, '/etc/passwd')
    .filter((f) => f.length >= 7)
    .map(([name, , uid, gid, gecos, home, shell]) => ({ name, uid: Number(uid), gid: Number(gid), gecos, home, shell }));
}

export function readGroups(fs: FsView): GroupEntry[] {
  return readLines(fs, '/etc/group')
    .filter((f) => f.length >= 4)
    .map(([name, , gid, members]) => ({ name, gid: Number(gid), members: members ? members.split(',') : [] }));
}

export function findUser(fs: FsView, nameOrUid: string | number): PasswdEntry | undefined {
  const all = readPasswd(fs);
  if (typeof nameOrUid === 'number') return all.find((u) => u.uid === nameOrUid);
  return all.find((u) => u.name === nameOrUid) ?? (/^\d+$/.test(nameOrUid) ? all.find((u) => u.uid === Number(nameOrUid)) : undefined);
}

export function userName(fs: FsView, uid: number): string | undefined {
  return readPasswd(fs).find((u) => u.uid === uid)?.name;
}

export function groupName(fs: FsView, gid: number): string | undefined {
  return readGroups(fs).find((g) => g.gid === gid)?.name;
}

/** A user's primary group followed by the groups that list them, as `id` orders them. */
export function groupsOf(fs: FsView, user: PasswdEntry): GroupEntry[] {
  const groups = readGroups(fs);
  const primary = groups.find((g) => g.gid === user.gid) ?? { name: String(user.gid), gid: user.gid, members: [] };
  return [primary, ...groups.filter((g) => g.gid !== user.gid && g.members.includes(user.name))];
}

export interface ResolvedUser {
  identity: UserIdentity;
  creds: Credentials;
  shell: string;
}

/**
 * The user a process runs as when only its ids are given (a container's runAsUser/runAsGroup and
 * groups): the passwd entry of the uid names it when there is one; without one its name is the
 * number, its home /.
 */
export function userOfCredentials(fs: FsView, creds: Credentials): ResolvedUser {
  const u = readPasswd(fs).find((e) => e.uid === creds.uid);
  const names = readGroups(fs);
  const nameOf = (gid: number) => names.find((g) => g.gid === gid)?.name ?? String(gid);
  return {
    identity: { name: u?.name ?? String(creds.uid), uid: creds.uid, gid: creds.gid, home: u?.home ?? '/', groups: creds.groups.map(nameOf) },
    creds: { uid: creds.uid, gid: creds.gid, groups: [...creds.groups] },
    shell: u?.shell ?? '/bin/sh',
  };
}

export function resolveUser(fs: FsView, name: string): ResolvedUser | undefined {
  const u = findUser(fs, name);
  if (!u) return undefined;
  const groups = groupsOf(fs, u);
  return {
    identity: { name: u.name, uid: u.uid, gid: u.gid, home: u.home, groups: groups.map((g) => g.name) },
    creds: { uid: u.uid, gid: u.gid, groups: groups.map((g) => g.gid) },
    shell: u.shell,
  };
}
