/**
 * dpkg 1.21 (src/main.c): its option table; -l, -s, -p, -L and -S run dpkg-query (execbackend),
 * the selections, version, architecture and audit actions run here, the writing ones in writing.ts.
 */
import type { DpkgPackage } from './database';
import type { Io } from './output';
import type { OptionSpec, ParsedOptions } from './options';
import { BadUsage } from './options';
import { debugOption, forceOption, ignoreDependsOption, integerOption, statusFdOption, verifyFormatOption } from './option-checks';
import { Fatal } from './output';
import { assertFeature, audit, compareVersions, getSelections, nothingPending, printArchitecture, validate } from './dpkg-actions';
import { namedPackage } from './query-actions';
import { configurePackages, installArchives, removePackages } from './writing';
import { setSelections } from './selections';
import { verifyPackages, type VerifyFs } from './verify';
import { DPKG_HELP, DPKG_VERSION } from './help';

const action = (long: string, short?: string, takesValue: 0 | 2 = 0): OptionSpec => ({ long, short, takesValue, action: true });
const flag = (long: string | undefined, short?: string): OptionSpec => ({ long, short, takesValue: 0 });
const valued = (long: string, short?: string, takesValue: 1 | 2 = 1, check?: (value: string) => void): OptionSpec => ({ long, short, takesValue, check });

/** Actions that dpkg hands to dpkg-query. */
export const BACKEND = new Set(['listfiles', 'status', 'print-avail', 'list', 'search']);
/** Actions that change the system: they need root (modstatdb_open with msdbrw_needsuperuser). */
export const WRITING_ACTIONS = new Set(['install', 'unpack', 'record-avail', 'configure', 'remove', 'purge', 'triggers-only', 'set-selections', 'clear-selections', 'update-avail', 'merge-avail', 'clear-avail', 'forget-old-unavail', 'add-architecture', 'remove-architecture']);

export const DPKG_OPTIONS: OptionSpec[] = [
  action('install', 'i'), action('unpack'), action('record-avail', 'A'), action('configure'), action('remove', 'r'), action('purge', 'P'),
  action('triggers-only'), action('verify', 'V'), action('listfiles', 'L'), action('status', 's'), action('get-selections'),
  action('set-selections'), action('clear-selections'), action('print-avail', 'p'), action('update-avail'), action('merge-avail'),
  action('clear-avail'), action('forget-old-unavail'), action('audit', 'C'), action('yet-to-unpack'), action('list', 'l'),
  action('search', 'S'), action('assert', undefined, 2), action('add-architecture'), action('remove-architecture'),
  action('print-architecture'), action('print-foreign-architectures'), action('predep-package'), action('validate-pkgname'),
  action('validate-trigname'), action('validate-archname'), action('validate-version'), action('compare-versions'),
  valued('pre-invoke'), valued('post-invoke'), valued('path-exclude'), valued('path-include'), valued('verify-format', undefined, 1, verifyFormatOption),
  valued('status-logger'), valued('status-fd', undefined, 1, statusFdOption), valued('log'), flag('pending', 'a'), flag('recursive', 'R'), flag('no-act'),
  flag('dry-run'), flag('simulate'), flag('no-pager'), flag('no-debsig'), flag(undefined, 'G'), flag('selected-only', 'O'),
  flag('triggers'), flag('no-triggers'), flag('no-also-select', 'N'), flag('skip-same-version', 'E'), flag('auto-deconfigure', 'B'),
  flag('robot'), valued('root'), valued('abort-after', undefined, 1, integerOption('abort-after')), valued('admindir'), valued('instdir'), valued('ignore-depends', undefined, 1, ignoreDependsOption),
  valued('force', undefined, 2, forceOption), valued('refuse', undefined, 2, forceOption), valued('no-force', undefined, 2, forceOption), valued('debug', 'D', 1, debugOption),
  { long: 'help', short: '?', takesValue: 0, immediate: DPKG_HELP }, { long: 'version', takesValue: 0, immediate: DPKG_VERSION },
  action('build', 'b'), action('contents', 'c'), action('control', 'e'), action('info', 'I'), action('field', 'f'),
  action('extract', 'x'), action('vextract', 'X'), action('ctrl-tarfile'), action('fsys-tarfile'),
];

