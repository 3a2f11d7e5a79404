/** journalctl (systemd 249): -u UNIT, -n N, -f, -e, -x, --no-pager, --since is accepted. */
import type { Program } from '../shell/command';
import { formatEntry } from '../sim/systemd/journal';
import { unitName } from '../sim/systemd/units';
import { isRoot, out } from './lib/context';
import { systemdFor } from './systemctl';

export const journalctl: Program = async (ctx) => {
  const units: string[] = [];
  let lines: number | undefined;
  let follow = false;
  let end = false;
  const argv = ctx.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-u' || a === '--unit') units.push(unitName(argv[++i] ?? ''));
    else if (a.startsWith('--unit=')) units.push(unitName(a.slice(7)));
    else if (a === '-n' || a === '--lines') lines = Number(argv[++i]);
    else if (a.startsWith('--lines=')) lines = Number(a.slice(8));
    else if (a === '-f' || a === '--follow') follow = true;
    else if (a === '-e' || a === '--pager-end') end = true;
    else if (a === '--since' || a === '--until' || a === '-p' || a === '--priority' || a === '-o' || a === '--output') i++;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      // Combined short flags such as -xe, -xeu UNIT, -fu UNIT.
      for (const c of a.slice(1)) {
        if (c === 'f') follow = true;
        else if (c === 'e') end = true;
        else if (c === 'u') units.push(unitName(argv[++i] ?? ''));
        else if (c === 'n') lines = Number(argv[++i]);
        else if (c !== 'x' && c !== 'a' && c !== 'l' && c !== 'r' && c !== 'q' && c !== 'b' && c !== 'k') {
          ctx.stderr.write(`journalctl: invalid option -- '${c}'\n`);
          return 1;
        }
      }
    } else if (a.startsWith('--')) continue;
  }
  if (lines !== undefined && (!Number.isFinite(lines) || lines < 0)) {
    ctx.stderr.write(`Failed to parse lines '${argv[argv.indexOf('-n') + 1]}'.\n`);
    return 1;
  }
  const sd = systemdFor(ctx);
  // Several units: the journal's own order (lines written at the same instant stay as written), filtered.
  const read = () => (units.length ? sd.journal().filter((e) => units.includes(e.unit)) : sd.journal());
  let entries = read();
  if (!isRoot(ctx)) {
    out(ctx.stdout, 'Hint: You are currently not seeing messages from other users and the system.\n      Users in groups \'adm\', \'systemd-journal\' can see all messages.\n      Pass -q to turn off this notice.');
    if (!ctx.user.groups.includes('adm')) entries = [];
  }
  const limit = lines ?? (follow ? 10 : end ? 1000 : undefined);
  const shown = limit === undefined ? entries : entries.slice(Math.max(0, entries.length - limit));
  if (!shown.length) out(ctx.stdout, '-- No entries --');
  else out(ctx.stdout, shown.map((e) => formatEntry(e, ctx.host)).join('\n'));
  if (!follow) return 0;
  // -f: print what arrives until Ctrl-C, checking on the simulated clock.
  let seen = entries.length;
  while (!ctx.signal.aborted) {
    await ctx.clock.sleep(1000, ctx.signal).catch(() => undefined);
    if (ctx.signal.aborted) break;
    const now = read();
    if (now.length > seen) out(ctx.stdout, now.slice(seen).map((e) => formatEntry(e, ctx.host)).join('\n'));
    seen = now.length;
  }
  return 130;
};
