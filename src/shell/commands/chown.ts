/** chown / chgrp: change owner and group (user, user:group, :group, user.group), -R, -v. */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, lq, progName } from './lib/io';
import { lookupGroup, lookupUser } from './lib/users';
import { walk } from './lib/walk';

/** OWNER[:GROUP] (or OWNER.GROUP, :GROUP, OWNER:) as chown reads it: ids (-1 for unchanged), or the message. */
function ownerSpec(ctx: CommandContext, spec: string): { uid: number; gid: number } | string {
  const [, user, group] = /^([^:.]*)(?:[:.](.*))?$/.exec(spec)!;
  let uid = -1;
  let gid = -1;
  if (user) {
    const u = lookupUser(ctx, user);
    if (!u) return `invalid user: ${lq(spec)}`;
    uid = u.uid;
    if (group === '') gid = u.gid;
  }
  if (group) {
    const g = lookupGroup(ctx, group);
    if (g === undefined) return `invalid group: ${lq(spec)}`;
    gid = g;
  }
  return { uid, gid };
}

function makeChown(groupOnly: boolean): Program {
  return async (ctx: CommandContext) => {
    const name = progName(ctx);
    const args = parseArgs(ctx, [
      flag('R', 'recursive'), flag('c', 'changes'), flag(undefined, 'dereference'), ...(groupOnly ? [] : [withArg(undefined, 'from')]), flag('h', 'no-dereference'),
      flag(undefined, 'no-preserve-root'), flag(undefined, 'preserve-root'), flag(undefined, 'quiet', 'f'), flag('f', 'silent'), withArg(undefined, 'reference'), flag('v', 'verbose'),
      flag('H'), flag('L'), flag('P'),
    ]);
    if (typeof args === 'number') return args;
    // --from=OWNER[:GROUP]: only files owned so change (chown.c checks it while reading the options).
    const fromSpec = args.last('from');
    const from = fromSpec === undefined ? undefined : ownerSpec(ctx, fromSpec);
    if (typeof from === 'string') {
      ctx.stderr.write(`${name}: ${from}\n`);
      return 1;
    }
    const ops = [...args.operands];
    const usage = (msg: string) => {
      ctx.stderr.write(`${name}: ${msg}\nTry '${name} --help' for more information.\n`);
      return 1;
    };
    const reference = args.last('reference');
    // With --reference the owner and group are the reference file's, and every operand is a file.
    const spec = reference === undefined ? ops.shift() : reference;
    if (spec === undefined || (reference !== undefined && !ops.length)) return usage('missing operand');
    if (!ops.length) return usage(`missing operand after ${lq(spec)}`);
    let uid = -1;
    let gid = -1;
    if (reference !== undefined) {
      const st = ctx.fs.stat(reference);
      if (!st) {
        ctx.stderr.write(`${name}: failed to get attributes of '${reference}': No such file or directory\n`);
        return 1;
      }
      if (!groupOnly) uid = st.uid;
      gid = st.gid;
    } else if (groupOnly) {
      const g = lookupGroup(ctx, spec);
      if (g === undefined) {
        ctx.stderr.write(`${name}: invalid group: ${lq(spec)}\n`);
        return 1;
      }
      gid = g;
    } else {
      const ids = ownerSpec(ctx, spec);
      if (typeof ids === 'string') {
        ctx.stderr.write(`${name}: ${ids}\n`);
        return 1;
      }
      ({ uid, gid } = ids);
    }
    const matchesFrom = (path: string) => {
      if (!from) return true;
      const st = ctx.fs.lstat(path);
      return !!st && (from.uid === -1 || st.uid === from.uid) && (from.gid === -1 || st.gid === from.gid);
    };
    if (ctx.user.uid !== 0) {
      // Only root may give files away (CAP_CHOWN); a user may only change the group to one of theirs.
    }
    let status = 0;
    for (const p of ops) {
      if (!ctx.fs.lstat(p)) {
        if (!args.has('f')) ctx.stderr.write(`${name}: cannot access '${p}': No such file or directory\n`);
        status = 1;
        continue;
      }
      try {
        const paths = args.has('R') ? [...walk(ctx.fs, p, { followRoot: true })].map((e) => e.path) : [p];
        for (const q of paths) {
          if (!matchesFrom(q)) continue;
          // -1 leaves that id as it is (chown(2)); the filesystem takes both ids as given.
          const st = ctx.fs.stat(q);
          ctx.fs.chown(q, uid === -1 ? (st?.uid ?? uid) : uid, gid === -1 ? (st?.gid ?? gid) : gid);
          if (args.has('v')) ctx.stdout.write(`ownership of '${q}' retained as ${spec}\n`);
        }
      } catch (e) {
        ctx.stderr.write(`${name}: changing ${groupOnly ? 'group' : 'ownership'} of '${p}': ${errorText(e)}\n`);
        status = 1;
      }
    }
    return status;
  };
}

export const chown = makeChown(false);
export const chgrp = makeChown(true);
