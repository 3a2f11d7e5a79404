/**
 * What the GNU programs print for --help and --version, and the order of their long-option tables
 * (getopt lists an ambiguous abbreviation's possibilities in that order), recorded from the real
 * binaries by scripts/gnu-help/record.mjs: Ubuntu 22.04's on the nodes (jammy.json), Debian 12's in
 * Debian-based images such as nginx and httpd (bookworm.json). The texts are large, so they load the
 * first time a program meets a `--…` argument; getopt then reads them synchronously.
 */
import type { CommandContext, Program } from '../../command';

export interface GnuTexts {
  /** The --help text: @PATH@ stands for argv[0] as invoked (coreutils' program_name), @PROG@ for its base name (grep's getprogname). */
  help: string;
  helpStatus: number;
  version: string;
  /** The long options in the order of the program's table (what `PROG --=` lists). */
  longs: string[];
}

type GnuRelease = 'jammy' | 'bookworm';
type Table = Record<string, GnuTexts>;

/** argv[0] in a text, as given and by its base name. */
function named(text: string, argv0: string): string {
  return text.split('@PATH@').join(argv0).split('@PROG@').join(argv0.split('/').pop() ?? argv0);
}
const loaded: Partial<Record<GnuRelease, Table>> = {};
const loading: Partial<Record<GnuRelease, Promise<Table>>> = {};

const importers: Record<GnuRelease, () => Promise<Table>> = {
  jammy: () => import('./jammy.json').then((m) => (m.default ?? m) as unknown as Table),
  bookworm: () => import('./bookworm.json').then((m) => (m.default ?? m) as unknown as Table),
};

/**
 * Which GNU build the machine carries: Debian 12's where /etc/os-release says bookworm, Ubuntu
 * 22.04's on the other GNU systems (the nodes); none where the programs are busybox's (alpine, or no
 * os-release at all as in the busybox image).
 */
export function gnuRelease(ctx: Pick<CommandContext, 'fs'>): GnuRelease | undefined {
  let osRelease: string;
  try {
    osRelease = ctx.fs.readFile('/etc/os-release');
  } catch {
    return undefined;
  }
  if (/^ID="?alpine"?$/m.test(osRelease)) return undefined;
  return /^VERSION_CODENAME=bookworm$/m.test(osRelease) ? 'bookworm' : 'jammy';
}

function load(release: GnuRelease | undefined): Promise<Table | undefined> {
  if (!release) return Promise.resolve(undefined);
  return (loading[release] ??= importers[release]().then((table) => (loaded[release] = table)));
}

/** The recorded texts of the program ctx runs (by argv[0]'s base name), if they are loaded. */
export function gnuTextsOf(ctx: Pick<CommandContext, 'argv' | 'fs'>): GnuTexts | undefined {
  const name = (ctx.argv[0] ?? '').split('/').pop() ?? '';
  const release = gnuRelease(ctx);
  return release ? loaded[release]?.[name] : undefined;
}

/** The help text with the program's name as it was invoked. */
export function helpText(texts: GnuTexts, argv0: string): string {
  return named(texts.help, argv0);
}

/** The --version text; some programs (grep) print their name as invoked there too. */
export function versionText(texts: GnuTexts, argv0: string): string {
  return named(texts.version, argv0);
}

/** Only a long option can ask for help or a version, or need the table's order. */
export function mayNeedTexts(argv: readonly string[]): boolean {
  return argv.some((arg, i) => i > 0 && arg.startsWith('--'));
}

/** Loads the texts of the machine's build before the program runs, when its arguments may need them. */
export function withGnuTexts(program: Program): Program {
  return async (ctx) => {
    if (mayNeedTexts(ctx.argv)) await load(gnuRelease(ctx));
    return program(ctx);
  };
}

/** The programs recorded (scripts/gnu-help/record.mjs), as the shell's program table names them. */
export const GNU_PROGRAMS = [
  'cat', 'tac', 'nl', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'paste', 'fold', 'expand', 'comm', 'base64', 'od', 'seq', 'tee',
  'md5sum', 'sha1sum', 'sha256sum', 'ls', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'touch', 'ln', 'chmod', 'chown', 'chgrp', 'stat', 'du', 'df',
  'install', 'mktemp', 'basename', 'dirname', 'realpath', 'readlink', 'date', 'sleep', 'timeout', 'env', 'printenv', 'nohup', 'yes', 'expr',
  'nproc', 'uname', 'arch', 'sync', 'tty', 'who', 'users', 'logname', 'grep', 'egrep', 'fgrep', 'sed', 'find', 'xargs', 'diff', 'cmp',
  'gzip', 'gunzip', 'zcat', 'tar',
];

/** Preloads the texts (tests, and programs that parse by hand). */
export function loadGnuTexts(ctx: Pick<CommandContext, 'fs'>): Promise<Table | undefined> {
  return load(gnuRelease(ctx));
}
