/**
 * dpkg's checks of option values as it parses them (src/main.c set_* callbacks, src/force.c,
 * lib/dpkg/options.c dpkg_options_parse_arg_int): a bad value is a usage error at once.
 */
import { BadUsage } from './options';
import { Fatal } from './output';
import { singlePackage } from './pkg-spec';

/** strtol(value, &end, base) consuming the whole string; undefined when it does not. */
function wholeNumber(value: string, base: 0 | 8): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(value);
  if (!m) return undefined;
  const digits = m[2];
  let n: number;
  if (base === 8) {
    if (!/^[0-7]+$/.test(digits)) return undefined;
    n = parseInt(digits, 8);
  } else n = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 ? parseInt(digits, 8) : parseInt(digits, 10);
  return m[1] === '-' ? -n : n;
}

export function integerOption(long: string): (value: string) => void {
  return (value) => {
    const n = wholeNumber(value, 0);
    if (n === undefined || n < 0 || n > 2 ** 31 - 1) throw new BadUsage(`invalid integer for --${long}: '${value.slice(0, 250)}'`);
  };
}

/** --status-fd: an integer naming a descriptor the process has (only 0, 1 and 2 here). */
export function statusFdOption(value: string): void {
  integerOption('status-fd')(value);
  if ((wholeNumber(value, 0) ?? 0) > 2) throw new Fatal('unable to read filedescriptor flags for <package status and progress file descriptor>: Bad file descriptor');
}

export function debugOption(value: string): void {
  if (value.startsWith('h')) return;
  const n = wholeNumber(value, 8);
  if (n === undefined || n < 0) throw new BadUsage('--debug requires a positive octal argument');
}

export function verifyFormatOption(value: string): void {
  if (value !== 'rpm') throw new BadUsage(`unknown verify output format '${value}'`);
}

const FORCE_THINGS = new Set([
  'all', 'security-mac', 'downgrade', 'configure-any', 'hold', 'not-root', 'bad-path', 'bad-verify', 'bad-version', 'statoverride-add',
  'statoverride-remove', 'overwrite', 'overwrite-diverted', 'overwrite-dir', 'unsafe-io', 'script-chrootless', 'confnew', 'confold', 'confdef',
  'confmiss', 'confask', 'architecture', 'breaks', 'conflicts', 'depends', 'depends-version', 'remove-reinstreq', 'remove-protected', 'remove-essential',
]);

export function forceOption(value: string): void {
  if (value === 'help') return;
  for (const thing of value.split(',')) if (!FORCE_THINGS.has(thing)) throw new BadUsage(`unknown force/refuse option '${thing.slice(0, 250)}'`);
}

export function ignoreDependsOption(value: string): void {
  if (!value) return;
  const names = value.split(',');
  if (names.includes('')) throw new BadUsage(`null package name in --ignore-depends comma-separated list '${value.slice(0, 250)}'`);
  for (const name of names) {
    const r = singlePackage(name, []);
    if ('error' in r) throw new BadUsage(`--ignore-depends needs a valid package name but '${name.slice(0, 250)}' is not: ${r.error}`);
  }
}
