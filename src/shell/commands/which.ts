/** which (debianutils): the first executable of each name on PATH (-a: all). */
import type { Program } from '../command';

export const which: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  const all = argv.includes('-a');
  const names = argv.filter((a) => a !== '-a' && a !== '-s');
  if (!names.length) return 1;
  const dirs = (ctx.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
  let status = 0;
  const isExec = (p: string) => {
    const st = ctx.fs.stat(p);
    return !!st && st.type === 'file' && (st.mode & 0o111) !== 0;
  };
  for (const n of names) {
    if (n.includes('/')) {
      if (isExec(n)) ctx.stdout.write(n + '\n');
      else status = 1;
      continue;
    }
    let found = false;
    for (const d of dirs) {
      const p = `${d || '.'}/${n}`;
      if (isExec(p)) {
        ctx.stdout.write(p + '\n');
        found = true;
        if (!all) break;
      }
    }
    if (!found) status = 1;
  }
  return status;
};