type DpkgAction = (io: Io, packages: DpkgPackage[], args: string[]) => number;

const OWN_ACTIONS: Record<string, DpkgAction> = {
  'get-selections': getSelections,
  'compare-versions': (io, _p, args) => compareVersions(io, args),
  'print-architecture': (io, _p, args) => printArchitecture(io, args, 'print-architecture', ['amd64']),
  'print-foreign-architectures': (io, _p, args) => printArchitecture(io, args, 'print-foreign-architectures', []),
  audit: (io, packages, args) =>
    audit(packages, args, (arg) => {
      const { pkg, name } = namedPackage('audit', arg, packages);
      if (!pkg) io.notice(`package '${name}' is not installed`);
    }),
  'yet-to-unpack': (_io, _p, args) => nothingPending('yet-to-unpack', args),
  'validate-pkgname': (io, _p, args) => validate(io, 'validate-pkgname', args),
  'validate-trigname': (io, _p, args) => validate(io, 'validate-trigname', args),
  'validate-archname': (io, _p, args) => validate(io, 'validate-archname', args),
  'validate-version': (io, _p, args) => validate(io, 'validate-version', args),
  'predep-package': (_io, _p, args) => nothingPending('predep-package', args),
};

/** The action's argument check where dpkg has one before it would touch the system (src/archives.c, src/packages.c). */
const NEEDS_ARGUMENT: Record<string, string> = {
  install: 'package archive file', unpack: 'package archive file', 'record-avail': 'package archive file',
  configure: 'package name', remove: 'package name', purge: 'package name',
};

/**
 * dpkg's own actions. The writing ones need root; past that, and past their argument check,
 * they are not modelled here and say so (apt-get installs and removes packages).
 */
/** What dpkg's writing actions reach of the process and the machine. */
export interface DpkgSystem {
  isRoot: boolean;
  exists(path: string): boolean;
  /** Standard input, read before the action runs (--set-selections). */
  stdin?: string;
  setHold(name: string, hold: boolean): void;
  /** The machine's files as the caller sees them (--verify). */
  files: VerifyFs;
}

export function runDpkgAction(io: Io, packages: DpkgPackage[], opts: ParsedOptions, sys: DpkgSystem): number {
  const name = opts.action!.long!;
  const own = OWN_ACTIONS[name];
  if (own) return own(io, packages, opts.args);
  if (name === 'verify') return verifyPackages(io, packages, opts.args, sys.files, (arg) => namedPackage('verify', arg, packages));
  if (name === 'assert') return assertFeature(io, opts.values.get('assert') ?? '', opts.args);
  const what = NEEDS_ARGUMENT[name];
  if (what && !opts.args.length && !opts.flags.has('pending')) throw new BadUsage(`--${name} needs at least one ${what} argument`);
  const noAct = opts.flags.has('no-act') || opts.flags.has('dry-run') || opts.flags.has('simulate');
  if (name === 'set-selections' && opts.args.length) throw new BadUsage('--set-selections takes no arguments');
  if (!sys.isRoot && WRITING_ACTIONS.has(name) && !(name === 'set-selections' && noAct)) throw new Fatal('requested operation requires superuser privilege');
  if (name === 'set-selections') return setSelections(io, packages, sys.stdin ?? '', noAct ? () => undefined : (n, hold) => sys.setHold(n, hold));
  const pending = opts.flags.has('pending');
  if (name === 'install' || name === 'unpack' || name === 'record-avail') return installArchives(io, name, opts.args, (path) => sys.exists(path));
  if (name === 'remove' || name === 'purge') return pending ? 0 : removePackages(io, packages, name, opts.args);
  if (name === 'configure') return configurePackages(io, packages, pending ? [] : opts.args);
  throw new Fatal(`--${name} is not available on this simulated machine (use apt-get)`);
}
