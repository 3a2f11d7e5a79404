/**
 * User and group names from the machine's /etc/passwd and /etc/group, read through the
 * process's FileAccess (no dependency on the machine model). Unknown ids print as numbers.
 */
import type { CommandContext } from '../../command';

interface Entry {
  name: string;
  id: number;
  gid?: number;
}

function readTable(ctx: CommandContext, path: string, gidField: boolean): Entry[] {
  let text = '';
  try {
    text = ctx.fs.readFile(path);
  } catch {
    return [];
  }
  const out: Entry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || !/^\d+$/.test(f[2])) continue;
    out.push({ name: f[0], id: Number(f[2]), gid: gidField && f[3] !== undefined ? Number(f[3]) : undefined });
  }
  return out;
}

export function userName(ctx: CommandContext, uid: number): string {
  if (uid === ctx.user.uid) return ctx.user.name;
  return readTable(ctx, '/etc/passwd', true).find((e) => e.id === uid)?.name ?? String(uid);
}

export function groupName(ctx: CommandContext, gid: number): string {
  const g = readTable(ctx, '/etc/group', false).find((e) => e.id === gid)?.name;
  if (g) return g;
  if (gid === 0) return 'root';
  return String(gid);
}

/** A user by name or number: uid and primary gid, or undefined. */
export function lookupUser(ctx: CommandContext, name: string): { uid: number; gid: number } | undefined {
  const e = readTable(ctx, '/etc/passwd', true).find((x) => x.name === name);
  if (e) return { uid: e.id, gid: e.gid ?? e.id };
  if (name === ctx.user.name) return { uid: ctx.user.uid, gid: ctx.user.gid };
  if (/^\d+$/.test(name)) return { uid: Number(name), gid: Number(name) };
  return undefined;
}

export function lookupGroup(ctx: CommandContext, name: string): number | undefined {
  const e = readTable(ctx, '/etc/group', false).find((x) => x.name === name);
  if (e) return e.id;
  if (name === 'root') return 0;
  if (/^\d+$/.test(name)) return Number(name);
  return undefined;
}
