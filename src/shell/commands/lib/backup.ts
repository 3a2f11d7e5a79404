/**
 * Backups of a destination about to be replaced, as cp, mv, ln and install make them (gnulib
 * backupfile.c): -b or --backup[=CONTROL] (else $VERSION_CONTROL) chooses simple (NAME~), numbered
 * (NAME.~N~) or existing (numbered where numbered backups exist); -S SUFFIX (else
 * $SIMPLE_BACKUP_SUFFIX, else ~) names simple ones, and -S alone turns backups on.
 */
import type { CommandContext } from '../../command';
import { flag, optArg, withArg, type OptionSpec, type ParsedArgs } from './args';
import { argmatch } from './argmatch';

export type BackupType = 'none' | 'simple' | 'existing' | 'numbered';

/** -b, --backup[=CONTROL] and -S, --suffix=SUFFIX, one key each. */
export const BACKUP_SPECS: OptionSpec[] = [flag('b', undefined, 'backup'), optArg(undefined, 'backup', 'backup'), withArg('S', 'suffix', 'suffix')];

/** argmatch's table for 'backup type' (backupfile.c backup_args / backup_types), in its order. */
const CONTROLS: [string, BackupType][] = [
  ['none', 'none'], ['off', 'none'], ['simple', 'simple'], ['never', 'simple'], ['existing', 'existing'], ['nil', 'existing'], ['numbered', 'numbered'], ['t', 'numbered'],
];

function controlType(word: string, context: string): { type: BackupType } | string {
  const matched = argmatch(word, CONTROLS, context);
  return typeof matched === 'string' ? matched : { type: matched.value };
}

export interface BackupPlan {
  type: BackupType;
  suffix: string;
}

/** The backup the options ask for, or a usage error's text (without the program's name or Try line). */
export function backupPlan(ctx: Pick<CommandContext, 'env'>, args: ParsedArgs): BackupPlan | string {
  const suffix = args.last('suffix') ?? (ctx.env.SIMPLE_BACKUP_SUFFIX || '~');
  if (!args.has('backup') && !args.has('suffix')) return { type: 'none', suffix };
  const control = args.all('backup').filter((v) => v !== '').pop();
  const chosen = control !== undefined ? controlType(control, 'backup type') : ctx.env.VERSION_CONTROL ? controlType(ctx.env.VERSION_CONTROL, '$VERSION_CONTROL') : { type: 'existing' as const };
  return typeof chosen === 'string' ? chosen : { type: chosen.type, suffix };
}

/** Moves an existing `dest` aside as the plan says; returns the backup's name (for -v), if one was made. */
export function backUp(ctx: Pick<CommandContext, 'fs'>, dest: string, plan: BackupPlan): string | undefined {
  if (plan.type === 'none' || !ctx.fs.lstat(dest)) return undefined;
  const slash = dest.lastIndexOf('/');
  const dir = slash >= 0 ? dest.slice(0, slash + 1) || '/' : '.';
  const base = dest.slice(slash + 1);
  const numbers = ctx.fs
    .readdir(dir)
    .map((name) => (name.startsWith(`${base}.~`) ? /^\.~(\d+)~$/.exec(name.slice(base.length)) : null))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  const numbered = plan.type === 'numbered' || (plan.type === 'existing' && numbers.length > 0);
  const backup = numbered ? `${dest}.~${Math.max(0, ...numbers) + 1}~` : `${dest}${plan.suffix}`;
  ctx.fs.rename(dest, backup);
  return backup;
}
