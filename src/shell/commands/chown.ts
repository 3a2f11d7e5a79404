/** chown / chgrp: change owner and group (user, user:group, :group, user.group), -R, -v. */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, lq, progName } from './lib/io';
import { lookupGroup, lookupUser } from './lib/users';
import { walk } from './lib/walk';

function makeChown(groupOnly: boolean): Program {
  return async (ctx: CommandContext) => {
    const name = progName(ctx);
    const args = parseArgs(ctx, [flag('R', 'recursive'), flag('v', 'verbose'), flag('c', 'changes'), flag('f', 'silent'), flag('h', 'no-dereference'), withArg(undefined, 'reference')]);
    if (typeof args === 'number') return args;
    const ops = [...args.operands];
    const usage = (msg: string) => {
      ctx.stderr.write(`${name}: ${msg}\nTry '${name} --help' for more information.\n`);
      return 1;
    };
    const spec = ops.shift();
    if (spec === undefined) return usage('missing operand');
    if (!ops.length) return usage(`missing operand after ${lq(spec)}`);
    let uid = -1;
    let gid = -1;
    if (groupOnly) {
      const g = lookupGroup(ctx, spec);
      if (g === undefined) {
        ctx.stderr.write(`${name}: invalid group: ${lq(spec)}\n`);
        return 1;
      }
      gid = g;
    } else {
      const m = /^([^:.]*)(?:[:.](.*))?$/.exec(spec)!;
      const [, user, group] = m;
      if (user) {
        const u = lookupUser(ctx, user);
        if (!u) {
          ctx.stderr.write(`${name}: invalid user: ${lq(spec)}\n`);
          return 1;
        }
        uid = u.uid;
        if (group === '') gid = u.gid;
      }
      if (group) {
        const g = lookupGroup(ctx, group);
        if (g === undefined) {
          ctx.stderr.write(`${name}: invalid group: ${lq(spec)}\n`);
          return 1;
        }
        gid = g;
      }
    }
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
          ctx.fs.chown(q, uid, gid);
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
